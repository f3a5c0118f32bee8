//! `/demande/confirmation`: the dossier number, the activation e-mail, "Je n'ai rien reçu", and the printable
//! receipt (the print stylesheet prints only `.receipt`).
//!
//! A chunk fetched when first shown (src/chunks.rs `confirmation_view`), like the steps: all of this file but
//! [`SentWhileLoading`] (and [`DossierNumber`], which it shows) is out of the first page.

use leptos::prelude::*;
use leptos_router::components::A;
use passregion_core::api::ResendActivationRequest;
use passregion_core::dossier;
use wasm_bindgen::{JsCast, JsValue};

use crate::api;
use crate::i18n::{Lang, t, t_now, tf, use_lang};
use crate::state::{Receipt, use_app_state};
use crate::ui::layout::Helpline;
use crate::ui::step_frame::{focus_heading_on_navigation, set_document_title};
use passregion_core::journey::StepId;

/// An RFC 3339 timestamp in the person's language and time zone, e.g. "22 novembre 2026 à 14:03", « 1er octobre
/// 2026 à 02:26 », "1 October 2026 at 02:26". The browser's `Intl` knows the time zone and the words; the day is
/// written by core's rule (`Date::day_number_in_words`: Intl writes « 1 octobre », French writes « 1er »), and
/// English is British day-month order, as the rest of the app's dates ([`passregion_core::Date::in_words`]).
pub fn local_date_time(iso: &str, lang: Lang, with_time: bool) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into());
    if with_time {
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    }
    let locale = match lang {
        Lang::Fr => "fr-FR",
        Lang::En => "en-GB",
    };
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&locale.into()), &options);
    let field = |part: &JsValue, name: &str| js_sys::Reflect::get(part, &name.into()).ok().and_then(|v| v.as_string());
    format
        .format_to_parts(&date)
        .iter()
        .map(|part| match (field(&part, "type").as_deref(), field(&part, "value").unwrap_or_default()) {
            (Some("day"), day) => match day.parse() {
                Ok(n) => passregion_core::Date::day_number_in_words(n, |key| crate::i18n::text(lang, key)),
                Err(_) => day,
            },
            (_, value) => value,
        })
        .collect()
}

/// Copies text to the clipboard: the async Clipboard API, else a hidden textarea and `execCommand("copy")` for
/// browsers or contexts without it.
async fn copy_text(text: &str) -> bool {
    if let Some(window) = web_sys::window() {
        let clipboard = window.navigator().clipboard();
        if !clipboard.is_undefined() && wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.is_ok() {
            return true;
        }
        if let Some(doc) = window.document()
            && let (Ok(area), Some(body)) = (doc.create_element("textarea"), doc.body())
        {
            area.set_text_content(Some(text));
            let _ = area.set_attribute("readonly", "");
            let _ = area.set_attribute("style", "position:fixed;top:-100px;opacity:0");
            let _ = body.append_child(&area);
            if let Ok(area) = area.clone().dyn_into::<web_sys::HtmlTextAreaElement>() {
                area.select();
            }
            let ok =
                doc.dyn_into::<web_sys::HtmlDocument>().ok().and_then(|d| d.exec_command("copy").ok()).unwrap_or(false);
            let _ = body.remove_child(&area);
            return ok;
        }
    }
    false
}

/// Where the confirmation's chunk is shown: on a step's route after sending (`AlreadySent`), or on its own route.
#[derive(Clone, Copy, Debug)]
pub struct AlreadySentHere(pub bool);

/// The confirmation chunk's view (src/chunks.rs): which of the two, from the context its caller provided.
#[component]
pub fn ConfirmationChunk() -> impl IntoView {
    if use_context::<AlreadySentHere>().is_some_and(|here| here.0) {
        view! { <AlreadySent /> }.into_any()
    } else {
        view! { <ConfirmationPage /> }.into_any()
    }
}

/// In the first page: the heading and the dossier number, from the app's state, while the confirmation's chunk is
/// fetched or when fetching it failed, so that a slow or lost network right after sending never hides the number.
#[component]
pub fn SentWhileLoading(already_sent: bool) -> impl IntoView {
    let state = use_app_state();
    move || {
        state.receipt.get().map(|receipt| {
            view! {
                <div class="confirmation">
                    <div class="confirmation__banner">
                        <h1>{t(if already_sent { "confirmation.already_title" } else { "confirmation.title" })}</h1>
                        <p>{t("confirmation.number_label")}</p>
                        <p class="dossier-number"><DossierNumber number=receipt.dossier_number /></p>
                    </div>
                </div>
            }
        })
    }
}

#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let state = use_app_state();
    Effect::new(move |_| set_document_title(&t_now("confirmation.title")));
    focus_heading_on_navigation("confirmation-title");
    move || match state.receipt.get() {
        Some(r) => view! { <Confirmation receipt=r /> }.into_any(),
        None => view! {
            <div class="page">
                <h1 id="confirmation-title" tabindex="-1">{t("confirmation.none_title")}</h1>
                <p>{t("confirmation.none_text")}</p>
                <p><A href="/" attr:class="button button--primary">{t("notfound.home")}</A></p>
            </div>
        }
        .into_any(),
    }
}

/// A step of the journey reached again after sending (browser Back, an old tab, "Commencer" once more): the
/// application is already sent, with its receipt, and another one (a brother's, a sister's) may be started.
#[component]
pub fn AlreadySent() -> impl IntoView {
    let state = use_app_state();
    Effect::new(move |_| set_document_title(&t_now("confirmation.already_title")));
    focus_heading_on_navigation("confirmation-title");
    move || state.receipt.get().map(|r| view! { <Confirmation receipt=r already_sent=true /> })
}

#[component]
fn Confirmation(receipt: Receipt, #[prop(optional)] already_sent: bool) -> impl IntoView {
    let state = use_app_state();
    let navigate = leptos_router::hooks::use_navigate();
    let another = move |_| {
        state.forget_receipt();
        navigate(&StepId::Charter.path(), Default::default());
    };
    let lang = use_lang();
    let copied = RwSignal::new(None::<bool>);
    let number = receipt.dossier_number.clone();
    let copy = move |_| {
        let number = number.clone();
        leptos::task::spawn_local(async move {
            let ok = copy_text(&number).await;
            let _ = copied.try_set(Some(ok));
        });
    };
    let print = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let r = receipt.clone();
    let expires = move || local_date_time(&r.activation_expires_at, lang.get(), true);
    let masked = receipt.masked_email.clone();
    view! {
        <div class="confirmation">
            <div class="confirmation__banner" role="status">
                <h1 id="confirmation-title" tabindex="-1">
                    {t(if already_sent { "confirmation.already_title" } else { "confirmation.title" })}
                </h1>
                {already_sent.then(|| view! { <p>{t("confirmation.already_text")}</p> })}
                <p>{t("confirmation.number_label")}</p>
                <p class="dossier-number" id="dossier-number"><DossierNumber number=receipt.dossier_number.clone() /></p>
                <button type="button" class="button button--secondary" on:click=copy aria-describedby="dossier-number">
                    {t("confirmation.copy")}
                </button>
                <p class="copy-status" aria-live="polite">
                    {move || copied.get().map(|ok| t_now(if ok { "confirmation.copied" } else { "confirmation.copy_failed" }))}
                </p>
                <p class="confirmation__remember"><strong>{t("confirmation.remember")}</strong></p>
            </div>
            <section aria-labelledby="next-title">
                <h2 id="next-title">{t("confirmation.next_title")}</h2>
                <p>{tf("confirmation.email_sent", move || vec![("email", masked.clone()), ("deadline", expires())])}</p>
                <p>{t("confirmation.email_spam")}</p>
                // The space is another bundle: rel="external" makes the router leave it to a full page load.
                <p class="no-print">{t("confirmation.space_intro")} " " <a href="/espace/connexion" rel="external">{t("confirmation.space_link")}</a></p>
            </section>
            <Resend />
            {receipt.guardian_consent.clone().map(|pending| view! {
                <crate::steps::guardian_status::GuardianPending pending dossier_number=receipt.dossier_number.clone() />
            })}
            <Receipt receipt=receipt.clone() />
            <div class="button-row no-print">
                <button type="button" class="button button--primary" on:click=print>{t("confirmation.print")}</button>
                {already_sent.then(|| view! {
                    <button type="button" class="button button--secondary" on:click=another.clone()>{t("confirmation.another")}</button>
                })}
            </div>
        </div>
    }
}

/// "Je n'ai rien reçu": a new activation link to the address typed (prefilled in this tab after sending).
#[component]
fn Resend() -> impl IntoView {
    let state = use_app_state();
    let lang = use_lang();
    let email = RwSignal::new(state.last_email.get_untracked().unwrap_or_default());
    let sending = RwSignal::new(false);
    let answer = RwSignal::new(None::<Result<String, api::ApiError>>);
    // The address is checked with the application's rule before anything is sent: an empty or mistyped field says
    // so on the field instead of doing nothing.
    let problem = RwSignal::new(None::<passregion_core::ErrorCode>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let typed = email.get_untracked();
        let checked = if typed.trim().is_empty() {
            Err(passregion_core::ErrorCode::Required)
        } else {
            passregion_core::rules::email::normalize_email(&typed)
        };
        let address = match checked {
            Ok(address) => address,
            Err(code) => {
                problem.set(Some(code));
                answer.set(None);
                focus_field("resend-email");
                return;
            }
        };
        problem.set(None);
        sending.set(true);
        let request = ResendActivationRequest { email: Some(address), token: None };
        leptos::task::spawn_local(async move {
            let result = api::resend_activation(&request, lang.get_untracked()).await;
            let _ = sending.try_set(false);
            let _ = answer.try_set(Some(result.map(|a| a.message)));
        });
    };
    view! {
        <details class="disclosure no-print">
            <summary>{t("confirmation.nothing_received")}</summary>
            <form class="disclosure__body" on:submit=send novalidate>
                <p>{t("confirmation.resend_intro")}</p>
                <div class="field" class:field--error=move || problem.get().is_some()>
                    <label class="field__label" for="resend-email">{t("identity.email")}</label>
                    <p class="field__error" id="resend-email-error">
                        {move || problem.get().map(crate::ui::form::issue_text)}
                    </p>
                    <input
                        id="resend-email"
                        class="input"
                        type="email"
                        autocomplete="email"
                        aria-describedby="resend-email-error"
                        aria-invalid=move || if problem.get().is_some() { "true" } else { "false" }
                        prop:value=move || email.get()
                        on:input=move |ev| {
                            problem.set(None);
                            email.set(event_target_value(&ev));
                        }
                    />
                </div>
                <button type="submit" class="button button--secondary" disabled=move || sending.get() aria-busy=move || if sending.get() { "true" } else { "false" }>
                    {move || t_now(if sending.get() { "common.sending" } else { "confirmation.resend" })}
                </button>
                <div role="status" aria-live="polite">
                    {move || answer.get().map(|a| match a {
                        Ok(message) => view! { <p class="notice notice--success">{message}</p> }.into_any(),
                        Err(api::ApiError::Network) => view! { <p class="notice notice--error">{t("common.network_error")}</p> }.into_any(),
                        Err(e) if e.notice().is_some() => view! { <p class="notice notice--error">{move || e.notice_text(lang.get()).unwrap_or_default()}</p> }.into_any(),
                        Err(_) => view! { <p class="notice notice--error">{t("confirmation.resend_error")} " " <Helpline /></p> }.into_any(),
                    })}
                </div>
            </form>
        </details>
    }
}

fn focus_field(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// "26 29 76 43 51" with each pair unbreakable: if the line is too narrow it breaks between pairs, never inside
/// one (a lone "51" on the next line read as a second number).
#[component]
fn DossierNumber(number: String) -> impl IntoView {
    let formatted = dossier::format(&number);
    let pairs: Vec<String> = formatted.split(' ').map(str::to_string).collect();
    let last = pairs.len().saturating_sub(1);
    pairs
        .into_iter()
        .enumerate()
        .map(|(i, pair)| {
            view! { <span class="dossier-number__pair">{pair}</span>{(i < last).then_some(" ")}}
        })
        .collect_view()
}

/// The printable receipt.
#[component]
fn Receipt(receipt: Receipt) -> impl IntoView {
    let lang = use_lang();
    let created = receipt.created_at.clone();
    let name =
        format!("{} {}", receipt.first_name, passregion_core::rules::name::display_last_name(&receipt.last_name));
    let delivery = if receipt.send_to_establishment { "review.delivery_school" } else { "review.delivery_home" };
    view! {
        <section class="receipt card" aria-labelledby="receipt-title">
            <h2 id="receipt-title">{t("confirmation.receipt_title")}</h2>
            <p class="receipt__brand">{t("shell.wordmark")} " – " {t("shell.region")}</p>
            <dl class="review-list">
                <div class="review-list__row"><dt>{t("confirmation.number_label")}</dt><dd class="receipt__number"><DossierNumber number=receipt.dossier_number.clone() /></dd></div>
                <div class="review-list__row"><dt>{t("confirmation.receipt_name")}</dt><dd>{name}</dd></div>
                <div class="review-list__row"><dt>{t("school.label")}</dt><dd>{receipt.establishment.clone()}</dd></div>
                <div class="review-list__row"><dt>{t("school.stream_label")}</dt><dd>{receipt.stream.clone()}</dd></div>
                <div class="review-list__row"><dt>{t("confirmation.receipt_date")}</dt><dd>{move || local_date_time(&created, lang.get(), true)}</dd></div>
                <div class="review-list__row"><dt>{t("review.delivery")}</dt><dd>{t(delivery)}</dd></div>
            </dl>
            <h3>{t("confirmation.next_title")}</h3>
            <ol>
                <li>{t("confirmation.next_activate")}</li>
                <li>{t("confirmation.next_login")}</li>
                <li>{t("confirmation.next_card")}</li>
            </ol>
            <p>{t("confirmation.receipt_help")} " " <Helpline /></p>
        </section>
    }
}
