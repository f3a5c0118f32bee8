//! Password inputs: a show/hide toggle, and (for a new password) core's live checklist, as in the application.

use leptos::prelude::*;
use passregion_core::rules::password::password_checklist;

use crate::i18n::{t, t_now};
use crate::ui::form::{Errors, Field};

/// A password field with "Afficher"/"Masquer". `controls` names every input the toggle shows (one or two).
#[component]
pub fn PasswordField(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    errors: Errors,
    shown: RwSignal<bool>,
    autocomplete: &'static str,
    #[prop(optional)] controls: Option<&'static str>,
    #[prop(optional)] toggle: bool,
    #[prop(optional, into)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let input_type = Signal::derive(move || if shown.get() { "text".to_string() } else { "password".to_string() });
    let button = toggle.then(|| {
        view! {
            <button type="button" class="button button--secondary button--small"
                aria-controls=controls.unwrap_or(id)
                aria-pressed=move || if shown.get() { "true" } else { "false" }
                on:click=move |_| shown.update(|s| *s = !*s)>
                {move || if shown.get() { t_now("common.password_hide") } else { t_now("common.password_show") }}
            </button>
        }
    });
    match hint {
        Some(hint) => view! {
            <Field id label value errors input_type autocomplete spellcheck_off=true hint>{button}</Field>
        }
        .into_any(),
        None => view! {
            <Field id label value errors input_type autocomplete spellcheck_off=true>{button}</Field>
        }
        .into_any(),
    }
}

/// The rules of a new password, ticked off while typing (core's `password_checklist`).
#[component]
pub fn PasswordChecklist(value: RwSignal<String>) -> impl IntoView {
    let checklist = Memo::new(move |_| value.with(|v| password_checklist(v)));
    let item = move |met: Signal<bool>, key: &'static str| {
        view! {
            <li class="checklist-live__item" class:met=move || met.get()>
                <span class="checklist-live__mark" aria-hidden="true">{move || if met.get() { "✓" } else { "•" }}</span>
                {t(key)}
                <span class="visually-hidden">
                    {move || if met.get() { t_now("password.rule_met") } else { t_now("password.rule_not_met") }}
                </span>
            </li>
        }
    };
    view! {
        <ul class="checklist-live" aria-live="polite" aria-label=t("password.rules")>
            {item(Signal::derive(move || checklist.get().long_enough), "password.rule_length")}
            {item(Signal::derive(move || checklist.get().has_letter), "password.rule_letter")}
            {item(Signal::derive(move || checklist.get().has_digit), "password.rule_digit")}
        </ul>
    }
}
