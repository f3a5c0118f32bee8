//! On the confirmation page of an application with a guardian: the dossier waits for the guardian's consent, where
//! the email went, until when, and "Renvoyer l'e-mail" (by dossier number: the new link goes to the guardian's
//! address on file, never to one typed here).

use leptos::prelude::*;
use passregion_core::guardian::ConsentPending;

use crate::i18n::{t, tf, use_lang};
use crate::steps::confirmation::local_date_time;
use crate::ui::emailed_link::{LinkToResend, ResendLink};

#[component]
pub fn GuardianPending(pending: ConsentPending, dossier_number: String) -> impl IntoView {
    let lang = use_lang();
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
            <ResendLink link=LinkToResend::ConsentByDossier { dossier_number } still_valid=true />
        </section>
    }
}
