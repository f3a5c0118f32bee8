//! The frame of a journey step: the `<h1>` "Étape N sur M : <name>", the tab title, the notice of a deep link that
//! came too early, the error summary, Back / Continue and "Effacer mes données". The step's own fields are its children.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use std::sync::atomic::{AtomicBool, Ordering};

use super::clear_data::ClearData;
use super::deep_link::{DeepLinkNotice, asked_for, landing_path};
use super::form::{ErrorSummary, FormState, focus_id};
use crate::i18n::{t, t_now, tf_now};
use crate::state::{today, use_app_state};
use passregion_core::journey::{self, StepId};

static FIRST_PAGE: AtomicBool = AtomicBool::new(true);

/// Moves focus to the page's heading after an in-app navigation (not on the first page load, where the browser
/// starts at the top anyway), so screen-reader users hear where they are.
pub fn focus_heading_on_navigation(id: &'static str) {
    if FIRST_PAGE.swap(false, Ordering::Relaxed) {
        return;
    }
    request_animation_frame(move || focus_id(id));
}

/// Sets the tab title, "<page> – Pass'Région".
pub fn set_document_title(page: &str) {
    set_tab_title(&format!("{page} – {}", t_now("shell.wordmark")));
}

/// Sets the tab title as it is given, for the pages whose name already says Pass'Région (the phone's, the space's
/// photo page).
pub fn set_tab_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}

/// "Étape 3 sur 7" or "Étape 2 bis sur 7": the same for everyone (see core's `journey::number`), so the helpdesk
/// can name a step by its number.
pub fn step_number_text(step: StepId) -> String {
    let number = journey::number(step);
    tf_now(
        if number.bis { "common.step_of_bis" } else { "common.step_of" },
        &[("n", &number.n.to_string()), ("m", &number.of.to_string())],
    )
}

/// "Étape 2 sur 7 : Ton identité", as the tab title, the heading and the deep-link notice say it.
pub fn step_full_name(step: StepId) -> String {
    format!("{}{}{}", step_number_text(step), t_now("common.label_separator"), t_now(step.title_key()))
}

/// Where "Continue" leads from `step`: back to the review when the person came from it and may go there,
/// otherwise the next step.
pub fn continue_target(step: StepId, returning: bool) -> Option<StepId> {
    let state = use_app_state();
    let campaign = state.campaign_now()?;
    state.draft.with_untracked(|d| {
        if returning && journey::guard(StepId::Review.slug(), d, &campaign, today()) == StepId::Review {
            Some(StepId::Review)
        } else {
            journey::next(step, d, &campaign)
        }
    })
}

/// On a deep link's detour (a step opened from its notice, the step asked for in the address): where "Continue"
/// leads, still carrying the step asked for while answers are missing. `None` off a detour.
fn detour_target(step: StepId, query: &Memo<ParamsMap>) -> Option<String> {
    let asked_for = asked_for(query).filter(|&a| a != step)?;
    let state = use_app_state();
    let campaign = state.campaign_now()?;
    state.draft.with_untracked(|d| {
        let next = journey::next_on_detour(step, asked_for, d, &campaign, today());
        let missing = !journey::missing_before(asked_for, d, &campaign, today()).is_empty();
        Some(if missing { landing_path(next, asked_for) } else { next.path() })
    })
}

#[component]
pub fn StepFrame(
    step: StepId,
    children: Children,
    /// The review page has its own send button instead of "Continue".
    #[prop(optional)]
    no_continue: bool,
) -> impl IntoView {
    let state = use_app_state();
    let form = FormState::new(step);
    provide_context(form);
    let navigate = use_navigate();
    let query = use_query_map();
    let returning = move || query.with(|q| q.get(journey::RETURN_PARAM).as_deref() == Some(StepId::Review.slug()));
    let title = t(step.title_key());
    let progress = move || step_number_text(step);

    let summary = Signal::derive(move || form.summary(&state));
    let show_summary = move || (form.submitted.get() || form.has_server_errors(&state)) && !summary.with(Vec::is_empty);
    if form.has_server_errors_now(&state) {
        // Sent back here by the server's refusal: say why at once.
        request_animation_frame(|| focus_id("error-summary"));
    }

    Effect::new(move |_| {
        let prefix = if show_summary() { format!("{} ", t_now("common.error_title_prefix")) } else { String::new() };
        set_document_title(&format!("{prefix}{}", step_full_name(step)));
    });
    if !form.has_server_errors_now(&state) {
        focus_heading_on_navigation("step-title");
    }

    // Sent here from the review to change one answer, "Retour" goes back to the review (nothing else needs
    // walking through again); otherwise to the previous step, or the start page from the first one.
    let back_href = move || {
        let campaign = state.campaign_now()?;
        if returning() && step != StepId::Review {
            return Some(StepId::Review.path());
        }
        let previous = state.draft.with(|d| journey::previous(step, d, &campaign));
        Some(previous.map_or_else(|| "/".to_string(), StepId::path))
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if no_continue {
            return;
        }
        form.submitted.set(true);
        if summary.with_untracked(Vec::is_empty) {
            let detour = if returning() { None } else { detour_target(step, &query) };
            if let Some(next) = detour.or_else(|| continue_target(step, returning()).map(StepId::path)) {
                navigate(&next, Default::default());
            }
        } else {
            request_animation_frame(|| focus_id("error-summary"));
        }
    };

    view! {
        <div class="step">
            // One heading read as "Étape 2 sur 7 : Ton identité"; the number shows as a caption above the name.
            <h1 id="step-title" class="step__title" tabindex="-1">
                <span class="step__progress">{progress}</span>
                <span class="visually-hidden">{t("common.label_separator")}</span>
                <span class="step__name">{title}</span>
            </h1>
            <DeepLinkNotice current=step />
            <Show when=show_summary>
                <ErrorSummary items=summary />
            </Show>
            <form class="step__form" novalidate on:submit=on_submit>
                {children()}
                <div class="step-nav">
                    {move || back_href().map(|href| view! {
                        <a class="button button--secondary step-nav__back" href=href>{t("common.back")}</a>
                    })}
                    <Show when=move || !no_continue>
                        <button type="submit" class="button button--primary step-nav__next">{t("common.continue")}</button>
                    </Show>
                </div>
            </form>
            <ClearData />
        </div>
    }
}
