//! An emailed link (the account's activation, the guardian's consent) that is over, and "send a new one".
//!
//! The activation page, the guardian's consent page and the confirmation page's guardian status all offer a new
//! link; the server sends it to the address on file, never to one typed here, and answers the same whatever
//! matched. The pages differ only in what the link is and in their words: the asking, its pending state and the
//! four ways it can end (sent, offline, too many attempts or server busy, refused) live here once.

use leptos::prelude::*;
use passregion_core::api::ResendActivationRequest;
use passregion_core::guardian::ResendConsent;

use crate::api::{self, ApiError, ResendAnswer};
use crate::i18n::{Lang, t, t_now, use_lang};
use crate::ui::layout::Helpline;

/// Which link to send again, and how the server finds its owner.
#[derive(Clone, Debug)]
pub enum LinkToResend {
    /// The account's activation, by the token of the expired or replaced link the person opened.
    Activation { token: String },
    /// The guardian's consent, by the token of the expired link the guardian opened.
    ConsentByToken { token: String },
    /// The guardian's consent, by dossier number (the child's confirmation page, the link not yet used).
    ConsentByDossier { dossier_number: String },
}

impl LinkToResend {
    /// The button's words, and what a refusal says before the helpline's number.
    fn texts(&self) -> (&'static str, &'static str) {
        match self {
            Self::Activation { .. } => ("activation.resend", "activation.resend_error"),
            // Addressed to the guardian, in "vous": the page's own helpline sentence.
            Self::ConsentByToken { .. } => ("consent.resend", "consent.helpline"),
            Self::ConsentByDossier { .. } => ("guardian.resend", "guardian.resend_error"),
        }
    }

    async fn send(self, lang: Lang) -> Result<ResendAnswer, ApiError> {
        match self {
            Self::Activation { token } => {
                api::resend_activation(&ResendActivationRequest { email: None, token: Some(token) }, lang).await
            }
            Self::ConsentByToken { token } => {
                api::resend_guardian_consent(&ResendConsent { token: Some(token), dossier_number: None }, lang).await
            }
            Self::ConsentByDossier { dossier_number } => {
                let request = ResendConsent { token: None, dossier_number: Some(dossier_number) };
                api::resend_guardian_consent(&request, lang).await
            }
        }
    }
}

/// The button that asks for a new link, then what came of it (in a polite live region).
///
/// `still_valid`: the link may still work (the confirmation page), so the button is secondary and stays for a
/// second try; otherwise it is the page's way forward and goes once the new link is sent.
#[component]
pub fn ResendLink(link: LinkToResend, #[prop(optional)] still_valid: bool) -> impl IntoView {
    let lang = use_lang();
    let (label, refused) = link.texts();
    // An `Action` now that every page using this is a chunk: it cost +3,373 B gzip measured when the confirmation
    // was on the first page. `pending` drives the button, `value` the outcome; an answer arriving once the page is
    // gone lands in an action nobody reads.
    let resend = Action::new_local(move |link: &LinkToResend| link.clone().send(lang.get_untracked()));
    let sending = resend.pending();
    let answer = resend.value();
    let offer = move || still_valid || !matches!(answer.get(), Some(Ok(_)));
    let class = if still_valid { "button button--secondary" } else { "button button--primary" };
    let link = StoredValue::new(link);
    let ask = move |_| {
        // A second click while the first is on its way would send two emails.
        if !sending.get_untracked() {
            resend.dispatch_local(link.get_value());
        }
    };
    view! {
        <Show when=offer>
            <p class="no-print">
                <button type="button" class=class disabled=move || sending.get() on:click=ask>
                    {move || t_now(if sending.get() { "common.sending" } else { label })}
                </button>
            </p>
        </Show>
        <div class="no-print" aria-live="polite">
            {move || answer.get().map(|a| match a {
                Ok(sent) => view! { <p class="notice notice--success">{sent.message}</p> }.into_any(),
                Err(ApiError::Network) => view! { <p>{t("common.network_error")}</p> }.into_any(),
                Err(e) if e.notice().is_some() => {
                    view! { <p>{move || e.notice_text(lang.get()).unwrap_or_default()}</p> }.into_any()
                }
                Err(_) => view! { <p>{t(refused)} " " <Helpline /></p> }.into_any(),
            })}
        </div>
    }
}

/// An emailed link that no longer works (expired, or replaced by a newer one): what happened, what to do, and a
/// new link. `heading_id` makes the title a focusable heading, for a page that moves the focus to its outcome;
/// `children` come after the button.
#[component]
pub fn LinkOver(
    title: &'static str,
    next: &'static str,
    link: LinkToResend,
    #[prop(optional)] heading_id: Option<&'static str>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let title = match heading_id {
        Some(id) => view! { <h2 id=id tabindex="-1">{t(title)}</h2> }.into_any(),
        None => view! { <p><strong>{t(title)}</strong></p> }.into_any(),
    };
    view! {
        <div class="notice notice--warning">
            {title}
            <p>{t(next)}</p>
            <ResendLink link />
            {children.map(|c| c())}
        </div>
    }
}
