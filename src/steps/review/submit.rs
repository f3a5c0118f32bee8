//! Sending the application: one button, disabled while sending, the draft's idempotency key so a retry yields
//! one dossier, field errors from the server sent back to their step, everything kept on a network failure.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use passregion_core::api::{ApplicationRequest, problem_code};
use passregion_core::journey::{self, StepId};

use crate::api::{self, ApiError};
use crate::i18n::{t, t_now, use_lang};
use crate::state::{Receipt, today, use_app_state};
use crate::ui::form::{focus_id, use_form};
use crate::ui::layout::Helpline;

#[derive(Clone, Debug, PartialEq)]
enum Failure {
    Network,
    /// A refusal without field errors (campaign closed…), with its code.
    Refused(String),
    /// Too many attempts, the server busy, or the key already used for other answers: worded as everywhere
    /// (see [`ApiError::notice`]).
    Notice(ApiError),
    Unexpected,
}

/// What one press of "Envoyer" sends.
struct Sending {
    request: ApplicationRequest,
    photo: Option<web_sys::Blob>,
    key: String,
}

#[component]
pub fn SubmitButton() -> impl IntoView {
    let state = use_app_state();
    let form = use_form();
    let lang = use_lang();
    let navigate = use_navigate();

    // The answer is acted on inside the action's own task: if the person has left the page meanwhile, the dossier
    // is still recorded and shown (the state lives above this component); only the failure is for this view.
    let action = Action::new_local(move |sending: &Sending| {
        let Sending { request, photo, key } = sending;
        let (request, photo, key) = (request.clone(), photo.clone(), key.clone());
        let navigate = navigate.clone();
        async move {
            let answer = api::submit_application(&request, photo, &key, lang.get_untracked()).await;
            match answer {
                Ok(created) => {
                    let receipt = state.draft.with_untracked(|d| Receipt::new(created, d));
                    state.last_email.set(Some(request.identity.email.clone()));
                    state.finish(receipt);
                    navigate("/demande/confirmation", Default::default());
                    None
                }
                Err(e) if e.notice().is_some() => Some(Failure::Notice(e)),
                Err(ApiError::Problem(p)) if !p.errors.is_empty() => {
                    let first = journey::step_for_field(&p.errors[0].field);
                    state.server_errors.set(p.errors);
                    if first == StepId::Review {
                        request_animation_frame(|| focus_id("error-summary"));
                    } else {
                        navigate(&first.path_back_to_review(), Default::default());
                    }
                    None
                }
                Err(ApiError::Problem(p)) => Some(Failure::Refused(p.code)),
                Err(ApiError::Network) => Some(Failure::Network),
                Err(ApiError::Unexpected { .. }) => Some(Failure::Unexpected),
            }
        }
    });
    let sending = action.pending();
    let failure = Signal::derive(move || action.value().get().flatten());

    let send = move |_| {
        if sending.get_untracked() {
            return;
        }
        form.submitted.set(true);
        action.value().set(None);
        let Some(campaign) = state.campaign_now() else {
            return;
        };
        let Ok(request) = state.draft.with_untracked(|d| d.to_request(&campaign, today())) else {
            request_animation_frame(|| focus_id("error-summary"));
            return;
        };
        let Some(key) = state.draft.try_update(|d| crate::state::idempotency_key(d, &request)) else {
            return;
        };
        action.dispatch_local(Sending { request, photo: crate::photo_bridge::photo_blob(), key });
    };

    let failure_view = move || {
        let text = |f: &Failure| match f {
            Failure::Network => t_now("review.send_network_error"),
            Failure::Refused(code) if code == problem_code::CAMPAIGN_CLOSED => t_now("errors.campaign_closed"),
            Failure::Notice(e) => e.notice_text(lang.get()).unwrap_or_default(),
            Failure::Refused(_) | Failure::Unexpected => t_now("review.send_error"),
        };
        failure.get().map(|f| {
            let main = text(&f);
            match f.clone() {
                // The sentence itself ends with "appelle le": the number follows it.
                Failure::Notice(e) if e.notice().is_some_and(crate::api::Notice::ends_with_helpline) => view! {
                    <div class="notice notice--error">
                        <p>{main} " " <Helpline /></p>
                    </div>
                }
                .into_any(),
                // A wait is asked: "réessaie dans un instant" would contradict it.
                Failure::Notice(_) => view! {
                    <div class="notice notice--error">
                        <p>{main}</p>
                        <p>{t("review.answers_kept")}</p>
                    </div>
                }
                .into_any(),
                _ => view! {
                    <div class="notice notice--error">
                        <p>{main}</p>
                        <p>{t("review.send_kept")} " " <Helpline /></p>
                    </div>
                }
                .into_any(),
            }
        })
    };

    view! {
        <div class="submit" aria-busy=move || if sending.get() { "true" } else { "false" }>
            <div role="alert" class="submit__alert">
                {failure_view}
            </div>
            <p class="submit__consent">{t("review.send_consent")}</p>
            <button
                type="button"
                class="button button--primary button--large"
                disabled=move || sending.get()
                aria-disabled=move || if sending.get() { "true" } else { "false" }
                on:click=send
            >
                {move || {
                    if sending.get() {
                        t_now("review.sending")
                    } else if failure.get().is_some() {
                        t_now("review.retry")
                    } else {
                        t_now("review.send")
                    }
                }}
            </button>
            <p class="visually-hidden" role="status">{move || if sending.get() { t_now("review.sending") } else { String::new() }}</p>
        </div>
    }
}
