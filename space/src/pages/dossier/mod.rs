//! `/espace`: the logged-in person's dossier. One load (`LocalResource`). Back from the new-photo page
//! (`?photo=envoyee` or `?photo=duplicata`), it says the photo is saved and what happens next. A 401 sends to the
//! login page.

mod card;
mod details;
pub mod new_photo;
mod status;
mod timeline;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use passregion_core::space::Dossier;
use passregion_core::status::NewPhotoFor;

use crate::api::{self, common_text};
use crate::i18n::{t, tf_now, use_lang};
use crate::session::{EndReason, use_session};
use crate::ui::form::Loading;

pub use status::dynamic_keys;

#[component]
pub fn DossierPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let loaded = LocalResource::new(move || api::dossier(lang.get_untracked()));
    let current = RwSignal::new(None::<Dossier>);
    let failure = RwSignal::new(None::<String>);
    // Back from the new-photo page, which saved the photo: said once, then the address loses its parameter.
    let query = leptos_router::hooks::use_query_map();
    let photo_sent = RwSignal::new(query.with_untracked(|q| match q.get("photo").as_deref() {
        Some("envoyee") => Some(NewPhotoFor::Refused),
        Some("duplicata") => Some(NewPhotoFor::Duplicate),
        _ => None,
    }));
    if photo_sent.get_untracked().is_some()
        && let Some(history) = web_sys::window().and_then(|w| w.history().ok())
    {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(crate::app::HOME_PATH));
    }
    Effect::new(move |_| match loaded.get() {
        Some(Ok(d)) => {
            session.moved(&d.session);
            current.set(Some(d));
            crate::pages::focus_heading();
        }
        Some(Err(e)) if e.session_required() => {
            session.ended();
            navigate(&EndReason::SessionRequired.login_path(), NavigateOptions { replace: true, ..Default::default() });
        }
        Some(Err(e)) => failure.set(Some(common_text(&e))),
        None => {}
    });
    view! {
        {move || match (current.get(), failure.get()) {
            (Some(d), _) => view! { <DossierView dossier=d photo_sent /> }.into_any(),
            (None, Some(message)) => view! {
                <h1 id="page-title" tabindex="-1">{t("dossier.title_plain")}</h1>
                <div class="notice notice--error" role="alert"><p>{message}</p></div>
                <button type="button" class="button button--secondary" on:click=move |_| {
                    failure.set(None);
                    loaded.refetch();
                }>{t("common.retry")}</button>
            }.into_any(),
            (None, None) => view! { <Loading label=Signal::derive(t("common.loading")) /> }.into_any(),
        }}
    }
}

#[component]
fn DossierView(dossier: Dossier, photo_sent: RwSignal<Option<NewPhotoFor>>) -> impl IntoView {
    let first_name = dossier.first_name.clone();
    let progress = dossier.progress.clone();
    let new_photo = passregion_core::status::new_photo_for(&progress);
    // Only the tasks this page words; one core adds later shows once it has its text here.
    #[allow(unreachable_patterns)]
    let tasks: Vec<(&'static str, Option<(&'static str, &'static str)>)> = progress
        .tasks
        .iter()
        .filter_map(|task| match task {
            passregion_core::status::Task::SendNewPhoto => Some(("dossier.task_send_new_photo", None)),
            passregion_core::status::Task::SetSecretCode => {
                Some(("dossier.task_set_code", Some((crate::app::CODE_PATH, "dossier.task_set_code_note"))))
            }
            _ => None,
        })
        .collect();
    let card = dossier.card.clone();
    let duplicate = progress.duplicate.clone();
    view! {
        <h1 id="page-title" tabindex="-1">
            {move || tf_now("dossier.hello", &[("first_name", &first_name)])}
        </h1>
        {move || photo_sent.get().map(|why| view! {
            <div class="notice notice--success" role="status">
                <p>{t(match why {
                    NewPhotoFor::Refused => "dossier.photo_sent",
                    NewPhotoFor::Duplicate => "dossier.photo_sent_duplicate",
                })}</p>
            </div>
        })}
        <status::StatusText progress=progress.clone() />
        <section class="space-section" aria-labelledby="tasks-title">
            <h2 id="tasks-title">{t("dossier.tasks_title")}</h2>
            {if tasks.is_empty() {
                view! { <p>{t("dossier.no_task")}</p> }.into_any()
            } else {
                view! {
                    <ul class="space-tasks">
                        {tasks.into_iter().map(|(key, link)| match link {
                            None => view! { <li class="space-task">{t(key)}</li> }.into_any(),
                            Some((href, note)) => view! {
                                <li class="space-task">
                                    <leptos_router::components::A href=href>{t(key)}</leptos_router::components::A>
                                    <p class="space-task__note">{t(note)}</p>
                                </li>
                            }.into_any(),
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(new_photo == Some(NewPhotoFor::Refused)).then(|| view! { <new_photo::NewPhotoLink why=NewPhotoFor::Refused /> })}
        </section>
        {card.map(|card| view! { <card::CardSection card /> })}
        {duplicate.map(|d| view! {
            <card::DuplicateSection duplicate=d>
                {(new_photo == Some(NewPhotoFor::Duplicate)).then(|| view! { <new_photo::NewPhotoLink why=NewPhotoFor::Duplicate /> })}
            </card::DuplicateSection>
        })}
        <timeline::Timeline progress=progress.clone() />
        <details::Details dossier />
    }
}
