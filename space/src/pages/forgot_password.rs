//! `/espace/mot-de-passe-oublie`: by dossier number or email (one field: an "@" says which), then the same answer
//! whatever the server found, so this page cannot tell whether an account exists.

use leptos::prelude::*;
use leptos_router::components::A;
use passregion_core::space::PasswordResetRequest;

use crate::api::{self, common_text};
use crate::app::LOGIN_PATH;
use crate::i18n::{t, t_now, use_lang};
use crate::ui::form::{ErrorSummary, Errors, Field};

const WHO: &str = "forgot-who";

/// The request for what was typed, or the message that stops it.
fn request_for(input: &str) -> Result<PasswordResetRequest, String> {
    let input = input.trim();
    if input.is_empty() {
        return Err(t_now("forgot.who_required"));
    }
    if input.contains('@') {
        return passregion_core::rules::email::normalize_email(input)
            .map(|email| PasswordResetRequest { email: Some(email), dossier_number: None })
            .map_err(|_| t_now("forgot.email_invalid"));
    }
    match crate::pages::login::number_problem(input) {
        Some(m) => Err(m),
        None => {
            Ok(PasswordResetRequest { dossier_number: Some(passregion_core::dossier::normalize(input)), email: None })
        }
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let who = RwSignal::new(String::new());
    let errors = Errors::new();
    let send = Action::new_local(move |r: &PasswordResetRequest| {
        let r = r.clone();
        async move { api::request_password_reset(r, lang.get_untracked()).await }
    });
    let done = RwSignal::new(false);
    Effect::new(move |_| match send.value().get() {
        Some(Ok(_)) => {
            done.set(true);
            crate::pages::focus_heading();
        }
        Some(Err(e)) => errors.show(vec![(None, common_text(&e))]),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match request_for(&who.get_untracked()) {
            Ok(r) => {
                errors.clear();
                send.dispatch(r);
            }
            Err(m) => errors.show(vec![(Some(WHO), m)]),
        }
    };
    view! {
        <Show
            when=move || done.get()
            fallback=move || view! {
                <h1 id="page-title" tabindex="-1">{t("forgot.title")}</h1>
                <ErrorSummary errors />
                <p class="lead">{t("forgot.intro")}</p>
                <form class="space-form" novalidate on:submit=submit>
                    <Field id=WHO label=Signal::derive(t("forgot.who")) hint=Signal::derive(t("forgot.who_hint"))
                        value=who errors autocomplete="username" spellcheck_off=true />
                    <div class="button-row">
                        <button type="submit" class="button button--primary" disabled=move || send.pending().get()>
                            {move || if send.pending().get() { t_now("common.sending") } else { t_now("forgot.submit") }}
                        </button>
                    </div>
                </form>
                <p><A href=LOGIN_PATH>{t("common.back_to_login")}</A></p>
            }
        >
            <h1 id="page-title" tabindex="-1">{t("forgot.sent_title")}</h1>
            <div class="notice notice--success" role="status">
                <p>{t("forgot.sent")}</p>
            </div>
            <p>{t("forgot.spam")}</p>
            <p><A href=LOGIN_PATH>{t("common.back_to_login")}</A></p>
        </Show>
    }
}
