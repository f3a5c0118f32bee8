//! The space's root: language and session contexts, the layout, the routes under `/espace`.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::chunks::{self, lazy};
use crate::i18n::provide_i18n;
use crate::pages::not_found::NotFound;
use crate::session::provide_session;
use crate::ui::layout::Layout;

pub const HOME_PATH: &str = "/espace";
pub const LOGIN_PATH: &str = passregion_core::space::LOGIN_PATH;
pub const FORGOT_PASSWORD_PATH: &str = "/espace/mot-de-passe-oublie";
pub const FORGOT_NUMBER_PATH: &str = "/espace/numero-oublie";
pub const CODE_PATH: &str = "/espace/code-secret";
pub const CARD_PATH: &str = "/espace/carte";
pub const ADVANTAGES_PATH: &str = "/espace/avantages";
pub const MY_DETAILS_PATH: &str = "/espace/mes-informations";
/// The emailed links: a new password, a new email address confirmed.
pub const RESET_PASSWORD_PATH: &str = "/espace/mot-de-passe";
pub const CONFIRM_EMAIL_PATH: &str = "/espace/confirmer-email";
/// The application's activation page (another bundle: a full page load).
pub const ACTIVATION_PATH: &str = "/activation";

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_session();
    crate::page_title::provide_errors_shown();
    view! {
        <Router>
            <TabTitle />
            <Layout>
                <Routes fallback=NotFound>
                    // Every page but the login is fetched when first opened (src/chunks.rs).
                    <Route path=path!("/espace") view=|| lazy(chunks::espace, chunks::preload_espace) />
                    <Route path=path!("/espace/") view=|| lazy(chunks::espace, chunks::preload_espace) />
                    <Route path=path!("/espace/connexion") view=chunks::login />
                    <Route path=path!("/espace/mot-de-passe-oublie") view=|| lazy(chunks::mot_de_passe_oublie, chunks::preload_mot_de_passe_oublie) />
                    <Route path=path!("/espace/mot-de-passe") view=|| lazy(chunks::mot_de_passe, chunks::preload_mot_de_passe) />
                    <Route path=path!("/espace/numero-oublie") view=|| lazy(chunks::numero_oublie, chunks::preload_numero_oublie) />
                    <Route path=path!("/espace/code-secret") view=|| lazy(chunks::code_secret, chunks::preload_code_secret) />
                    <Route path=path!("/espace/carte") view=|| lazy(chunks::carte, chunks::preload_carte) />
                    <Route path=path!("/espace/avantages") view=|| lazy(chunks::avantages, chunks::preload_avantages) />
                    <Route path=path!("/espace/mes-informations") view=|| lazy(chunks::mes_informations, chunks::preload_mes_informations) />
                    <Route path=path!("/espace/confirmer-email") view=|| lazy(chunks::confirmer_email, chunks::preload_confirmer_email) />
                </Routes>
            </Layout>
        </Router>
    }
}

/// The tab's title follows the address (src/page_title.rs); inside the router, which knows it.
#[component]
fn TabTitle() -> impl IntoView {
    let location = use_location();
    crate::page_title::follow(move || location.pathname.get());
}
