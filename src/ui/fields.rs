//! Form controls with their label, hint and inline error bound together (label `for`, `aria-describedby`,
//! `aria-invalid`), so every field behaves alike for screen readers and keyboard users.

use leptos::prelude::*;

use super::form::{field_id, use_form};
use crate::i18n::t;
use crate::state::use_app_state;

/// The inline error of a field, or nothing; its id is what `aria-describedby` points at. Also for the selects
/// built by their steps (the commune, the stream).
#[component]
pub fn InlineError(#[prop(into)] id: String, #[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <Show when=move || message.get().is_some()>
            <p class="field__error" id=id.clone()>
                <span class="visually-hidden">{t("common.error_prefix")}</span>
                {move || message.get().unwrap_or_default()}
            </p>
        </Show>
    }
}

/// The message a field shows, reactive.
pub fn field_message(path: &'static str) -> Signal<Option<String>> {
    let form = use_form();
    let state = use_app_state();
    Signal::derive(move || form.message(&state, path))
}

fn described_by(hint: Option<String>, error: Option<String>) -> Option<String> {
    let ids: Vec<String> = [hint, error].into_iter().flatten().collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The ids and ARIA wiring of one field: its hint and error elements, its message, and `aria-describedby`, which
/// names the error only while there is one (a screen reader then reads it with the label).
struct FieldAria {
    hint_id: String,
    error_id: String,
    message: Signal<Option<String>>,
    describedby: Signal<Option<String>>,
}

fn field_aria(path: &'static str, id: &str, has_hint: bool) -> FieldAria {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let message = field_message(path);
    let describedby = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        Signal::derive(move || described_by(has_hint.then(|| hint_id.clone()), message.get().map(|_| error_id.clone())))
    };
    FieldAria { hint_id, error_id, message, describedby }
}

#[component]
pub fn TextField(
    path: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] set: Callback<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional, into)] input_type: MaybeProp<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocapitalize: Option<&'static str>,
    #[prop(optional)] spellcheck: Option<bool>,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] class: Option<&'static str>,
    /// Rewrites the value when the field is left (core's canonical display, e.g. a phone as "06 12 34 56 78"), never
    /// while typing, so nothing changes under the person's fingers.
    #[prop(optional)]
    tidy: Option<fn(&str) -> String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let form = use_form();
    let state = use_app_state();
    let id = field_id(path);
    let FieldAria { hint_id, error_id, message, describedby } = field_aria(path, &id, hint.is_some());
    view! {
        <div class="field" class:field--error=move || message.get().is_some()>
            <label class="field__label" for=id.clone()>
                {move || label.get()}
            </label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{move || h.get()}</p> })}
            <InlineError id=error_id.clone() message=message />
            <div class="field__row">
                <input
                    id=id.clone()
                    name=id.clone()
                    class=move || format!("input {}", class.unwrap_or(""))
                    type=move || input_type.get().unwrap_or_else(|| "text".to_string())
                    autocomplete=autocomplete
                    inputmode=inputmode
                    autocapitalize=autocapitalize
                    spellcheck=spellcheck.map(|s| if s { "true" } else { "false" })
                    maxlength=maxlength
                    aria-invalid=move || if message.get().is_some() { "true" } else { "false" }
                    aria-describedby=describedby
                    prop:value=move || value.get()
                    on:input=move |ev| {
                        state.clear_server_error(path);
                        set.run(event_target_value(&ev));
                    }
                    on:blur=move |_| {
                        if let Some(tidy) = tidy {
                            let typed = value.get_untracked();
                            let tidied = tidy(&typed);
                            if tidied != typed {
                                set.run(tidied);
                            }
                        }
                        form.touch(path);
                    }
                />
                {children.map(|c| c())}
            </div>
        </div>
    }
}

#[component]
pub fn CheckboxField(
    path: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] set: Callback<bool>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    /// Another id, when several checkboxes have no field path of their own.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let form = use_form();
    let state = use_app_state();
    let id = id.map(str::to_string).unwrap_or_else(|| field_id(path));
    let FieldAria { hint_id, error_id, message, describedby } = field_aria(path, &id, hint.is_some());
    view! {
        <div class="field field--checkbox" class:field--error=move || message.get().is_some()>
            <InlineError id=error_id.clone() message=message />
            <div class="checkbox">
                <input
                    type="checkbox"
                    id=id.clone()
                    name=id.clone()
                    aria-invalid=move || if message.get().is_some() { "true" } else { "false" }
                    aria-describedby=describedby
                    prop:checked=move || checked.get()
                    on:change=move |ev| {
                        state.clear_server_error(path);
                        form.touch(path);
                        set.run(event_target_checked(&ev));
                    }
                />
                <label for=id.clone()>{move || label.get()}</label>
            </div>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{move || h.get()}</p> })}
        </div>
    }
}

/// A group of radio buttons in a fieldset whose legend is the question.
#[component]
pub fn RadioGroup(
    path: &'static str,
    #[prop(into)] legend: Signal<String>,
    /// (value, label) pairs.
    options: Vec<(String, Signal<String>)>,
    #[prop(into)] selected: Signal<Option<String>>,
    #[prop(into)] set: Callback<String>,
    #[prop(optional)] inline: bool,
) -> impl IntoView {
    let form = use_form();
    let state = use_app_state();
    let id = field_id(path);
    let error_id = format!("{id}-error");
    let message = field_message(path);
    let radios = options
        .into_iter()
        .enumerate()
        .map(|(i, (value, label))| {
            // The first radio carries the field's id so the error summary can focus the group.
            let radio_id = if i == 0 { id.clone() } else { format!("{id}-{i}") };
            let v = value.clone();
            let v2 = value.clone();
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        id=radio_id.clone()
                        name=id.clone()
                        value=value.clone()
                        prop:checked=move || selected.get().as_deref() == Some(v.as_str())
                        on:change=move |_| {
                            state.clear_server_error(path);
                            form.touch(path);
                            set.run(v2.clone());
                        }
                    />
                    <label for=radio_id>{move || label.get()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="field fieldset"
            class:field--error=move || message.get().is_some()
            aria-describedby=move || message.get().map(|_| error_id.clone())
        >
            <legend class="fieldset__legend">{move || legend.get()}</legend>
            <InlineError id=format!("{id}-error") message=message />
            <div class="radios" class:radios--inline=inline>
                {radios}
            </div>
        </fieldset>
    }
}

/// The birth date as three boxes (day, month, year) in a fieldset: the pattern that works best with every
/// keyboard and screen reader, and that never guesses a century.
#[component]
pub fn DateField(
    path: &'static str,
    #[prop(into)] legend: Signal<String>,
    #[prop(into)] hint: Signal<String>,
    day: Signal<String>,
    month: Signal<String>,
    year: Signal<String>,
    set_day: Callback<String>,
    set_month: Callback<String>,
    set_year: Callback<String>,
) -> impl IntoView {
    let form = use_form();
    let state = use_app_state();
    let id = field_id(path);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let message = field_message(path);
    let invalid = move || {
        if message.get().is_some() { "true" } else { "false" }
    };
    // A whole date typed or pasted into any box ("14/03/2010", "2010-03-14"…) is spread over the three, rather
    // than left in one box and reported as incomplete.
    let spread = move |typed: &str, suffix: &str| {
        let (d, m, y) = passregion_core::Date::split_typed(typed)?;
        // The box typed in may already hold its part (its signal then does not change): say what it shows.
        let own = match suffix {
            "day" => d.clone(),
            "month" => m.clone(),
            _ => y.clone(),
        };
        set_day.run(d);
        set_month.run(m);
        set_year.run(y);
        form.touch(path);
        Some(own)
    };
    let part = move |suffix: &'static str,
                     label: Signal<String>,
                     value: Signal<String>,
                     set: Callback<String>,
                     width: &'static str,
                     autocomplete: &'static str| {
        // The day box carries the field's id, so the summary link lands on the first box.
        let part_id = if suffix == "day" { id.clone() } else { format!("{id}-{suffix}") };
        view! {
            <div class="date__part">
                <label class="field__label" for=part_id.clone()>{move || label.get()}</label>
                <input
                    id=part_id.clone()
                    name=part_id
                    class=format!("input input--{width}")
                    inputmode="numeric"
                    autocomplete=autocomplete
                    aria-invalid=invalid
                    prop:value=move || value.get()
                    on:input=move |ev| {
                        state.clear_server_error(path);
                        let typed = event_target_value(&ev);
                        match spread(&typed, suffix) {
                            Some(own) => event_target::<web_sys::HtmlInputElement>(&ev).set_value(&own),
                            None => set.run(typed),
                        }
                    }
                    on:blur=move |_| {
                        if suffix == "year" {
                            form.touch(path);
                        }
                    }
                />
            </div>
        }
    };
    let describedby = format!("{hint_id} {error_id}");
    view! {
        <fieldset
            class="field fieldset"
            class:field--error=move || message.get().is_some()
            role="group"
            aria-describedby=describedby
        >
            <legend class="fieldset__legend">{move || legend.get()}</legend>
            <p class="field__hint" id=hint_id.clone()>{move || hint.get()}</p>
            <InlineError id=error_id.clone() message=message />
            <div class="date">
                {part("day", Signal::derive(t("common.day")), day, set_day, "2", "bday-day")}
                {part("month", Signal::derive(t("common.month")), month, set_month, "2", "bday-month")}
                {part("year", Signal::derive(t("common.year")), year, set_year, "4", "bday-year")}
            </div>
        </fieldset>
    }
}
