//! `/espace/code-secret`: set or change the card's 4-digit code. The current password is asked again; the code is
//! typed twice and checked here with core's own rule (`check_secret_code`, with the birth date from `/me` and
//! today in Paris) so the reason is said before anything is sent; the server checks it again.

use leptos::prelude::*;
use passregion_core::Date;
use passregion_core::rules::secret_code::{CodeRefusal, check_secret_code};
use passregion_core::space::{MyDetails, SecretCodeRequest};

use crate::api;
use crate::i18n::{t, t_now, use_lang};
use crate::pages::{loaded_view, server_errors};
use crate::ui::form::{ErrorSummary, Errors, Field};
use crate::ui::password::PasswordField;

const PASSWORD: &str = "code-password";
const CODE: &str = "code-new";
const CONFIRM: &str = "code-confirm";

pub fn refusal_key(r: CodeRefusal) -> String {
    format!("code.{}", r.as_str())
}

/// Keys made at run time (one per refusal), checked by a native test in i18n.
pub fn dynamic_keys() -> Vec<String> {
    CodeRefusal::ALL.into_iter().map(refusal_key).collect()
}

pub fn today() -> Date {
    passregion_core::date::paris_date((js_sys::Date::now() / 1000.0) as i64)
}

#[component]
pub fn SecretCodePage() -> impl IntoView {
    let lang = use_lang();
    let loaded = LocalResource::new(move || api::my_details(lang.get_untracked()));
    loaded_view("code.title", loaded, |me| view! { <CodeForm me /> })
}

#[component]
fn CodeForm(me: MyDetails) -> impl IntoView {
    let lang = use_lang();
    let end_session = crate::session::use_end_session();
    let birth = Date::parse_iso(&me.birth_date);
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    let done = RwSignal::new(false);
    let errors = Errors::new();
    let send = Action::new_local(move |req: &SecretCodeRequest| {
        let req = req.clone();
        async move { api::set_secret_code(req, lang.get_untracked()).await }
    });
    Effect::new(move |_| {
        let Some(result) = send.value().get() else { return };
        password.set(String::new());
        match result {
            Ok(()) => {
                code.set(String::new());
                confirm.set(String::new());
                done.set(true);
                crate::ui::form::focus_later("code-done");
            }
            Err(e) if e.session_required() => end_session.run(crate::session::EndReason::SessionRequired),
            Err(e) => errors.show(server_errors(&e, &[("code", CODE), ("current_password", PASSWORD)])),
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let (p, c, c2) = (password.get_untracked(), code.get_untracked().trim().to_string(), confirm.get_untracked());
        let mut found = Vec::new();
        if p.is_empty() {
            found.push((Some(PASSWORD), t_now("code.password_required")));
        }
        let checked = match birth {
            Some(b) => check_secret_code(&c, b, today()),
            None => Ok(()),
        };
        if let Err(why) = checked {
            found.push((Some(CODE), t_now(&refusal_key(why))));
        } else if c2.trim() != c {
            found.push((Some(CONFIRM), t_now("code.mismatch")));
        }
        if found.is_empty() {
            errors.clear();
            send.dispatch(SecretCodeRequest { current_password: p, code: c });
        } else {
            errors.show(found);
        }
    };
    view! {
        <h1 id="page-title" tabindex="-1">{t("code.title")}</h1>
        <p class="lead">{t("code.intro")}</p>
        <Show when=move || done.get()>
            <div class="notice notice--success" id="code-done" tabindex="-1" role="status"><p>{t("code.done")}</p></div>
        </Show>
        <ErrorSummary errors />
        <form class="space-form" novalidate on:submit=submit>
            <Field id=CODE label=Signal::derive(t("code.code")) hint=Signal::derive(t("code.code_hint"))
                value=code errors inputmode="numeric" autocomplete="off" maxlength=4 spellcheck_off=true class="input--code" />
            <Field id=CONFIRM label=Signal::derive(t("code.confirm"))
                value=confirm errors inputmode="numeric" autocomplete="off" maxlength=4 spellcheck_off=true class="input--code" />
            <PasswordField id=PASSWORD label=Signal::derive(t("code.password")) hint=Signal::derive(t("code.password_hint"))
                value=password errors shown toggle=true autocomplete="current-password" />
            <div class="button-row">
                <button type="submit" class="button button--primary" disabled=move || send.pending().get()>
                    {move || if send.pending().get() { t_now("common.sending") } else { t_now("code.submit") }}
                </button>
            </div>
        </form>
        <p><leptos_router::components::A href=crate::app::HOME_PATH>{t("common.back_to_dossier")}</leptos_router::components::A></p>
    }
}
