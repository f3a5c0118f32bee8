//! The login page's own bundle (src/bin/passregion-space-login.rs): what `/espace/connexion` runs, the space's door,
//! where nearly everyone comes in (from the application's header, the confirmation, the activation page). The same
//! page as the space's, without what it does not use: the router, the pages' menu, the idle watch and the other
//! pages. That keeps the space's first page within issue 8's 150 KB (docs/size.md, "The start page, a bundle of its
//! own"). Once logged in, a page load opens the dossier; index.html fetches the space's files at idle while the
//! login page is read (build-tools/app-wasm.mjs).

use leptos::prelude::*;

use crate::app::{HOME_PATH, LOGIN_PATH};
use crate::i18n::provide_i18n;
use crate::pages::login::LoginPage;
use crate::session::{EndReason, provide_session};
use crate::ui::layout::LoggedOutLayout;
use passregion_core::space::idle_minutes_in;

#[component]
pub fn LoginApp() -> impl IntoView {
    provide_i18n();
    let session = provide_session();
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    if let Some(minutes) = idle_minutes_in(&search) {
        session.idle_secs.set(minutes * 60);
    }
    let reason = Signal::stored(EndReason::in_query(&search));
    crate::page_title::provide_errors_shown();
    crate::page_title::follow(|| LOGIN_PATH.to_string());
    let logged_in = Callback::new(|()| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().assign(HOME_PATH);
        }
    });
    view! {
        <LoggedOutLayout>
            <LoginPage reason logged_in />
        </LoggedOutLayout>
    }
}
