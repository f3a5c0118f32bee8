//! The Pass'Région application (Leptos, client-side rendering). `main.rs` only mounts [`app::App`]; everything
//! lives in this library so that `tests/` (native and wasm-bindgen-test) can reach it.

pub mod api;
pub mod app;
pub mod chunks;
pub mod i18n;
pub mod keyed_resource;
pub mod pages;
pub mod phone;
pub mod photo;
pub mod photo_bridge;
pub mod space_photo;
pub mod start_bundle;
pub mod state;
pub mod steps;
pub mod storage;
pub mod ui;

/// talc instead of std's dlmalloc: the same job in less code on the first page (docs/size.md, levers). Single-threaded
/// wasm only, which is what this app is built for (no atomics).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Mounts the application on `<body>`, in a task of its own after the module's start-up
/// (`passregion_lazy::mount_to_body_next_task`).
pub fn run() {
    console_error_panic_hook::set_once();
    i18n::use_french(i18n::french::APPLICATION);
    passregion_lazy::mount_to_body_next_task(app::App);
}

/// Mounts the phone's page of the photo handoff (its own bundle, `src/bin/passregion-phone.rs`), in a task of its
/// own as [`run`] does.
pub fn run_phone() {
    console_error_panic_hook::set_once();
    i18n::use_french(i18n::french::PHONE);
    passregion_lazy::mount_to_body_next_task(phone::PhoneApp);
}

/// Mounts the beneficiary space's photo page (its own bundle, `src/bin/passregion-space-photo.rs`), in a task of its
/// own as [`run`] does.
pub fn run_space_photo() {
    console_error_panic_hook::set_once();
    i18n::use_french(i18n::french::SPACE_PHOTO);
    passregion_lazy::mount_to_body_next_task(space_photo::SpacePhotoApp);
}

/// Mounts the start page's own bundle (`src/bin/passregion-start.rs`), in a task of its own as [`run`] does.
pub fn run_start() {
    console_error_panic_hook::set_once();
    i18n::use_french(i18n::french::START);
    passregion_lazy::mount_to_body_next_task(start_bundle::StartApp);
}
