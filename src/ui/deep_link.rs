//! A deep link that came too early: the route guard sends the person to the first step still needing answers and
//! names the step asked for in the query, so that this page can say what is missing instead of landing silently.
//! Every step listed links to its own page and opens from there, in any order, as long as what that page depends
//! on is answered (the charter first, the birth date before the guardian); "Continuer" then leads through what is
//! still missing and to the step asked for at the end.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use passregion_core::journey::{self, StepId};

use super::form::focus_id;
use super::step_frame::step_full_name;
use crate::i18n::{t, t_now, tf, tf_now};
use crate::state::{today, use_app_state};

/// Query parameter carrying the slug of the step a deep link asked for.
pub const REQUESTED_PARAM: &str = "demandee";

/// The path the guard redirects to: `landing`, remembering which step was asked for. The notice's links and
/// "Continuer" on the way keep it, so each step the notice lists opens, in any order (core's `guard_detour`).
pub fn landing_path(landing: StepId, requested: StepId) -> String {
    format!("{}?{REQUESTED_PARAM}={}", landing.path(), requested.slug())
}

/// The step a deep link asked for, read from the address.
pub fn asked_for(query: &Memo<ParamsMap>) -> Option<StepId> {
    query.with(|q| q.get(REQUESTED_PARAM).and_then(|s| journey::step_by_slug(&s)))
}

#[component]
pub fn DeepLinkNotice(current: StepId) -> impl IntoView {
    let state = use_app_state();
    let query = use_query_map();
    let requested = Memo::new(move |_| asked_for(&query));
    // Recomputed as answers are given: the list shrinks, and the notice goes once nothing is missing.
    let missing = Memo::new(move |_| {
        let (Some(requested), Some(campaign)) = (requested.get(), state.campaign_now()) else {
            return Vec::new();
        };
        if requested == current {
            return Vec::new();
        }
        state.draft.with(|d| journey::missing_before(requested, d, &campaign, today()))
    });
    if !missing.get_untracked().is_empty() {
        // Usually the first page load: nothing else moves focus, and this is what the person needs to hear first.
        request_animation_frame(|| focus_id("deep-link-notice"));
    }
    // The answers each listed step still needs, by their labels: "Nom, Date de naissance, …".
    let answers = move |step: StepId| -> String {
        let Some(campaign) = state.campaign_now() else {
            return String::new();
        };
        let mut keys: Vec<&'static str> = Vec::new();
        state.draft.with(|d| {
            for (path, _) in journey::step_errors(step, d, &campaign, today()) {
                if let Some(key) = journey::label_key(path)
                    && key != step.title_key()
                    && !keys.contains(&key)
                {
                    keys.push(key);
                }
            }
        });
        keys.into_iter().map(t_now).collect::<Vec<_>>().join(", ")
    };
    move || {
        let steps = missing.get();
        let requested = requested.get()?;
        if steps.is_empty() {
            return None;
        }
        Some(view! {
            <section class="notice notice--warning deep-link" id="deep-link-notice" tabindex="-1" aria-labelledby="deep-link-title">
                <h2 id="deep-link-title" class="deep-link__title">
                    {tf("journey.not_yet_title", move || vec![("step", step_full_name(requested))])}
                </h2>
                <p>{t("journey.not_yet_missing")}</p>
                <ul>
                    {steps
                        .into_iter()
                        .map(|s| {
                            let here = s == current;
                            view! {
                                <li>
                                    <a href=landing_path(s, requested) aria-current=here.then_some("page")>{step_full_name(s)}</a>
                                    {here.then(|| view! { " " {t("journey.not_yet_here")} })}
                                    {move || {
                                        let fields = answers(s);
                                        (!fields.is_empty()).then(|| view! {
                                            <span class="deep-link__fields">{tf_now("journey.not_yet_fields", &[("fields", &fields)])}</span>
                                        })
                                    }}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        })
    }
}
