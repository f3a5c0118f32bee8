//! The beneficiary space of the Pass'Région, a Leptos app of its own under `/espace/`: log in with the dossier
//! number, the dossier and its progress, a new photo after a refusal, a lost password or dossier number. It shares
//! core's wire types and rules with the application and the server, and nothing of the application's bundle.

pub mod api;
pub mod app;
pub mod chunks;
pub mod dates;
pub mod i18n;
pub mod pages;
pub mod session;
pub mod storage;
pub mod ui;

pub fn run() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
