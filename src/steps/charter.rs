//! Step "charte": the charter of rights and duties, fetched in the language on screen, and its acceptance.

use leptos::prelude::*;
use passregion_core::api::{Charter, field};
use passregion_core::journey::StepId;

use crate::api;
use crate::i18n::{t, use_lang};
use crate::state::use_app_state;
use crate::ui::fields::CheckboxField;
use crate::ui::spinner::{Delayed, Spinner};
use crate::ui::step_frame::StepFrame;

#[component]
pub fn CharterStep() -> impl IntoView {
    let state = use_app_state();
    let lang = use_lang();
    let charter: RwSignal<Option<Result<Charter, api::ApiError>>> = RwSignal::new(None);
    let attempt = RwSignal::new(0u32);
    let accepted = Signal::derive(move || {
        let current = state.campaign_now().map(|c| c.charter_version);
        state.draft.with(|d| d.charter_accepted && Some(&d.charter_version) == current.as_ref())
    });
    // The next step's code comes after this page's own text, not before it, and once per visit of the page, not at
    // each change of language; for a first visit, only once the person uses the page (see `chunks::preload_next`).
    let preload_started = std::rc::Rc::new(std::cell::Cell::new(false));
    Effect::new(move |_| {
        let asked = (lang.get(), attempt.get());
        charter.set(None);
        let preload_started = preload_started.clone();
        leptos::task::spawn_local(async move {
            let result = api::charter(asked.0).await;
            // Answers can come back out of order: one for a language switched away from since (or an attempt
            // replaced by a retry) would put the wrong text on screen, so only the latest request's is kept. What
            // `KeyedResource` does for the streams and communes, by hand: that type here would bring `LocalResource`
            // into the first page, +8.9 KB gzip measured (docs/size.md).
            if (lang.try_get_untracked(), attempt.try_get_untracked()) != (Some(asked.0), Some(asked.1)) {
                return;
            }
            let _ = charter.try_set(Some(result));
            if preload_started.replace(true) {
                return;
            }
            if accepted.try_get_untracked().unwrap_or(false) {
                crate::chunks::preload_next(StepId::Charter, passregion_lazy::idle());
            } else {
                crate::chunks::preload_next(StepId::Charter, passregion_lazy::first_interaction());
            }
        });
    });
    // The version ticked is the one on screen; the campaign says which one is current.
    let version = move || match charter.get() {
        Some(Ok(c)) => Some(c.version),
        _ => state.campaign_now().map(|c| c.charter_version),
    };
    let body = move || match charter.get() {
        None => view! { <Delayed><Spinner label=t("charter.loading") /></Delayed> }.into_any(),
        Some(Err(_)) => view! {
            <div class="notice notice--error" role="alert">
                <p>{t("charter.error")}</p>
                <button type="button" class="button button--secondary" on:click=move |_| attempt.update(|n| *n += 1)>
                    {t("common.retry")}
                </button>
            </div>
        }
        .into_any(),
        Some(Ok(c)) => view! {
            <article class="charter" aria-labelledby="charter-title" tabindex="0">
                <h2 id="charter-title">{c.title.clone()}</h2>
                {c.sections
                    .into_iter()
                    .map(|s| view! {
                        <section>
                            <h3>{s.heading}</h3>
                            {s.paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                        </section>
                    })
                    .collect_view()}
            </article>
        }
        .into_any(),
    };
    view! {
        <StepFrame step=StepId::Charter>
            <p>{t("charter.intro")}</p>
            {body}
            <CheckboxField
                path=field::CHARTER_VERSION
                label=t("charter.accept")
                checked=accepted
                set=move |on: bool| {
                    let v = version().unwrap_or_default();
                    state.update_draft(|d| d.accept_charter(&v, on));
                }
            />
        </StepFrame>
    }
}
