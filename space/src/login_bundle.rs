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

/// `?raison=` of the address, as the space's router would read it.
pub fn reason_in(search: &str) -> Option<EndReason> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("raison="))
        .and_then(EndReason::from_param)
}

#[component]
pub fn LoginApp() -> impl IntoView {
    provide_i18n();
    provide_session();
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let reason = Signal::stored(reason_in(&search));
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

#[cfg(test)]
mod tests {
    use super::reason_in;
    use crate::session::EndReason;

    #[test]
    fn the_reason_is_read_from_the_address_as_the_router_reads_it() {
        for (search, reason) in [
            ("", None),
            ("?raison=deconnexion", Some(EndReason::LoggedOut)),
            ("?raison=inactivite", Some(EndReason::Inactivity)),
            ("?x=1&raison=session", Some(EndReason::SessionRequired)),
            ("?raison=autre", None),
            ("?saison=session", None),
        ] {
            assert_eq!(reason_in(search), reason, "{search}");
        }
    }
}
