//! "Prendre la photo avec mon téléphone", the computer's side: starts a handoff, shows its QR code and short code,
//! polls until the phone has sent the photo, fetches it and hands it to the photo step, which shows it like an
//! imported one. The handoff is cancelled when the panel goes away before the photo came (the person left the
//! step, chose another way, or cleared their data). Its secret lives in this panel's memory only.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use passregion_core::api::problem_code;
use passregion_core::handoff::{HandoffCreated, poll_delay_ms};
use web_sys::Blob;

use crate::api::{self, ApiError};
use crate::i18n::{current_lang, t};

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Starting,
    /// Shown: the QR code and the code; `connected` once the phone opened the link.
    Waiting {
        connected: bool,
    },
    Receiving,
    /// Ten minutes passed (or the server forgot it): offer a new code.
    Expired,
    /// Could not even start (network, rate limit).
    StartFailed,
}

/// What the tab keeps of its handoff: in memory, never in storage.
struct Held {
    id: String,
    secret: String,
}

fn sleep(ms: u32) -> impl std::future::Future<Output = ()> {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// The address to type, without its scheme ("passregion.fr/tel" reads better than "https://passregion.fr/tel").
fn short_address(url: &str) -> String {
    url.trim_start_matches("https://").trim_start_matches("http://").to_string()
}

/// The panel. `on_photo` receives the JPEG the phone sent; `on_close` goes back to the other ways. `for_space`:
/// started from the beneficiary space, so the server binds it to the logged-in session too (`crate::space_photo`).
#[component]
pub fn PhoneHandoff(
    on_photo: Callback<Blob>,
    on_close: Callback<()>,
    #[prop(optional)] for_space: bool,
) -> impl IntoView {
    let phase = RwSignal::new(Phase::Starting);
    let created = RwSignal::new(None::<HandoffCreated>);
    let trouble = RwSignal::new(false);
    // Plain Rust, not reactive: the polling task and the cleanup read them after the panel may have been disposed.
    // (Arc and Mutex only because cleanups must be Send; there is one thread.)
    let generation = Arc::new(AtomicU32::new(0));
    let held: Arc<Mutex<Option<Held>>> = Arc::default();
    let take_held = |held: &Mutex<Option<Held>>| held.lock().ok().and_then(|mut h| h.take());

    let begin = {
        let (generation, held) = (generation.clone(), held.clone());
        move || {
            let run = generation.fetch_add(1, Ordering::SeqCst) + 1;
            let (generation, held) = (generation.clone(), held.clone());
            let alive = move || generation.load(Ordering::SeqCst) == run;
            phase.set(Phase::Starting);
            created.set(None);
            let lang = current_lang();
            wasm_bindgen_futures::spawn_local(async move {
                let started =
                    if for_space { api::handoff::start_for_space(lang).await } else { api::handoff::start(lang).await };
                let Ok(started) = started else {
                    if alive() {
                        let _ = phase.try_set(Phase::StartFailed);
                    }
                    return;
                };
                if !alive() {
                    // Gone while the server answered: nothing on screen will ever show this code.
                    let _ = api::handoff::cancel(&started.id, &started.computer_secret, lang).await;
                    return;
                }
                let (id, secret, interval) =
                    (started.id.clone(), started.computer_secret.clone(), started.poll_interval_seconds);
                if let Ok(mut h) = held.lock() {
                    *h = Some(Held { id: id.clone(), secret: secret.clone() });
                }
                let mut shown = started;
                shown.computer_secret.clear();
                let _ = created.try_set(Some(shown));
                let _ = phase.try_set(Phase::Waiting { connected: false });
                let mut failures = 0u32;
                loop {
                    sleep(poll_delay_ms(interval, failures)).await;
                    if !alive() {
                        return;
                    }
                    let status = api::handoff::status(&id, &secret, lang).await;
                    if !alive() {
                        return;
                    }
                    let state = match status {
                        Ok(s) => {
                            failures = 0;
                            let _ = trouble.try_set(false);
                            s.state
                        }
                        Err(ApiError::Problem(p)) if p.code == problem_code::HANDOFF_UNKNOWN => "expired".into(),
                        Err(_) => {
                            failures += 1;
                            let _ = trouble.try_set(failures >= 2);
                            continue;
                        }
                    };
                    match state.as_str() {
                        "waiting" => {}
                        "phone_connected" => {
                            let _ = phase.try_set(Phase::Waiting { connected: true });
                        }
                        "photo_ready" => {
                            let _ = phase.try_set(Phase::Receiving);
                            match api::handoff::take_photo(&id, &secret, lang).await {
                                Ok(photo) if alive() => {
                                    // Fetched: the server has deleted it and nothing is left to cancel.
                                    take_held(&held);
                                    on_photo.try_run(photo);
                                    return;
                                }
                                Ok(_) => return,
                                Err(_) => {
                                    failures += 1;
                                    let _ = trouble.try_set(true);
                                    let _ = phase.try_set(Phase::Waiting { connected: true });
                                }
                            }
                        }
                        _ => {
                            take_held(&held);
                            let _ = phase.try_set(Phase::Expired);
                            return;
                        }
                    }
                }
            });
        }
    };
    begin();
    let restart = StoredValue::new_local(begin);

    on_cleanup({
        let (generation, held) = (generation.clone(), held.clone());
        move || {
            generation.fetch_add(1, Ordering::SeqCst);
            if let Some(h) = take_held(&held) {
                let lang = crate::i18n::Lang::default();
                // Not tied to the disposed view: a plain browser task.
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = api::handoff::cancel(&h.id, &h.secret, lang).await;
                });
            }
        }
    });

    let status_text = move || match phase.get() {
        Phase::Starting => t("handoff.starting")(),
        Phase::Waiting { connected: false } => t("handoff.waiting")(),
        Phase::Waiting { connected: true } => t("handoff.connected")(),
        Phase::Receiving => t("handoff.receiving")(),
        Phase::Expired => t("handoff.expired")(),
        Phase::StartFailed => t("handoff.start_failed")(),
    };
    let code = move || created.with(|c| c.as_ref().map(|c| c.short_code.clone()).unwrap_or_default());
    let address = move || created.with(|c| c.as_ref().map(|c| short_address(&c.short_url)).unwrap_or_default());
    let qr = move || created.with(|c| c.as_ref().and_then(|c| super::qr::svg(&c.link)));
    let showing = move || matches!(phase.get(), Phase::Waiting { .. } | Phase::Receiving);

    view! {
        <section class="handoff" aria-labelledby="handoff-title">
            <h2 id="handoff-title" class="photo-step__subtitle">{t("handoff.title")}</h2>
            <Show when=showing>
                <div class="handoff__body">
                    <figure class="handoff__qr">
                        <div class="handoff__qr-code" role="img" aria-label=t("handoff.qr_label") inner_html=qr></div>
                        <figcaption>{t("handoff.scan")}</figcaption>
                    </figure>
                    <div class="handoff__code">
                        <p>{t("handoff.no_scan")}</p>
                        <ol>
                            <li>{t("handoff.open_address")} " " <strong class="handoff__address">{address}</strong></li>
                            <li>{t("handoff.type_code")} " " <strong class="handoff__short-code">{code}</strong></li>
                        </ol>
                        <p class="field__hint">{t("handoff.valid_for")}</p>
                    </div>
                </div>
            </Show>
            <p class="handoff__status" role="status" aria-live="polite">
                {move || matches!(phase.get(), Phase::Starting | Phase::Waiting { .. } | Phase::Receiving)
                    .then(|| view! { <span class="handoff__spinner" aria-hidden="true"></span> })}
                {status_text}
            </p>
            <Show when=move || trouble.get()>
                <p class="field__hint" role="status">{t("handoff.network_trouble")}</p>
            </Show>
            <div class="photo-step__actions">
                <Show when=move || matches!(phase.get(), Phase::Expired | Phase::StartFailed)>
                    <button type="button" class="button button--primary" on:click=move |_| restart.with_value(|f| f())>
                        {t("handoff.new_code")}
                    </button>
                </Show>
                <button type="button" class="button button--secondary" on:click=move |_| on_close.run(())>
                    {t("handoff.other_way")}
                </button>
            </div>
        </section>
    }
}

/// The panel as the photo step takes it (`super::PhonePanel`).
pub fn panel(on_photo: Callback<Blob>, on_close: Callback<()>) -> AnyView {
    view! { <PhoneHandoff on_photo=on_photo on_close=on_close /> }.into_any()
}
