//! `/activation?token=…`: activates the beneficiary account from the e-mailed link.
//!
//! The token is a credential (whoever holds it activates the account, or asks for a new link): it is read once,
//! then taken out of the address bar before anything else happens, so that it stays neither in the history, nor
//! in a bookmark, nor on the screen of a shared computer. It lives on in memory for "Réessayer" and for asking a
//! new link; a reload shows `/activation` alone, which explains where the link is.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use passregion_core::api::problem_code;
use wasm_bindgen::JsValue;

use crate::api::{self, ApiError};
use crate::i18n::{t, t_now, tf, use_lang};
use crate::ui::emailed_link::{LinkOver, LinkToResend};
use crate::ui::layout::Helpline;
use crate::ui::spinner::Spinner;
use crate::ui::step_frame::{focus_heading_on_navigation, set_document_title};

#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Waiting,
    Done(String),
    Expired,
    /// A newer link was sent ("Je n'ai rien reçu"): not the person's mistake; the newest link or a fresh one works.
    Replaced,
    /// With the dossier number to log in with, when the server gave it.
    AlreadyUsed(Option<String>),
    Unknown,
    /// `/activation` without a token: typically a reload after the token was taken out of the address.
    NoLink,
    /// Too many attempts or the server busy: said as everywhere (see [`ApiError::notice`]).
    Notice(ApiError),
    Failed,
}

/// The path the address bar shows once the token is read.
const PATH: &str = "/activation";

/// Replaces the current history entry's address by [`PATH`] without the query, so the token does not stay in
/// the history (the router is not told: nothing on this page depends on the query after the token is read).
fn forget_token_in_address_bar() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if window.location().search().is_ok_and(|q| q.is_empty()) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(PATH));
    }
}

/// The dossier number in pairs, as read aloud, joined by no-break spaces: inside a sentence it must not be cut
/// across two lines ("11 63 72 / 24 26" at 360 px), since it is what the person copies down to log in.
fn number_in_prose(number: &str) -> String {
    passregion_core::dossier::format(number).replace(' ', "\u{a0}")
}

#[component]
pub fn ActivationPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let token = query.with_untracked(|q| q.get("token")).unwrap_or_default();
    forget_token_in_address_bar();
    let outcome = RwSignal::new(Outcome::Waiting);
    let attempt = RwSignal::new(0u32);
    Effect::new(move |_| set_document_title(&t_now("activation.title")));
    focus_heading_on_navigation("activation-title");

    // The link is single-use: ask once per page (and once per "Réessayer"), never on a mere re-render.
    let activate = {
        let token = token.clone();
        move || {
            if token.trim().is_empty() {
                outcome.set(Outcome::NoLink);
                return;
            }
            outcome.set(Outcome::Waiting);
            let token = token.clone();
            leptos::task::spawn_local(async move {
                let result = api::activate(&token, lang.get_untracked()).await;
                let _ = outcome.try_set(match result {
                    Ok(done) => Outcome::Done(number_in_prose(&done.dossier_number)),
                    Err(e) if e.notice().is_some() => Outcome::Notice(e),
                    Err(e) => match e.code() {
                        Some(problem_code::ACTIVATION_EXPIRED) => Outcome::Expired,
                        Some(problem_code::ACTIVATION_REPLACED) => Outcome::Replaced,
                        Some(problem_code::ACTIVATION_ALREADY_USED) => {
                            Outcome::AlreadyUsed(e.dossier_number().map(number_in_prose))
                        }
                        Some(problem_code::ACTIVATION_UNKNOWN | problem_code::NOT_FOUND) => Outcome::Unknown,
                        _ => Outcome::Failed,
                    },
                });
            });
        }
    };
    activate();
    let retry = {
        let activate = activate.clone();
        move |_| {
            attempt.update(|n| *n += 1);
            activate();
        }
    };

    let body = move || {
        match outcome.get() {
        Outcome::Waiting => view! { <Spinner label=t("activation.waiting") /> }.into_any(),
        Outcome::Done(number) => view! {
            <div class="notice notice--success">
                <p><strong>{t("activation.done")}</strong></p>
                <p>{tf("activation.done_number", move || vec![("number", number.clone())])}</p>
                <p>{t("activation.done_next")}</p>
                <p><a class="button button--primary" href="/espace/connexion" rel="external">{t("activation.space_link")}</a></p>
            </div>
        }
        .into_any(),
        // A new link goes to the address of that application.
        Outcome::Expired => view! {
            <LinkOver title="activation.expired" next="activation.expired_next" link=LinkToResend::Activation { token: token.clone() } />
        }
        .into_any(),
        Outcome::Replaced => view! {
            <LinkOver title="activation.replaced" next="activation.replaced_next" link=LinkToResend::Activation { token: token.clone() } />
        }
        .into_any(),
        Outcome::AlreadyUsed(number) => view! {
            <div class="notice notice--info">
                <p><strong>{t("activation.already")}</strong></p>
                {number.map(|n| view! {
                    <p>{tf("activation.done_number", move || vec![("number", n.clone())])}</p>
                })}
                <p>{t("activation.already_next")}</p>
                <p><a class="button button--primary" href="/espace/connexion" rel="external">{t("activation.space_link")}</a></p>
            </div>
        }
        .into_any(),
        Outcome::Unknown => view! {
            <div class="notice notice--warning">
                <p><strong>{t("activation.unknown")}</strong></p>
                <p>{t("activation.unknown_next")}</p>
                <p>{t("common.helpline_intro")} " " <Helpline /></p>
            </div>
        }
        .into_any(),
        Outcome::NoLink => view! {
            <div class="notice notice--info">
                <p><strong>{t("activation.no_link")}</strong></p>
                <p>{t("activation.no_link_next")}</p>
                <p>{t("common.helpline_intro")} " " <Helpline /></p>
            </div>
        }
        .into_any(),
        Outcome::Notice(e) => view! {
            <div class="notice notice--error">
                <p>{move || e.notice_text(lang.get()).unwrap_or_default()}</p>
                <button type="button" class="button button--primary" on:click=retry.clone()>{t("common.retry")}</button>
            </div>
        }
        .into_any(),
        Outcome::Failed => view! {
            <div class="notice notice--error">
                <p>{t("activation.failed")}</p>
                <button type="button" class="button button--primary" on:click=retry.clone()>{t("common.retry")}</button>
            </div>
        }
        .into_any(),
    }
    };
    view! {
        <div class="page">
            <h1 id="activation-title" tabindex="-1">{t("activation.title")}</h1>
            <div role="status" aria-live="polite">{body}</div>
        </div>
    }
}
