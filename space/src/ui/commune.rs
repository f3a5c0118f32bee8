//! The commune of a postal address, from the official postcode list, as the application's contact step has it:
//! once the postcode is well formed its communes are asked for (`GET /postal-codes/{code}/communes`) and offered in
//! a native select — a single one is filled in, a loosely typed one ("clermont ferrand") takes the list's spelling —
//! and "Ma commune n'est pas dans la liste" turns the field back into free text for the rare place the list misses.
//! Without a list (postcode not typed yet, server unreachable) the field is free text; the server checks it anyway.

use leptos::prelude::*;
use passregion_core::api::Address;
use passregion_core::application::check_listed_commune;
use passregion_core::error::FieldIssue;
use passregion_core::rules::address::normalize_postal_code;
use passregion_core::rules::commune::find_listed;

use crate::api;
use crate::i18n::{t, t_now, tf_now, use_lang};
use crate::ui::form::{Errors, Field, InlineError, focus_id};

/// An address's postcode and commune as a form holds them, with the postcode's list as the server last gave it:
/// made by the page that owns the form, so that before sending it can ask the server's own rule
/// ([`check_listed_commune`]) and never send a commune its postcode does not have.
#[derive(Clone, Copy)]
pub struct CommuneChoice {
    pub postal_code: RwSignal<String>,
    pub commune: RwSignal<String>,
    pub not_listed: RwSignal<bool>,
    /// (postcode, its communes) of the latest answer.
    listed: RwSignal<Option<(String, Vec<String>)>>,
}

impl CommuneChoice {
    pub fn new(a: &Address) -> Self {
        CommuneChoice {
            postal_code: RwSignal::new(a.postal_code.clone()),
            commune: RwSignal::new(a.commune.clone()),
            not_listed: RwSignal::new(a.commune_not_listed),
            listed: RwSignal::new(None),
        }
    }

    /// The postcode now typed, when well formed.
    fn code(&self) -> Option<String> {
        self.postal_code.with(|p| normalize_postal_code(p).ok())
    }

    /// The communes of the postcode now typed, once the server gave them (`Some(empty)`: a postcode it does not
    /// know); `None` while they are on their way or could not be had.
    fn communes(&self) -> Option<Vec<String>> {
        let now = self.code();
        self.listed.with(|l| l.as_ref().filter(|(p, _)| Some(p) == now.as_ref()).map(|(_, c)| c.clone()))
    }

    /// Whether the commune is chosen in a select (the list is there and "not listed" is not ticked).
    pub fn offers_list(&self) -> bool {
        !self.not_listed.get_untracked() && self.communes().is_some_and(|c| !c.is_empty())
    }

    /// The issue the server would find with this postcode and commune, from the same rule, when the postcode's list
    /// is known here; `None` when it is not (the server checks then) or when either fails its own format rule
    /// (checked elsewhere).
    pub fn issue(&self) -> Option<FieldIssue> {
        let known = self.communes()?;
        let a = Address {
            postal_code: self.postal_code.get_untracked(),
            commune: self.commune.get_untracked(),
            commune_not_listed: self.not_listed.get_untracked(),
            street: String::new(),
            complement: None,
            care_of: None,
        };
        check_listed_commune(&a, |_| Some(known.as_slice()))?.err()
    }
}

/// What a screen reader hears when the communes arrive (the person is still in the postcode field).
fn found_text(communes: &[String]) -> String {
    match communes {
        [] => t_now("me.communes_none"),
        [only] => tf_now("me.communes_one", &[("commune", only)]),
        many => tf_now("me.communes_many", &[("count", &many.len().to_string())]),
    }
}

#[component]
pub fn CommuneField(id: &'static str, choice: CommuneChoice, errors: Errors) -> impl IntoView {
    let lang = use_lang();
    let CommuneChoice { commune, not_listed, listed, .. } = choice;
    let code = Memo::new(move |_| choice.code());
    // An answer for a postcode typed over since is dropped.
    Effect::new(move |_| {
        let Some(asked) = code.get() else { return };
        let lang = lang.get_untracked();
        leptos::task::spawn_local(async move {
            let Ok(found) = api::postal_code_communes(&asked, lang).await else { return };
            if code.try_get_untracked().flatten().as_deref() != Some(asked.as_str()) {
                return;
            }
            let had_focus = document().active_element().is_some_and(|e| e.id() == id);
            let typed = commune.get_untracked();
            // What the select shows is what is sent: the list's spelling of the typed commune, the only one, or
            // nothing chosen yet ("Choisis ta commune").
            let settled = match found.communes.as_slice() {
                [] => None,
                [only] if typed.trim().is_empty() => Some(only.clone()),
                list => Some(find_listed(&typed, list).map(str::to_string).unwrap_or_default()),
            };
            if let Some(spelled) = settled.filter(|_| !not_listed.get_untracked()) {
                let _ = commune.try_set(spelled);
            }
            let _ = listed.try_set(Some((found.postal_code, found.communes)));
            // The text box may become a select under a quick keyboard user's fingers: the focus follows it.
            if had_focus {
                request_animation_frame(move || focus_id(id));
            }
        });
    });
    // Only the list of the postcode now typed: while another one's is on its way, the field is free text.
    let communes = Memo::new(move |_| choice.communes());
    let announce = move || communes.with(|c| c.as_deref().map(found_text).unwrap_or_default());
    let checkbox_id = format!("{id}-not-listed");
    let hint_id = format!("{id}-not-listed-hint");
    view! {
        <p class="visually-hidden" aria-live="polite">{announce}</p>
        {move || match communes.get() {
            Some(list) if !list.is_empty() && !not_listed.get() => {
                view! { <CommuneSelect id list commune errors /> }.into_any()
            }
            _ => view! {
                <Field id label=Signal::derive(t("card.commune")) value=commune errors autocomplete="address-level2" />
            }.into_any(),
        }}
        <Show when=move || communes.with(Option::is_some) || not_listed.get()>
            <div class="field field--checkbox">
                <div class="checkbox">
                    <input type="checkbox" id=checkbox_id.clone() aria-describedby=hint_id.clone()
                        prop:checked=move || not_listed.get()
                        on:change=move |ev| not_listed.set(event_target_checked(&ev)) />
                    <label for=checkbox_id.clone()>{t("me.commune_not_listed")}</label>
                </div>
                <p class="field__hint" id=hint_id.clone()>{t("me.commune_not_listed_hint")}</p>
            </div>
        </Show>
    }
}

/// The postcode's communes as a native select (the most dependable control with every keyboard, screen reader and
/// phone), with "Choisis ta commune" first while none of them is chosen.
#[component]
fn CommuneSelect(id: &'static str, list: Vec<String>, commune: RwSignal<String>, errors: Errors) -> impl IntoView {
    let error_id = format!("{id}-error");
    let message = Signal::derive(move || errors.of(id));
    let options = list.clone();
    let chosen = move || commune.with(|v| list.iter().any(|c| c == v));
    view! {
        <div class="field" class:field--error=move || message.get().is_some()>
            <label class="field__label" for=id>{t("card.commune")}</label>
            <InlineError id=error_id message />
            <select id=id name=id class="input select" autocomplete="address-level2"
                aria-invalid=move || if message.get().is_some() { "true" } else { "false" }
                aria-describedby=move || message.get().map(|_| format!("{id}-error"))
                on:change=move |ev| commune.set(event_target_value(&ev))>
                <option value="" selected=move || !chosen()>{t("me.commune_choose")}</option>
                {options.into_iter().map(|c| {
                    let (is, label) = (c.clone(), c.clone());
                    view! { <option value=c selected=move || commune.with(|v| *v == is)>{label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
