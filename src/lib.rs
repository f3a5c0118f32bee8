//! The Pass'Région application (Leptos, client-side rendering). `main.rs` only mounts [`app::App`]; everything
//! lives in this library so that `tests/` (native and wasm-bindgen-test) can reach it.

pub mod app;
pub mod i18n;
pub mod photo;
pub mod storage;

/// Mounts the application on `<body>`.
pub fn run() {
    leptos::mount::mount_to_body(app::App);
}
