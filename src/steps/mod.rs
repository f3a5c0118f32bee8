//! The journey's pages, one file per step, and the route that picks the step from the URL after checking, with
//! core's journey guard, that the person may be there.

pub mod charter;
pub mod confirmation;
pub mod contact;
pub mod delivery;
pub mod establishment;
pub mod guardian;
pub mod guardian_status;
pub mod identity;
pub mod photo;
pub mod review;
pub mod start;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use passregion_core::journey::{self, StepId};

use crate::i18n::t;
use crate::state::{Remote, draft_started, load_campaign, today, use_app_state};
use crate::ui::deep_link::{asked_for, landing_path};
use crate::ui::spinner::{Delayed, Spinner};

/// `/demande/:slug`: waits for the campaign, then shows the step if the earlier ones are complete, otherwise
/// replaces the URL with the first step that still needs answers (deep links, stale bookmarks, back button), which
/// then says what is missing. Once the application is sent (a receipt and no new answers), every step says so.
#[component]
pub fn StepRoute() -> impl IntoView {
    let params = use_params_map();
    let state = use_app_state();
    let navigate = use_navigate();
    let query = use_query_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    // Opened from a deep link's notice: the step it asked for, so that each step it lists opens (core's guard_detour).
    let asked_for = move || asked_for(&query);
    let already_sent = move || state.receipt.with(Option::is_some) && !state.draft.with_untracked(draft_started);
    let decision = Memo::new(move |_| {
        let Remote::Ready(campaign) = state.campaign.get() else {
            return None;
        };
        let requested = slug();
        let (allowed, too_early) = state.draft.with_untracked(|d| {
            let allowed = journey::guard_detour(&requested, asked_for(), d, &campaign, today());
            // A known step asked for before its earlier answers: the landing page names what is missing.
            let too_early = journey::step_by_slug(&requested)
                .filter(|&s| !journey::missing_before(s, d, &campaign, today()).is_empty());
            (allowed, too_early)
        });
        Some((requested, allowed, too_early))
    });
    Effect::new(move |_| {
        // Untracked: when "Faire une autre demande" forgets the receipt, that button navigates, not this guard.
        if untrack(already_sent) {
            return;
        }
        if let Some((requested, allowed, too_early)) = decision.get()
            && allowed.slug() != requested
        {
            let target = match too_early {
                Some(asked) => landing_path(allowed, asked),
                None => allowed.path(),
            };
            navigate(&target, NavigateOptions { replace: true, ..Default::default() });
        }
    });
    move || match state.campaign.get() {
        // Back after sending: the draft is gone, the receipt is kept; say so rather than show an empty step 1.
        _ if already_sent() => crate::chunks::confirmation_view(true),
        Remote::Failed(_) => view! { <CampaignUnavailable /> }.into_any(),
        Remote::Loading => view! { <Delayed><Spinner label=t("common.loading") /></Delayed> }.into_any(),
        Remote::Ready(_) => match decision.get() {
            Some((requested, allowed, _)) if allowed.slug() == requested => step_view(allowed),
            _ => ().into_any(),
        },
    }
}

/// Steps after the charter are fetched when first shown (src/chunks.rs).
fn step_view(step: StepId) -> AnyView {
    crate::chunks::step(step)
}

/// The campaign could not be loaded: say so, keep everything, offer to retry and the helpline.
#[component]
pub fn CampaignUnavailable() -> impl IntoView {
    let state = use_app_state();
    let lang = crate::i18n::use_lang();
    view! {
        <div class="notice notice--error" role="alert">
            <h1>{t("common.campaign_error_title")}</h1>
            <p>{t("common.campaign_error_text")}</p>
            <p>{t("common.helpline_intro")} " " <crate::ui::layout::Helpline /></p>
            <button type="button" class="button button--primary" on:click=move |_| load_campaign(state, lang.get_untracked())>
                {t("common.retry")}
            </button>
        </div>
    }
}
