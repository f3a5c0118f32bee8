//! The start page: what the application is, what to have ready, the campaign, start or resume.
//!
//! Two bundles show it: the application's, at `/` when this tab holds a draft and on the way back from a step
//! ([`StartRoute`]); and its own small one, at `/` in a fresh tab (src/start_bundle.rs), which has no router, no draft
//! and none of the journey's rules. So [`StartPage`] is given what it shows, and its links are plain `<a>`s, which
//! the application's router takes over.

use leptos::prelude::*;
use passregion_core::Date;
use passregion_core::api::Campaign;
use passregion_core::journey::{self, StepId};

use crate::i18n::{t, t_now, tf};
use crate::state::{Remote, draft_started, today, use_app_state};
use crate::ui::spinner::{Delayed, Spinner};
use crate::ui::step_frame::{focus_heading_on_navigation, set_document_title};

/// « 1er juin 2026 » / "1 June 2026" in the language on screen (tracked); a date the server wrote wrongly as it came.
fn date_in_words(iso: &str) -> String {
    Date::parse_iso(iso).map(|d| d.in_words(t_now)).unwrap_or_else(|| iso.to_string())
}

/// The start page in the application: resume where the draft of this tab stops (core's journey), once the campaign
/// is known.
#[component]
pub fn StartRoute() -> impl IntoView {
    let state = use_app_state();
    let resume = Signal::derive(move || {
        if !state.draft.with(draft_started) {
            return None;
        }
        let campaign = state.campaign_now()?;
        Some(state.draft.with(|d| journey::first_incomplete(d, &campaign, today())).path())
    });
    view! { <StartPage campaign=state.campaign.into() resume /> }
}

/// `resume`: where "Reprendre ma demande" goes, when there is something to resume; "Commencer" is then the second
/// button.
#[component]
pub fn StartPage(campaign: Signal<Remote<Campaign>>, resume: Signal<Option<String>>) -> impl IntoView {
    Effect::new(move |_| set_document_title(&t_now("start.title")));
    focus_heading_on_navigation("start-title");
    let resuming = move || resume.with(Option::is_some);
    let campaign_block = move || {
        match campaign.get() {
            Remote::Ready(c) => {
                let (opens, closes) = (c.opens_on.clone(), c.closes_on.clone());
                let (min, max) = (c.min_age.to_string(), c.max_age.to_string());
                let id = c.id.clone();
                // Outside the campaign's dates the form still opens (answers can be prepared), but the person is told
                // that sending will be refused until it opens, or that it has closed.
                let window = passregion_core::campaign::campaign_window(&c, today()).err();
                view! {
                <section class="card campaign" aria-labelledby="campaign-title">
                    <h2 id="campaign-title">{tf("start.campaign_title", move || vec![("id", id.clone())])}</h2>
                    <p>{tf("start.campaign_dates", move || vec![("opens", date_in_words(&opens)), ("closes", date_in_words(&closes))])}</p>
                    <p>{tf("start.campaign_ages", move || vec![("min", min.clone()), ("max", max.clone())])}</p>
                    {window.map(|code| view! {
                        <p class="notice notice--warning" role="status">{crate::ui::form::error_text(code.as_str())}</p>
                    })}
                </section>
            }
            .into_any()
            }
            Remote::Loading => view! { <Delayed><Spinner label=t("common.loading") /></Delayed> }.into_any(),
            Remote::Failed(_) => {
                view! { <p class="notice notice--error" role="alert">{t("common.campaign_error_text")}</p> }.into_any()
            }
        }
    };
    view! {
        <div class="start">
            <h1 id="start-title" tabindex="-1">{t("start.title")}</h1>
            <p class="lead">{t("start.lead")}</p>
            {campaign_block}
            <section aria-labelledby="ready-title">
                <h2 id="ready-title">{t("start.ready_title")}</h2>
                <ul class="checklist">
                    <li>{t("start.ready_email")}</li>
                    <li>{t("start.ready_photo")}</li>
                    <li>{t("start.ready_school")}</li>
                    <li>{t("start.ready_guardian")}</li>
                    <li>{t("start.ready_time")}</li>
                </ul>
            </section>
            <p class="start__parents">{t("start.parent_note")}</p>
            <div class="button-row">
                {move || resume.get().map(|href| view! {
                    <a class="button button--primary" href=href>{t("start.resume")}</a>
                })}
                <a href=StepId::Charter.path() class=move || if resuming() { "button button--secondary" } else { "button button--primary" }>
                    {t("start.begin")}
                </a>
            </div>
            // The space is another bundle: rel="external" makes the router leave it to a full page load.
            <p>{t("start.space_intro")} " " <a href="/espace/connexion" rel="external">{t("start.space_link")}</a></p>
            <p class="start__privacy">
                {t("start.privacy_note")} " "
                <a href="/protection-des-donnees">{t("shell.privacy_link")}</a>
            </p>
        </div>
    }
}
