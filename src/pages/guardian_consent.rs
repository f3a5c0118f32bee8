//! `/accord-parental#<token>`: the legal guardian gives their consent themselves, from the link emailed to them.
//!
//! The token is in the fragment (never sent to a server by the browser, so in no access log); the page reads it
//! once and takes it out of the address bar before asking anything, like the activation page. Before the guardian
//! agrees the page shows only their own name and what they agree to: the address was typed by the child and may be
//! someone else's. Once they agree, the child's first name. Refusing is doing nothing (written on the page): the
//! dossier is not examined without the consent, and the helpdesk closes it on request.
//!
//! Addressed to an adult, the page says "vous".

use leptos::prelude::*;
use passregion_core::api::{Civility, problem_code};
use passregion_core::guardian::ConsentRequest;
use wasm_bindgen::JsValue;

use crate::api::{self, ApiError};
use crate::i18n::{t, t_now, tf, use_lang};
use crate::steps::confirmation::local_date_time;
use crate::ui::emailed_link::{LinkOver, LinkToResend};
use crate::ui::layout::Helpline;
use crate::ui::spinner::Spinner;
use crate::ui::step_frame::{focus_heading_on_navigation, set_document_title};

/// The path the address bar shows once the token is read.
const PATH: &str = "/accord-parental";

#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Loading,
    Ask(ConsentRequest),
    /// With the child's first name.
    Given(String),
    AlreadyGiven,
    Expired,
    Unknown,
    /// No token: typically a reload once it was taken out of the address.
    NoLink,
    /// Too many attempts or the server busy, said as everywhere.
    Notice(ApiError),
    Failed,
}

/// The token from the fragment, then the address without it (the router is not told: nothing here depends on it).
fn take_token() -> String {
    let Some(window) = web_sys::window() else { return String::new() };
    let hash = window.location().hash().unwrap_or_default();
    let token = hash.trim_start_matches('#').trim().to_string();
    if !hash.is_empty()
        && let Ok(history) = window.history()
    {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(PATH));
    }
    token
}

fn outcome_of_error(e: ApiError) -> Outcome {
    if e.notice().is_some() {
        return Outcome::Notice(e);
    }
    match e.code() {
        Some(problem_code::GUARDIAN_CONSENT_GIVEN) => Outcome::AlreadyGiven,
        Some(problem_code::GUARDIAN_CONSENT_EXPIRED) => Outcome::Expired,
        Some(problem_code::GUARDIAN_CONSENT_UNKNOWN | problem_code::NOT_FOUND) => Outcome::Unknown,
        _ => Outcome::Failed,
    }
}

#[component]
pub fn GuardianConsentPage() -> impl IntoView {
    let lang = use_lang();
    let token = StoredValue::new(take_token());
    let outcome = RwSignal::new(Outcome::Loading);
    let confirming = RwSignal::new(false);
    Effect::new(move |_| set_document_title(&t_now("consent.title")));
    focus_heading_on_navigation("consent-title");

    let load = move || {
        let token = token.get_value();
        if token.is_empty() {
            outcome.set(Outcome::NoLink);
            return;
        }
        outcome.set(Outcome::Loading);
        leptos::task::spawn_local(async move {
            let result = api::guardian_consent(&token, lang.get_untracked()).await;
            let _ = outcome.try_set(result.map(Outcome::Ask).unwrap_or_else(outcome_of_error));
        });
    };
    load();
    // A link opened while the page is already showing (pasted into the address bar) changes only the fragment: the
    // browser does not reload, so read the new token here.
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
        let fresh = take_token();
        if !fresh.is_empty() {
            token.set_value(fresh);
            load();
        }
    });
    on_cleanup(move || on_hash.remove());
    let confirm = move |_| {
        if confirming.get_untracked() {
            return;
        }
        confirming.set(true);
        let token = token.get_value();
        leptos::task::spawn_local(async move {
            let result = api::give_guardian_consent(&token, lang.get_untracked()).await;
            let _ = confirming.try_set(false);
            let _ = outcome.try_set(match result {
                Ok(given) => Outcome::Given(given.child_first_name),
                Err(ApiError::Network) => Outcome::Failed,
                Err(e) => outcome_of_error(e),
            });
            // The answer replaces the button that had the focus: take it to the heading of what happened.
            request_animation_frame(|| crate::ui::form::focus_id("consent-outcome"));
        });
    };

    let body = move || {
        match outcome.get() {
        Outcome::Loading => view! { <Spinner label=t("consent.loading") /> }.into_any(),
        Outcome::Ask(request) => {
            let civility = t_now(match request.guardian.civility {
                Civility::Madame => "consent.madame",
                Civility::Monsieur => "consent.monsieur",
            });
            let name = format!("{civility} {} {}", request.guardian.first_name, request.guardian.last_name);
            let campaign = request.campaign_id.clone();
            let expires = request.expires_at.clone();
            view! {
                <p class="consent__hello">{tf("consent.hello", move || vec![("name", name.clone())])}</p>
                <p>{tf("consent.why", move || vec![("campaign", campaign.clone())])}</p>
                <h2>{t("consent.what_title")}</h2>
                <ul class="consent__list">
                    <li>{t("consent.what_card")}</li>
                    <li>{t("consent.what_data")}</li>
                    <li>{t("consent.what_school")}</li>
                </ul>
                <p>{tf("consent.deadline", move || vec![("deadline", local_date_time(&expires, lang.get(), false))])}</p>
                <div class="button-row">
                    <button type="button" class="button button--primary" disabled=move || confirming.get() on:click=confirm>
                        {move || t_now(if confirming.get() { "common.sending" } else { "consent.agree" })}
                    </button>
                </div>
                <h2>{t("consent.refuse_title")}</h2>
                <p>{t("consent.refuse_text")} " " <Helpline /></p>
            }
            .into_any()
        }
        Outcome::Given(child) => view! {
            <div class="notice notice--success">
                <h2 id="consent-outcome" tabindex="-1">{t("consent.given")}</h2>
                <p>{tf("consent.given_next", move || vec![("child", child.clone())])}</p>
                <p>{t("consent.close")}</p>
            </div>
        }
        .into_any(),
        Outcome::AlreadyGiven => view! {
            <div class="notice notice--info">
                <h2 id="consent-outcome" tabindex="-1">{t("consent.already")}</h2>
                <p>{t("consent.already_next")}</p>
            </div>
        }
        .into_any(),
        // Over 7 days old: a new one goes to the guardian's address on file (never one typed here).
        Outcome::Expired => view! {
            <LinkOver
                title="consent.expired"
                next="consent.expired_next"
                link=LinkToResend::ConsentByToken { token: token.get_value() }
                heading_id="consent-outcome"
            >
                <p>{t("consent.helpline")} " " <Helpline /></p>
            </LinkOver>
        }
        .into_any(),
        Outcome::Unknown => view! {
            <div class="notice notice--warning">
                <h2 id="consent-outcome" tabindex="-1">{t("consent.unknown")}</h2>
                <p>{t("consent.unknown_next")}</p>
                <p>{t("consent.helpline")} " " <Helpline /></p>
            </div>
        }
        .into_any(),
        Outcome::NoLink => view! {
            <div class="notice notice--info">
                <h2 id="consent-outcome" tabindex="-1">{t("consent.no_link")}</h2>
                <p>{t("consent.no_link_next")}</p>
                <p>{t("consent.helpline")} " " <Helpline /></p>
            </div>
        }
        .into_any(),
        Outcome::Notice(e) => view! {
            <div class="notice notice--error">
                <p id="consent-outcome" tabindex="-1">{move || e.notice_text(lang.get()).unwrap_or_default()}</p>
                <button type="button" class="button button--primary" on:click=move |_| load()>{t("common.retry")}</button>
            </div>
        }
        .into_any(),
        Outcome::Failed => view! {
            <div class="notice notice--error">
                <p id="consent-outcome" tabindex="-1">{t("consent.failed")}</p>
                <button type="button" class="button button--primary" on:click=move |_| load()>{t("common.retry")}</button>
            </div>
        }
        .into_any(),
    }
    };
    view! {
        <div class="page consent">
            <h1 id="consent-title" tabindex="-1">{t("consent.title")}</h1>
            <div aria-live="polite">{body}</div>
        </div>
    }
}
