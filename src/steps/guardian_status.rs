//! On the confirmation page of an application with a guardian: the dossier waits for the guardian's consent, where
//! the email went, until when, and "Renvoyer l'e-mail" (by dossier number: the new link goes to the guardian's
//! address on file, never to one typed here).

use leptos::prelude::*;
use passregion_core::guardian::{ConsentPending, ResendConsent};

use crate::api::{self, ApiError};
use crate::i18n::{t, t_now, tf, use_lang};
use crate::steps::confirmation::local_date_time;
use crate::ui::layout::Helpline;

#[component]
pub fn GuardianPending(pending: ConsentPending, dossier_number: String) -> impl IntoView {
    let lang = use_lang();
    let sending = RwSignal::new(false);
    let answer = RwSignal::new(None::<Result<String, ApiError>>);
    let send = move |_| {
        if sending.get_untracked() {
            return;
        }
        sending.set(true);
        let request = ResendConsent { token: None, dossier_number: Some(dossier_number.clone()) };
        leptos::task::spawn_local(async move {
            let result = api::resend_guardian_consent(&request, lang.get_untracked()).await;
            let _ = sending.try_set(false);
            let _ = answer.try_set(Some(result.map(|a| a.message)));
        });
    };
    let email = pending.masked_email.clone();
    let expires = pending.expires_at.clone();
    view! {
        <section class="guardian-status" aria-labelledby="guardian-status-title">
            <h2 id="guardian-status-title">{t("guardian.status_title")}</h2>
            <p class="notice notice--warning" id="dossier-status"><strong>{t("guardian.status_waiting")}</strong></p>
            <p>{tf("guardian.status_sent", move || {
                vec![("email", email.clone()), ("deadline", local_date_time(&expires, lang.get(), false))]
            })}</p>
            <p class="no-print">{t("guardian.status_reminder")}</p>
            <p class="no-print">
                <button type="button" class="button button--secondary" disabled=move || sending.get() on:click=send>
                    {move || t_now(if sending.get() { "common.sending" } else { "guardian.resend" })}
                </button>
            </p>
            <div class="no-print" aria-live="polite">
                {move || answer.get().map(|a| match a {
                    Ok(message) => view! { <p class="notice notice--success">{message}</p> }.into_any(),
                    Err(ApiError::Network) => view! { <p>{t("common.network_error")}</p> }.into_any(),
                    Err(e) if e.notice().is_some() => {
                        view! { <p>{move || e.notice_text(lang.get()).unwrap_or_default()}</p> }.into_any()
                    }
                    Err(_) => view! { <p>{t("guardian.resend_error")} " " <Helpline /></p> }.into_any(),
                })}
            </div>
        </section>
    }
}
