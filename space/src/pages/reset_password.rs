//! `/espace/mot-de-passe?token=…`: the emailed link. The token is a credential: read once, taken out of the address
//! bar at once (replaceState) and kept in memory only. The new password follows the application's rules, with the
//! same live checklist, typed twice. An unknown, used or expired link says what to do next.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use passregion_core::api::problem_code;
use passregion_core::rules::password::{validate_password, validate_password_confirmation};
use wasm_bindgen::JsValue;

use crate::api::{self, common_text};
use crate::app::{FORGOT_PASSWORD_PATH, LOGIN_PATH};
use crate::i18n::{t, t_now, use_lang};
use crate::pages::rule_text;
use crate::ui::form::{ErrorSummary, Errors};
use crate::ui::password::{PasswordChecklist, PasswordField};

const PATH: &str = crate::app::RESET_PASSWORD_PATH;
const NEW: &str = "reset-password";
const CONFIRM: &str = "reset-password-confirm";

fn forget_token_in_address_bar() {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(PATH));
    }
}

/// A link that cannot be used: why, and what to do.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dead {
    Missing,
    Unknown,
    Used,
    Expired,
}

#[component]
fn DeadLink(why: Dead) -> impl IntoView {
    let (title, text) = match why {
        Dead::Missing => ("reset.missing_title", "reset.missing"),
        Dead::Unknown => ("reset.unknown_title", "reset.unknown"),
        Dead::Used => ("reset.used_title", "reset.used"),
        Dead::Expired => ("reset.expired_title", "reset.expired"),
    };
    view! {
        <h1 id="page-title" tabindex="-1">{t(title)}</h1>
        <div class="notice notice--warning" role="status"><p>{t(text)}</p></div>
        <ul class="space-links">
            <li><A href=FORGOT_PASSWORD_PATH>{t("reset.ask_new_link")}</A></li>
            <li><A href=LOGIN_PATH>{t("common.back_to_login")}</A></li>
        </ul>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let token = StoredValue::new(query.with_untracked(|q| q.get("token")).unwrap_or_default());
    forget_token_in_address_bar();
    let dead = RwSignal::new(token.with_value(|t| t.trim().is_empty()).then_some(Dead::Missing));
    let done = RwSignal::new(false);
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    let errors = Errors::new();

    let send = Action::new_local(move |p: &String| {
        let (p, tok) = (p.clone(), token.get_value());
        async move { api::confirm_password_reset(tok, p, lang.get_untracked()).await }
    });
    Effect::new(move |_| {
        let Some(result) = send.value().get() else { return };
        match result {
            Ok(()) => {
                done.set(true);
                crate::pages::focus_heading();
            }
            Err(e) => match e.code() {
                Some(problem_code::RESET_UNKNOWN) => dead.set(Some(Dead::Unknown)),
                Some(problem_code::RESET_USED) => dead.set(Some(Dead::Used)),
                Some(problem_code::RESET_EXPIRED) => dead.set(Some(Dead::Expired)),
                _ if !e.field_errors().is_empty() => {
                    errors.show(e.field_errors().iter().map(|f| (Some(NEW), f.message.clone())).collect());
                }
                _ => errors.show(vec![(None, common_text(&e))]),
            },
        }
        if dead.get_untracked().is_some() {
            crate::pages::focus_heading();
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (p, c) = (password.get_untracked(), confirm.get_untracked());
        let mut found = Vec::new();
        if let Err(code) = validate_password(&p) {
            found.push((Some(NEW), rule_text(code)));
        }
        if let Err(code) = validate_password_confirmation(&p, &c) {
            found.push((Some(CONFIRM), rule_text(code)));
        }
        if found.is_empty() {
            errors.clear();
            send.dispatch(p);
        } else {
            errors.show(found);
        }
    };

    view! {
        {move || {
            if done.get() {
                view! {
                    <h1 id="page-title" tabindex="-1">{t("reset.done_title")}</h1>
                    <div class="notice notice--success" role="status"><p>{t("reset.done")}</p></div>
                    <p><A href=LOGIN_PATH attr:class="button button--primary">{t("reset.login")}</A></p>
                }.into_any()
            } else if let Some(why) = dead.get() {
                view! { <DeadLink why /> }.into_any()
            } else {
                view! {
                    <h1 id="page-title" tabindex="-1">{t("reset.title")}</h1>
                    <ErrorSummary errors />
                    <form class="space-form" novalidate on:submit=submit>
                        <PasswordField id=NEW label=Signal::derive(t("reset.password")) hint=Signal::derive(t("reset.password_hint"))
                            value=password errors shown toggle=true controls="reset-password reset-password-confirm"
                            autocomplete="new-password" />
                        <PasswordChecklist value=password />
                        <PasswordField id=CONFIRM label=Signal::derive(t("reset.password_confirm"))
                            value=confirm errors shown autocomplete="new-password" />
                        <div class="button-row">
                            <button type="submit" class="button button--primary" disabled=move || send.pending().get()>
                                {move || if send.pending().get() { t_now("common.sending") } else { t_now("reset.submit") }}
                            </button>
                        </div>
                    </form>
                }.into_any()
            }
        }}
    }
}
