//! The streams of the chosen establishment, grouped by level (a select with one group per level), and "Trouve
//! ta filière", a search by name within the establishment whose results are grouped and named the same way.

use leptos::prelude::*;
use passregion_core::api::{EstablishmentStreams, Page, Stream, field};
use passregion_core::draft::StreamChoice;
use std::time::Duration;

use super::levels::{group_by_level, level_key, stream_name};
use crate::api::{self, ApiError};
use crate::i18n::{Lang, t, t_now, tf_now, use_lang};
use crate::keyed_resource::KeyedResource;
use crate::state::use_app_state;
use crate::ui::fields::{InlineError, field_message};
use crate::ui::form::{field_id, use_form};
use crate::ui::spinner::{Delayed, Spinner};

/// A level's name in plain French (or English); the API's label for a level this version does not know.
fn level_name(code: &str, api_label: &str) -> String {
    level_key(code).map_or_else(|| api_label.to_string(), t_now)
}

/// What the draft keeps of a chosen stream: its code and its name with the level ("Plasturgie (Bac pro)").
fn choice(s: &Stream) -> StreamChoice {
    StreamChoice { code: s.code.clone(), label: stream_name(&s.label, &s.level, &level_name(&s.level, &s.level)) }
}

#[component]
pub fn StreamPicker(uai: String) -> impl IntoView {
    let state = use_app_state();
    let form = use_form();
    let lang = use_lang();
    // Asked again in the other language, and on "Réessayer" (a new attempt is a new key: the spinner shows again).
    let attempt = RwSignal::new(0u32);
    let streams = {
        let uai = uai.clone();
        KeyedResource::new(
            move || Some((uai.clone(), lang.get(), attempt.get())),
            |(uai, lang, _): (String, Lang, u32)| async move { api::establishment_streams(&uai, lang).await },
        )
    };
    let id = field_id(field::STREAM_CODE);
    let message = field_message(field::STREAM_CODE);
    let selected = Memo::new(move |_| state.draft.with(|d| d.stream().map(|s| s.code.clone())));
    let pick = move |s: Option<StreamChoice>| {
        state.clear_server_error(field::STREAM_CODE);
        state.update_draft(|d| d.set_stream(s));
        form.touch(field::STREAM_CODE);
    };
    let find_stream = move |code: &str| -> Option<StreamChoice> {
        match untrack(|| streams.get()) {
            Some(Ok(es)) => es.groups.iter().flat_map(|g| g.streams.iter()).find(|s| s.code == code).map(choice),
            _ => None,
        }
    };

    let select = {
        let id = id.clone();
        move |es: EstablishmentStreams| {
            let id = id.clone();
            let error_id = format!("{id}-error");
            view! {
                <div class="field" class:field--error=move || message.get().is_some()>
                    <label class="field__label" for=id.clone()>{t("school.stream_label")}</label>
                    <InlineError id=error_id.clone() message=message />
                    <select
                        id=id.clone()
                        class="input select"
                        aria-invalid=move || if message.get().is_some() { "true" } else { "false" }
                        aria-describedby=move || message.get().map(|_| format!("{}-error", field_id(field::STREAM_CODE)))
                        on:change=move |ev| {
                            let code = event_target_value(&ev);
                            pick(find_stream(&code));
                        }
                    >
                        <option value="" selected=move || selected.get().is_none()>{t("school.stream_placeholder")}</option>
                        {es.groups
                            .into_iter()
                            .map(|g| view! {
                                <optgroup label=level_name(&g.level, &g.label)>
                                    {g.streams
                                        .into_iter()
                                        .map(|s| {
                                            let code = s.code.clone();
                                            // The level in the option too: a phone's closed select shows the
                                            // option alone, without its group.
                                            let name = choice(&s).label;
                                            view! {
                                                <option value=s.code.clone() selected=move || selected.get().as_deref() == Some(code.as_str())>
                                                    {name}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </optgroup>
                            })
                            .collect_view()}
                    </select>
                </div>
            }
        }
    };

    let body = move || match streams.get() {
        None => view! { <Delayed><Spinner label=t("school.streams_loading") /></Delayed> }.into_any(),
        Some(Err(_)) => view! {
            <div class="notice notice--error" role="alert">
                <p>{t("school.streams_error")}</p>
                <button type="button" class="button button--secondary" on:click=move |_| attempt.update(|n| *n += 1)>
                    {t("common.retry")}
                </button>
            </div>
        }
        .into_any(),
        Some(Ok(es)) if es.groups.iter().all(|g| g.streams.is_empty()) => {
            view! { <p class="notice notice--warning">{t("school.no_streams")}</p> }.into_any()
        }
        Some(Ok(es)) => select.clone()(es).into_any(),
    };

    view! {
        <section class="streams" aria-labelledby="streams-title">
            <h2 id="streams-title">{t("school.streams_title")}</h2>
            {body}
            <FindStream uai=uai.clone() on_pick=Callback::new(move |s: Stream| pick(Some(choice(&s)))) />
        </section>
    }
}

/// "Trouve ta filière": search the establishment's streams by name.
#[component]
fn FindStream(uai: String, on_pick: Callback<Stream>) -> impl IntoView {
    let lang = use_lang();
    let query = RwSignal::new(String::new());
    let results: RwSignal<Option<Result<Page<Stream>, ApiError>>> = RwSignal::new(None);
    let sequence = RwSignal::new(0u64);
    let searching = RwSignal::new(false);
    let search = move |text: String| {
        let seq = sequence.get_untracked() + 1;
        sequence.set(seq);
        if text.trim().chars().count() < 2 {
            results.set(None);
            return;
        }
        let uai = uai.clone();
        set_timeout(
            move || {
                if sequence.try_get_untracked() != Some(seq) {
                    return;
                }
                searching.set(true);
                let lang = lang.get_untracked();
                leptos::task::spawn_local(async move {
                    let answer = api::search_streams(text.trim(), Some(&uai), lang).await;
                    if sequence.try_get_untracked() == Some(seq) {
                        let _ = searching.try_set(false);
                        let _ = results.try_set(Some(answer));
                    }
                });
            },
            Duration::from_millis(250),
        );
    };
    let status = move || {
        if searching.get() {
            return t_now("school.searching");
        }
        match results.get() {
            None => String::new(),
            Some(Err(e)) => e.notice_text(crate::i18n::current_lang()).unwrap_or_else(|| t_now("school.search_error")),
            Some(Ok(p)) if p.items.is_empty() => t_now("school.find_stream_none"),
            Some(Ok(p)) => tf_now("school.find_stream_results", &[("n", &p.items.len().to_string())]),
        }
    };
    view! {
        <details class="disclosure find-stream">
            <summary>{t("school.find_stream_title")}</summary>
            <div class="disclosure__body">
                <label class="field__label" for="find-stream">{t("school.find_stream_label")}</label>
                <input
                    id="find-stream"
                    class="input"
                    type="search"
                    autocomplete="off"
                    aria-describedby="find-stream-status"
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        query.set(text.clone());
                        search(text);
                    }
                    on:keydown=|ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                        }
                    }
                />
                <p id="find-stream-status" role="status" aria-live="polite">{status}</p>
                // Grouped and named by level as in the list above, never the API's level codes.
                <div class="find-stream__results">
                    {move || match results.get() {
                        Some(Ok(p)) => group_by_level(p.items, |s| s.level.as_str())
                            .into_iter()
                            .map(|(level, streams)| {
                                let heading = level_name(&level, &level);
                                view! {
                                    <h3 class="find-stream__level">{heading}</h3>
                                    <ul>
                                        {streams
                                            .into_iter()
                                            .map(|s| {
                                                let full = choice(&s).label;
                                                view! {
                                                    <li>
                                                        <span>{s.label.clone()}</span> " "
                                                        <button type="button" class="button button--small" on:click=move |_| on_pick.run(s.clone())>
                                                            {t("school.find_stream_choose")}
                                                            <span class="visually-hidden">{t("common.label_separator")} {full}</span>
                                                        </button>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                            })
                            .collect_view()
                            .into_any(),
                        _ => ().into_any(),
                    }}
                </div>
            </div>
        </details>
    }
}
