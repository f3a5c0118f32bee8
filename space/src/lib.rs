//! The beneficiary space of the Pass'Région, a Leptos app of its own under `/espace/`: log in with the dossier
//! number, the dossier and its progress, a new photo after a refusal, a lost password or dossier number. It shares
//! core's wire types and rules with the application and the server, and nothing of the application's bundle.

pub mod api;
pub mod app;
pub mod chunks;
pub mod dates;
pub mod i18n;
pub mod login_bundle;
pub mod page_title;
pub mod pages;
pub mod session;
pub mod storage;
pub mod ui;

/// talc instead of std's dlmalloc, as in the application: the same job in less code on the first page (docs/size.md,
/// levers). Single-threaded wasm only, which is what the space is built for (no atomics).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Mounts the space on `<body>`, in a task of its own after the module's start-up, as the application does
/// (`passregion_lazy::mount_to_body_next_task`).
pub fn run() {
    console_error_panic_hook::set_once();
    i18n::use_french(i18n::french::SPACE);
    passregion_lazy::mount_to_body_next_task(app::App);
}

/// Mounts the login page's own bundle (`src/bin/passregion-space-login.rs`), in a task of its own as [`run`] does.
pub fn run_login() {
    console_error_panic_hook::set_once();
    i18n::use_french(i18n::french::LOGIN);
    passregion_lazy::mount_to_body_next_task(login_bundle::LoginApp);
}
