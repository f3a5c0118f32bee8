//! The start page's own bundle (src/bin/passregion-start.rs): what `/` runs in a tab that holds no draft, which is
//! how nearly everyone arrives. It is the same start page as the application's, without what the page does not use:
//! the router, the draft and core's journey rules, the steps. That keeps the first page within issue 8's 150 KB
//! (docs/size.md, "The start page, a bundle of its own"). Every link on it is a page load into the application,
//! whose files index.html fetches at idle while the page is read (build-tools/app-wasm.mjs).

use leptos::prelude::*;

use crate::i18n::provide_i18n;
use crate::state::{Remote, load_campaign_into};
use crate::steps::start::StartPage;
use crate::ui::layout::{CurrentPath, Layout};

#[component]
pub fn StartApp() -> impl IntoView {
    let lang = provide_i18n();
    provide_context(CurrentPath(Signal::stored("/".to_string())));
    let campaign = RwSignal::new(Remote::Loading);
    // The answer index.html asked for beside this code (src/api/early.rs), as in the application.
    load_campaign_into(campaign, lang.get_untracked());
    view! {
        <Layout>
            <StartPage campaign=campaign.into() resume=Signal::stored(None) />
        </Layout>
    }
}
