//! The root component: language and state contexts, the layout and the routes.
//!
//! Routes: `/` start page (in a fresh tab, the start page's own bundle serves it: src/start_bundle.rs), `/demande/<slug>` each journey step (slugs from core's `journey::STEPS`),
//! `/demande/confirmation`, `/activation?token=…`, `/accord-parental#…`, `/protection-des-donnees`, anything else the
//! 404 page. All but the start page, the charter and the 404 page are fetched when first opened (src/chunks.rs); the
//! confirmation's chunk is fetched while the review step shows, so that it shows at once after sending.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::chunks::{self, lazy};
use crate::i18n::provide_i18n;
use crate::pages::not_found::NotFound;
use crate::state::provide_app_state;
use crate::steps::{StepRoute, start::StartRoute};
use crate::ui::layout::{CurrentPath, Layout};

#[component]
pub fn App() -> impl IntoView {
    let lang = provide_i18n();
    provide_app_state(lang);
    view! {
        <Router>
            <RouterPath>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=StartRoute />
                    <Route path=path!("/demande/confirmation") view=|| chunks::confirmation_view(false) />
                    <Route path=path!("/demande/:slug") view=StepRoute />
                    <Route path=path!("/activation") view=|| lazy(chunks::activation, chunks::preload_activation) />
                    <Route path=path!("/accord-parental") view=|| lazy(chunks::accord_parental, chunks::preload_accord_parental) />
                    <Route path=path!("/protection-des-donnees") view=|| lazy(chunks::protection_des_donnees, chunks::preload_protection_des_donnees) />
                </Routes>
            </Layout>
            </RouterPath>
        </Router>
    }
}

/// The router's address as the layout's [`CurrentPath`] (the layout itself stays free of the router, for the start
/// page's own bundle).
#[component]
fn RouterPath(children: Children) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    provide_context(CurrentPath(Signal::derive(move || location.pathname.get())));
    children()
}
