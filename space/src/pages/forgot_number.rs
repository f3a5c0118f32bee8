//! `/espace/numero-oublie`: the dossier numbers applied for with an address are emailed to it; the same answer
//! whatever the server found.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, common_text};
use crate::app::LOGIN_PATH;
use crate::i18n::{t, t_now, use_lang};
use crate::ui::form::{ErrorSummary, Errors, Field};

const EMAIL: &str = "reminder-email";

#[component]
pub fn ForgotNumberPage() -> impl IntoView {
    let lang = use_lang();
    let email = RwSignal::new(String::new());
    let errors = Errors::new();
    let done = RwSignal::new(false);
    let send = Action::new_local(move |e: &String| {
        let e = e.clone();
        async move { api::remind_dossier_number(e, lang.get_untracked()).await }
    });
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
        let typed = email.get_untracked();
        if typed.trim().is_empty() {
            errors.show(vec![(Some(EMAIL), t_now("reminder.email_required"))]);
            return;
        }
        match passregion_core::rules::email::normalize_email(typed.trim()) {
            Ok(e) => {
                errors.clear();
                send.dispatch(e);
            }
            Err(_) => errors.show(vec![(Some(EMAIL), t_now("forgot.email_invalid"))]),
        }
    };
    view! {
        <Show
            when=move || done.get()
            fallback=move || view! {
                <h1 id="page-title" tabindex="-1">{t("reminder.title")}</h1>
                <ErrorSummary errors />
                <p class="lead">{t("reminder.intro")}</p>
                <form class="space-form" novalidate on:submit=submit>
                    <Field id=EMAIL label=Signal::derive(t("reminder.email")) hint=Signal::derive(t("reminder.email_hint"))
                        value=email errors input_type=Signal::derive(|| "email".to_string()) autocomplete="email" spellcheck_off=true />
                    <div class="button-row">
                        <button type="submit" class="button button--primary" disabled=move || send.pending().get()>
                            {move || if send.pending().get() { t_now("common.sending") } else { t_now("reminder.submit") }}
                        </button>
                    </div>
                </form>
                <p><A href=LOGIN_PATH>{t("common.back_to_login")}</A></p>
            }
        >
            <h1 id="page-title" tabindex="-1">{t("reminder.sent_title")}</h1>
            <div class="notice notice--success" role="status">
                <p>{t("reminder.sent")}</p>
            </div>
            <p>{t("forgot.spam")}</p>
            <p><A href=LOGIN_PATH>{t("common.back_to_login")}</A></p>
        </Show>
    }
}
