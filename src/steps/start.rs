//! The start page: what the application is, what to have ready, the campaign, start or resume.

use leptos::prelude::*;
use leptos_router::components::A;
use passregion_core::Date;
use passregion_core::journey::{self, StepId};

use crate::i18n::{t, t_now, tf};
use crate::state::{Remote, draft_started, today, use_app_state};
use crate::ui::spinner::{Delayed, Spinner};
use crate::ui::step_frame::{focus_heading_on_navigation, set_document_title};

/// « 1er juin 2026 » / "1 June 2026" in the language on screen (tracked); a date the server wrote wrongly as it came.
fn date_in_words(iso: &str) -> String {
    Date::parse_iso(iso).map(|d| d.in_words(t_now)).unwrap_or_else(|| iso.to_string())
}

#[component]
pub fn StartPage() -> impl IntoView {
    let state = use_app_state();
    Effect::new(move |_| set_document_title(&t_now("start.title")));
    focus_heading_on_navigation("start-title");
    let started = move || state.draft.with(draft_started);
    let resume_href = move || {
        let campaign = state.campaign_now()?;
        Some(state.draft.with(|d| journey::first_incomplete(d, &campaign, today())).path())
    };
    let campaign_block = move || {
        match state.campaign.get() {
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
                <Show when=started>
                    {move || resume_href().map(|href| view! {
                        <a class="button button--primary" href=href>{t("start.resume")}</a>
                    })}
                </Show>
                <A href=StepId::Charter.path() attr:class=move || if started() { "button button--secondary" } else { "button button--primary" }>
                    {t("start.begin")}
                </A>
            </div>
            // The space is another bundle: rel="external" makes the router leave it to a full page load.
            <p>{t("start.space_intro")} " " <a href="/espace/connexion" rel="external">{t("start.space_link")}</a></p>
            <p class="start__privacy">
                {t("start.privacy_note")} " "
                <A href="/protection-des-donnees">{t("shell.privacy_link")}</A>
            </p>
        </div>
    }
}
