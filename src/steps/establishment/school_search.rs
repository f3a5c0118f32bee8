//! The establishment search: a WAI-ARIA 1.2 combobox (list autocomplete) over `GET /establishments`.
//!
//! Typing waits 250 ms before asking, so a word typed quickly makes one request; answers arriving out of order
//! are dropped. A polite live region says how many results there are, or why there are none.

use leptos::prelude::*;
use passregion_core::api::{Establishment, Page, field};
use passregion_core::draft::EstablishmentChoice;
use std::time::Duration;

use crate::api::{self, ApiError};
use crate::i18n::{t, t_now, tf_now, use_lang};
use crate::state::use_app_state;
use crate::ui::fields::field_message;
use crate::ui::form::{field_id, use_form};

const MIN_QUERY_CHARS: usize = 2;
const PER_PAGE: u32 = 10;
const DEBOUNCE: Duration = Duration::from_millis(250);
const LISTBOX_ID: &str = "school-listbox";

#[derive(Clone, PartialEq)]
enum Results {
    Idle,
    Searching,
    Found(Page<Establishment>),
    Failed(ApiError),
}

fn option_id(i: usize) -> String {
    format!("school-option-{i}")
}

fn describe(e: &Establishment) -> String {
    let place = [e.postal_code.clone(), e.commune.clone()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    if place.is_empty() { format!("{} ({})", e.name, e.kind) } else { format!("{} ({}) – {place}", e.name, e.kind) }
}

#[component]
pub fn SchoolSearch() -> impl IntoView {
    let state = use_app_state();
    let form = use_form();
    let lang = use_lang();
    let chosen = Memo::new(move |_| state.draft.with(|d| d.establishment().cloned()));
    let query = RwSignal::new(chosen.get_untracked().map(|c| c.name).unwrap_or_default());
    let results = RwSignal::new(Results::Idle);
    let expanded = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let sequence = RwSignal::new(0u64);
    let id = field_id(field::UAI);
    let message = field_message(field::UAI);

    let search = move |text: String| {
        let seq = sequence.get_untracked() + 1;
        sequence.set(seq);
        if text.trim().chars().count() < MIN_QUERY_CHARS {
            results.set(Results::Idle);
            expanded.set(false);
            return;
        }
        set_timeout(
            move || {
                // The page may have gone (timers outlive components): only the latest, still-mounted search runs.
                if sequence.try_get_untracked() != Some(seq) {
                    return;
                }
                results.set(Results::Searching);
                let lang = lang.get_untracked();
                leptos::task::spawn_local(async move {
                    let answer = api::search_establishments(text.trim(), 1, PER_PAGE, lang).await;
                    if sequence.try_get_untracked() != Some(seq) {
                        return;
                    }
                    let _ = active.try_set(None);
                    match answer {
                        Ok(page) => {
                            let _ = results.try_set(Results::Found(page));
                            let _ = expanded.try_set(true);
                        }
                        Err(e) => {
                            let _ = results.try_set(Results::Failed(e));
                        }
                    }
                });
            },
            DEBOUNCE,
        );
    };

    let items = move || match results.get() {
        Results::Found(p) => p.items,
        _ => Vec::new(),
    };

    let choose = move |e: Establishment| {
        query.set(e.name.clone());
        expanded.set(false);
        active.set(None);
        state.clear_server_error(field::UAI);
        state.clear_server_error(field::STREAM_CODE);
        state.update_draft(|d| {
            d.set_establishment(Some(EstablishmentChoice {
                uai: e.uai.clone(),
                name: e.name.clone(),
                commune: e.commune.clone(),
            }));
        });
        form.touch(field::UAI);
    };

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = items().len();
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                if count > 0 {
                    expanded.set(true);
                    active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
                }
            }
            "ArrowUp" => {
                ev.prevent_default();
                if count > 0 {
                    expanded.set(true);
                    active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
                }
            }
            "Enter" => {
                // Enter picks the highlighted school instead of submitting the step.
                if expanded.get_untracked()
                    && let Some(e) = active.get_untracked().and_then(|i| items().get(i).cloned())
                {
                    ev.prevent_default();
                    choose(e);
                }
            }
            "Escape" if expanded.get_untracked() => {
                ev.prevent_default();
                expanded.set(false);
                active.set(None);
            }
            _ => {}
        }
    };

    let status = move || match results.get() {
        Results::Idle => String::new(),
        Results::Searching => t_now("school.searching"),
        Results::Failed(ApiError::Network) => t_now("common.network_error"),
        Results::Failed(e) => {
            e.notice_text(crate::i18n::current_lang()).unwrap_or_else(|| t_now("school.search_error"))
        }
        Results::Found(p) if p.items.is_empty() => t_now("school.no_result"),
        Results::Found(p) if p.total as usize > p.items.len() => {
            tf_now("school.results_more", &[("n", &p.items.len().to_string()), ("total", &p.total.to_string())])
        }
        Results::Found(p) => tf_now("school.results", &[("n", &p.items.len().to_string())]),
    };

    let describedby = {
        let id = id.clone();
        move || {
            let mut ids = vec![format!("{id}-hint"), "school-status".to_string()];
            if message.get().is_some() {
                ids.push(format!("{id}-error"));
            }
            ids.join(" ")
        }
    };

    view! {
        <div class="field combobox" class:field--error=move || message.get().is_some()>
            <label class="field__label" for=id.clone()>{t("school.label")}</label>
            <p class="field__hint" id=format!("{id}-hint")>{t("school.hint")}</p>
            <Show when=move || message.get().is_some()>
                <p class="field__error" id=format!("{}-error", field_id(field::UAI))>
                    <span class="visually-hidden">{t("common.error_prefix")}</span>
                    {move || message.get().unwrap_or_default()}
                </p>
            </Show>
            <input
                id=id.clone()
                class="input"
                type="text"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-controls=LISTBOX_ID
                aria-expanded=move || if expanded.get() && !items().is_empty() { "true" } else { "false" }
                aria-activedescendant=move || active.get().map(option_id)
                aria-invalid=move || if message.get().is_some() { "true" } else { "false" }
                aria-describedby=describedby
                prop:value=move || query.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    query.set(text.clone());
                    search(text);
                }
                on:keydown=on_keydown
                on:blur=move |_| {
                    form.touch(field::UAI);
                    // Let a click on an option land before the list closes.
                    set_timeout(move || { let _ = expanded.try_set(false); }, Duration::from_millis(200));
                }
            />
            <ul
                id=LISTBOX_ID
                role="listbox"
                class="combobox__list"
                aria-label=t("school.list_label")
                hidden=move || !expanded.get() || items().is_empty()
            >
                {move || {
                    items()
                        .into_iter()
                        .enumerate()
                        .map(|(i, e)| {
                            let label = describe(&e);
                            view! {
                                <li
                                    id=option_id(i)
                                    role="option"
                                    class="combobox__option"
                                    class:active=move || active.get() == Some(i)
                                    aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                                    on:mousedown=|ev| ev.prevent_default()
                                    on:click=move |_| choose(e.clone())
                                >
                                    {label}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p id="school-status" class="combobox__status" role="status" aria-live="polite">{status}</p>
            {move || chosen.get().map(|c| view! {
                <p class="chosen">
                    <span class="chosen__label">{t("school.chosen")}</span> " "
                    <strong>{c.name.clone()}</strong>
                    {c.commune.clone().map(|commune| format!(" – {commune}"))}
                    " (" {c.uai.clone()} ")"
                </p>
            })}
        </div>
    }
}
