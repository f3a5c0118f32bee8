//! The phone's page of the handoff, its own bundle (`src/bin/passregion-phone.rs`, `phone/index.html`, served
//! under `/telephone` and `/tel`). The link's token is read from the address's fragment and removed from it at
//! once; at `/tel` the person types the code shown on the computer. Then the photo step itself — rules, camera or
//! file, crop, the worker — whose "use this photo" sends the photo to the computer. Nothing of the application's
//! form, and nothing personal, is here; the phone's secret lives in memory only.

use leptos::prelude::*;
use passregion_core::api::problem_code;
use passregion_core::draft::PhotoMeta;
use passregion_core::handoff::{self as codes, HandoffClaim};
use wasm_bindgen::JsValue;
use web_sys::Blob;

use crate::api::{self, ApiError};
use crate::i18n::{current_lang, provide_i18n, t, t_now};
use crate::photo::PhotoStep;
use crate::ui::form::focus_id;
use crate::ui::layout::{BrandText, HelpFooter, LangSwitch, SkipLink};

/// Why the phone cannot go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Refusal {
    Used,
    Expired,
    Unknown,
    RateLimited,
    Network,
}

impl Refusal {
    fn of(e: &ApiError) -> Refusal {
        match e.code() {
            Some(problem_code::HANDOFF_USED) => Refusal::Used,
            Some(problem_code::HANDOFF_EXPIRED) => Refusal::Expired,
            Some(problem_code::HANDOFF_UNKNOWN | problem_code::MALFORMED_REQUEST) => Refusal::Unknown,
            _ if e.status() == Some(429) => Refusal::RateLimited,
            _ => Refusal::Network,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Refusal::Used => "handoff.used",
            Refusal::Expired => "handoff.link_expired",
            Refusal::Unknown => "handoff.unknown",
            Refusal::RateLimited => "handoff.rate_limited",
            Refusal::Network => "handoff.network",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    /// `/tel`, or `/telephone` without a token (reloaded after the token was removed): type the code.
    Code,
    Opening,
    Refused(Refusal),
    /// The phone holds the handoff: take the photo.
    Ready,
    Done,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SendFailure {
    Expired,
    Refused,
    Network,
}

/// The link's token, removed from the address bar (and so from the history) as soon as it is read.
fn take_token() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let token = location.hash().ok()?.trim_start_matches('#').trim().to_string();
    if token.is_empty() {
        return None;
    }
    let path = location.pathname().unwrap_or_else(|_| "/telephone".into());
    let _ = window.history().ok()?.replace_state_with_url(&JsValue::NULL, "", Some(&path));
    Some(token)
}

#[component]
pub fn PhoneApp() -> impl IntoView {
    provide_i18n();
    // The tab says what the page is for, in the language chosen (index.html's title is the French one).
    Effect::new(move |_| crate::ui::step_frame::set_tab_title(&t_now("handoff.phone_title")));
    view! {
        <SkipLink />
        <header class="site-header">
            <div class="site-header__inner">
                <span class="brand"><BrandText /></span>
                <LangSwitch />
            </div>
        </header>
        <main id="main" class="main phone" tabindex="-1">
            <PhonePage />
        </main>
        <HelpFooter />
    }
}

#[component]
fn PhonePage() -> impl IntoView {
    let token = take_token();
    let phase = RwSignal::new(if token.is_some() { Phase::Opening } else { Phase::Code });
    let secret = StoredValue::new(None::<String>);
    let last_claim = StoredValue::new(None::<HandoffClaim>);
    let code_error = RwSignal::new(false);

    let claim = Action::new_local(move |c: &HandoffClaim| {
        let (c, lang) = (c.clone(), current_lang());
        async move { api::handoff::claim(&c, lang).await }
    });
    Effect::new(move |_| match claim.value().get() {
        Some(Ok(claimed)) => {
            secret.set_value(Some(claimed.phone_secret));
            phase.set(Phase::Ready);
        }
        Some(Err(e)) => {
            phase.set(Phase::Refused(Refusal::of(&e)));
            request_animation_frame(|| focus_id("phone-problem"));
        }
        None => {}
    });
    let open = move |c: HandoffClaim| {
        last_claim.set_value(Some(c.clone()));
        phase.set(Phase::Opening);
        claim.dispatch_local(c);
    };
    if let Some(token) = token {
        open(HandoffClaim { token: Some(token), short_code: None });
    }

    // The photo, kept until the computer has it: a failed send is retried without taking it again.
    let photo = StoredValue::new_local(None::<Blob>);
    let send = Action::new_local(move |(blob, secret): &(Blob, String)| {
        let (blob, secret, lang) = (blob.clone(), secret.clone(), current_lang());
        async move { api::handoff::send_photo(&blob, &secret, lang).await }
    });
    let send_failure = RwSignal::new(None::<SendFailure>);
    Effect::new(move |_| match send.value().get() {
        Some(Ok(())) => {
            photo.set_value(None);
            phase.set(Phase::Done);
            request_animation_frame(|| focus_id("phone-done"));
        }
        Some(Err(e)) => {
            send_failure.set(Some(match &e {
                ApiError::Network | ApiError::Unexpected { .. } => SendFailure::Network,
                e if e.code() == Some(problem_code::HANDOFF_EXPIRED) => SendFailure::Expired,
                e if e.status() == Some(429) || e.status() == Some(503) => SendFailure::Network,
                ApiError::Problem(_) => SendFailure::Refused,
            }));
            request_animation_frame(|| focus_id("phone-send-problem"));
        }
        None => {}
    });
    let dispatch_send = move || {
        let (Some(blob), Some(s)) = (photo.get_value(), secret.get_value()) else {
            return;
        };
        if send.pending().get_untracked() {
            return;
        }
        send_failure.set(None);
        send.dispatch_local((blob, s));
    };
    let send_to_computer = Callback::new(move |(blob, _meta): (Blob, PhotoMeta)| {
        photo.set_value(Some(blob));
        dispatch_send();
    });

    let typed = RwSignal::new(String::new());
    let submit_code = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match codes::normalize(&typed.get_untracked()) {
            Some(code) => {
                code_error.set(false);
                open(HandoffClaim { token: None, short_code: Some(code) });
            }
            None => {
                code_error.set(true);
                focus_id("handoff-code");
            }
        }
    };
    let retry_claim = move |_| {
        if let Some(c) = last_claim.get_value() {
            open(c);
        }
    };

    view! {
        <h1>{t("handoff.phone_title")}</h1>
        {move || match phase.get() {
            Phase::Code => view! {
                <p class="lead">{t("handoff.phone_lead")}</p>
                <form class="phone__code" novalidate on:submit=submit_code>
                    <div class="field">
                        <label class="field__label" for="handoff-code">{t("handoff.code_label")}</label>
                        <p class="field__hint" id="handoff-code-hint">{t("handoff.code_hint")}</p>
                        <input id="handoff-code" class="input field__input" type="text" inputmode="text" autocomplete="off"
                            autocapitalize="characters" spellcheck="false" maxlength="12"
                            aria-describedby=move || if code_error.get() { "handoff-code-hint handoff-code-error" } else { "handoff-code-hint" }
                            aria-invalid=move || if code_error.get() { "true" } else { "false" }
                            prop:value=move || typed.get()
                            on:input=move |ev| typed.set(event_target_value(&ev)) />
                        <Show when=move || code_error.get()>
                            <p class="field__error" id="handoff-code-error">{t("handoff.code_invalid")}</p>
                        </Show>
                    </div>
                    <button type="submit" class="button button--primary">{t("handoff.code_submit")}</button>
                </form>
            }.into_any(),
            Phase::Opening => view! {
                <p role="status" aria-live="polite">{t("handoff.opening")}</p>
            }.into_any(),
            Phase::Refused(why) => view! {
                <div class="phone__problem" id="phone-problem" tabindex="-1" role="alert">
                    <p class="field__error">{t(why.key())}</p>
                </div>
                {(why == Refusal::Network || why == Refusal::RateLimited).then(|| view! {
                    <button type="button" class="button button--primary" on:click=retry_claim>{t("handoff.retry")}</button>
                })}
                {(why == Refusal::Unknown).then(|| view! {
                    <button type="button" class="button button--secondary" on:click=move |_| phase.set(Phase::Code)>
                        {t("handoff.enter_code")}
                    </button>
                })}
            }.into_any(),
            Phase::Ready => view! {
                <p class="lead">{t("handoff.phone_lead")}</p>
                <PhotoStep send_to_computer=send_to_computer />
                <div class="phone__send" role="status" aria-live="polite">
                    <Show when=move || send.pending().get()>
                        <p>{t("handoff.sending")}</p>
                    </Show>
                </div>
                <Show when=move || send_failure.get().is_some()>
                    <div class="phone__problem" id="phone-send-problem" tabindex="-1" role="alert">
                        <p class="field__error">{move || match send_failure.get() {
                            Some(SendFailure::Expired) => t("handoff.send_expired")(),
                            Some(SendFailure::Refused) => t("handoff.send_refused")(),
                            _ => t("handoff.send_network")(),
                        }}</p>
                        <Show when=move || send_failure.get() == Some(SendFailure::Network)>
                            <button type="button" class="button button--primary" on:click=move |_| dispatch_send()>
                                {t("handoff.retry")}
                            </button>
                        </Show>
                    </div>
                </Show>
            }.into_any(),
            Phase::Done => view! {
                <div class="phone__done" id="phone-done" tabindex="-1">
                    <h2>{t("handoff.done_title")}</h2>
                    <p>{t("handoff.done_text")}</p>
                </div>
            }.into_any(),
        }}
    }
}
