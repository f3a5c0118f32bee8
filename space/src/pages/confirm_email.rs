//! `/espace/confirmer-email?token=…`: the link sent to a new email address. The token is read once and taken out
//! of the address bar at once; the change is confirmed straight away (no session needed: the link may be opened
//! on a phone). An unknown, used or expired link says what to do.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use passregion_core::api::problem_code;
use wasm_bindgen::JsValue;

use crate::api::{self, common_text};
use crate::app::{HOME_PATH, MY_DETAILS_PATH};
use crate::i18n::{t, use_lang};
use crate::ui::form::Loading;

const PATH: &str = crate::app::CONFIRM_EMAIL_PATH;

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let token = query.with_untracked(|q| q.get("token")).unwrap_or_default();
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(PATH));
    }
    let confirm = Action::new_local(move |tok: &String| {
        let tok = tok.clone();
        async move { api::confirm_email(tok, lang.get_untracked()).await }
    });
    let missing = token.trim().is_empty();
    if !missing {
        confirm.dispatch(token);
    }
    Effect::new(move |_| {
        if confirm.value().with(Option::is_some) {
            crate::pages::focus_heading();
        }
    });
    move || {
        let (title, text, ok) = if missing {
            ("confirm_email.unknown_title", t("confirm_email.missing")(), false)
        } else {
            match confirm.value().get() {
                None => return view! { <Loading label=Signal::derive(t("common.loading")) /> }.into_any(),
                Some(Ok(())) => ("confirm_email.done_title", t("confirm_email.done")(), true),
                Some(Err(e)) => match e.code() {
                    Some(problem_code::EMAIL_CHANGE_UNKNOWN) => {
                        ("confirm_email.unknown_title", t("confirm_email.unknown")(), false)
                    }
                    Some(problem_code::EMAIL_CHANGE_USED) => {
                        ("confirm_email.used_title", t("confirm_email.used")(), false)
                    }
                    Some(problem_code::EMAIL_CHANGE_EXPIRED) => {
                        ("confirm_email.expired_title", t("confirm_email.expired")(), false)
                    }
                    _ => ("confirm_email.failed_title", common_text(&e), false),
                },
            }
        };
        view! {
            <h1 id="page-title" tabindex="-1">{t(title)}</h1>
            <div class=if ok { "notice notice--success" } else { "notice notice--warning" } role="status"><p>{text}</p></div>
            <ul class="space-links">
                <li><A href=MY_DETAILS_PATH>{t("confirm_email.to_details")}</A></li>
                <li><A href=HOME_PATH>{t("notfound.home")}</A></li>
            </ul>
        }
        .into_any()
    }
}
