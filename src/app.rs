//! The root component: language and state contexts, the layout and the routes.
//!
//! Routes: `/` start page, `/demande/<slug>` each journey step (slugs from core's `journey::STEPS`),
//! `/demande/confirmation`, `/activation?token=…`, `/protection-des-donnees`, anything else the 404 page.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::i18n::provide_i18n;
use crate::pages::{activation::ActivationPage, not_found::NotFound, privacy::PrivacyPage};
use crate::state::provide_app_state;
use crate::steps::{StepRoute, confirmation::ConfirmationPage, start::StartPage};
use crate::ui::layout::Layout;

#[component]
pub fn App() -> impl IntoView {
    let lang = provide_i18n();
    provide_app_state(lang);
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=StartPage />
                    <Route path=path!("/demande/confirmation") view=ConfirmationPage />
                    <Route path=path!("/demande/:slug") view=StepRoute />
                    <Route path=path!("/activation") view=ActivationPage />
                    <Route path=path!("/accord-parental") view=crate::pages::guardian_consent::GuardianConsentPage />
                    <Route path=path!("/protection-des-donnees") view=PrivacyPage />
                </Routes>
            </Layout>
        </Router>
    }
}
