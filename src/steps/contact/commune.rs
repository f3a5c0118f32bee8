//! The commune, from the official postcode list: once the postcode is well formed its communes are asked for, then
//! offered in a select — a single one is filled in — and "Ma commune n'est pas dans la liste"
//! turns the field back into free text for the rare place the list misses. Without a list (postcode not typed yet,
//! server unreachable) the field is free text; the server checks it in any case.

use leptos::prelude::*;
use passregion_core::api::field;
use passregion_core::rules::address::{COMMUNE_MAX_CHARS, normalize_postal_code};
use wasm_bindgen::JsCast;

use crate::api;
use crate::i18n::{t, t_now, tf_now, use_lang};
use crate::keyed_resource::KeyedResource;
use crate::state::use_app_state;
use crate::ui::fields::{CheckboxField, InlineError, TextField, field_message};
use crate::ui::form::{field_id, use_form};

/// What a screen reader hears when the communes of the postcode arrive (the person is still in the postcode field).
fn found_text(communes: &[String]) -> String {
    match communes {
        [] => t_now("contact.communes_none"),
        [only] => tf_now("contact.communes_one", &[("commune", only)]),
        many => tf_now("contact.communes_many", &[("count", &many.len().to_string())]),
    }
}

#[component]
pub fn CommuneField() -> impl IntoView {
    let state = use_app_state();
    let lang = use_lang();
    let d = state.draft;
    let postal_code = Memo::new(move |_| d.with(|d| normalize_postal_code(&d.postal_code).ok()));
    // Without an answer (server unreachable) the field stays free text. The step is a chunk of its own since the
    // split, so the resource no longer weighs on the first page (it did: +7,703 B gzip before the split).
    let answer = KeyedResource::new(
        move || postal_code.get(),
        move |code: String| async move { api::postal_code_communes(&code, lang.get_untracked()).await.ok() },
    );
    let id = field_id(field::COMMUNE);
    {
        let id = id.clone();
        Effect::new(move |_| {
            let Some(Some(found)) = answer.get() else { return };
            // The text box becomes a select under a quick keyboard user's fingers: the focus follows it.
            let had_focus = document().active_element().is_some_and(|e| e.id() == id);
            state.update_draft(|d| d.set_listed_communes(found.postal_code, found.communes));
            if had_focus {
                let id = id.clone();
                request_animation_frame(move || {
                    if let Some(el) =
                        document().get_element_by_id(&id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = el.focus();
                    }
                });
            }
        });
    }
    let listed = Memo::new(move |_| d.with(|d| d.listed_communes().map(<[String]>::to_vec)));
    let not_listed = Memo::new(move |_| d.with(|d| d.commune_not_listed));
    let value = Signal::derive(move || d.with(|d| d.commune.clone()));
    let set = Callback::new(move |v: String| state.update_draft(|d| d.commune = v));
    let set_not_listed = Callback::new(move |b: bool| state.update_draft(|d| d.commune_not_listed = b));
    let announce = move || listed.with(|l| l.as_deref().map(found_text).unwrap_or_default());

    view! {
        <p class="visually-hidden" aria-live="polite">{announce}</p>
        {move || match listed.get() {
            Some(communes) if !communes.is_empty() && !not_listed.get() => {
                view! { <CommuneSelect communes=communes value=value set=set /> }.into_any()
            }
            _ => view! {
                <TextField
                    path=field::COMMUNE
                    label=t("contact.commune")
                    value=value
                    set=set
                    autocomplete="address-level2"
                    maxlength=COMMUNE_MAX_CHARS as u32
                />
            }
            .into_any(),
        }}
        <Show when=move || listed.with(Option::is_some) || not_listed.get()>
            <CheckboxField
                path=field::COMMUNE_NOT_LISTED
                label=t("contact.commune_not_listed")
                hint=t("contact.commune_not_listed_hint")
                checked=not_listed
                set=set_not_listed
            />
        </Show>
    }
}

/// The postcode's communes as a native select (the most dependable control with every keyboard, screen reader and
/// phone), with a "Choisis ta commune" first option while none of them is chosen.
#[component]
fn CommuneSelect(communes: Vec<String>, #[prop(into)] value: Signal<String>, set: Callback<String>) -> impl IntoView {
    let state = use_app_state();
    let form = use_form();
    let id = field_id(field::COMMUNE);
    let error_id = format!("{id}-error");
    let message = field_message(field::COMMUNE);
    let listed = communes.clone();
    let chosen = move || value.with(|v| listed.iter().any(|c| c == v));
    view! {
        <div class="field" class:field--error=move || message.get().is_some()>
            <label class="field__label" for=id.clone()>{t("contact.commune")}</label>
            <InlineError id=error_id.clone() message=message />
            <select
                id=id.clone()
                name=id.clone()
                class="input select"
                autocomplete="address-level2"
                aria-invalid=move || if message.get().is_some() { "true" } else { "false" }
                aria-describedby=move || message.get().map(|_| format!("{}-error", field_id(field::COMMUNE)))
                on:change=move |ev| {
                    state.clear_server_error(field::COMMUNE);
                    set.run(event_target_value(&ev));
                    form.touch(field::COMMUNE);
                }
                on:blur=move |_| form.touch(field::COMMUNE)
            >
                <option value="" selected=move || !chosen()>{t("contact.commune_choose")}</option>
                {communes
                    .into_iter()
                    .map(|c| {
                        let (is, label) = (c.clone(), c.clone());
                        view! {
                            <option value=c selected=move || value.with(|v| *v == is)>{label}</option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
