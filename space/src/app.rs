//! The space's root: language and session contexts, the layout, the routes under `/espace`.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::i18n::provide_i18n;
use crate::pages::{
    advantages::AdvantagesPage, card::CardPage, confirm_email::ConfirmEmailPage, my_details::MyDetailsPage, dossier::DossierPage, secret_code::SecretCodePage, forgot_number::ForgotNumberPage, forgot_password::ForgotPasswordPage, login::LoginPage,
    not_found::NotFound, reset_password::ResetPasswordPage,
};
use crate::session::provide_session;
use crate::ui::layout::Layout;

pub const HOME_PATH: &str = "/espace";
pub const LOGIN_PATH: &str = "/espace/connexion";
pub const FORGOT_PASSWORD_PATH: &str = "/espace/mot-de-passe-oublie";
pub const FORGOT_NUMBER_PATH: &str = "/espace/numero-oublie";
pub const CODE_PATH: &str = "/espace/code-secret";
pub const CARD_PATH: &str = "/espace/carte";
pub const ADVANTAGES_PATH: &str = "/espace/avantages";
pub const MY_DETAILS_PATH: &str = "/espace/mes-informations";
/// The application's activation page (another bundle: a full page load).
pub const ACTIVATION_PATH: &str = "/activation";

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_session();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/espace") view=DossierPage />
                    <Route path=path!("/espace/") view=DossierPage />
                    <Route path=path!("/espace/connexion") view=LoginPage />
                    <Route path=path!("/espace/mot-de-passe-oublie") view=ForgotPasswordPage />
                    <Route path=path!("/espace/mot-de-passe") view=ResetPasswordPage />
                    <Route path=path!("/espace/numero-oublie") view=ForgotNumberPage />
                    <Route path=path!("/espace/code-secret") view=SecretCodePage />
                    <Route path=path!("/espace/carte") view=CardPage />
                    <Route path=path!("/espace/avantages") view=AdvantagesPage />
                    <Route path=path!("/espace/mes-informations") view=MyDetailsPage />
                    <Route path=path!("/espace/confirmer-email") view=ConfirmEmailPage />
                </Routes>
            </Layout>
        </Router>
    }
}
