//! A new photo after the establishment refused one: a file input whose file goes as it is; the server checks,
//! crops nothing and re-encodes it exactly as for an application. (The application's photo step, with its crop and
//! its worker, is another bundle: sharing it is still to do.)

use leptos::prelude::*;
use passregion_core::space::Dossier;
use wasm_bindgen::JsCast;

use crate::api::{self, common_text};
use crate::i18n::{t, t_now, use_lang};
use crate::ui::form::{ErrorSummary, Errors};

const INPUT: &str = "new-photo";

#[component]
pub fn NewPhoto(current: RwSignal<Option<Dossier>>, photo_sent: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    let session = crate::session::use_session();
    let end_session = crate::session::use_end_session();
    let errors = Errors::new();
    let file = RwSignal::new_local(None::<web_sys::File>);
    let send = Action::new_local(move |f: &web_sys::File| {
        let f = f.clone();
        async move { api::send_new_photo(f, lang.get_untracked()).await }
    });
    Effect::new(move |_| {
        let Some(result) = send.value().get() else { return };
        match result {
            Ok(d) => {
                session.moved(&d.session);
                photo_sent.set(true);
                current.set(Some(d));
                crate::ui::form::focus_later("page-title");
            }
            Err(e) if e.session_required() => end_session.run(crate::session::EndReason::SessionRequired),
            Err(e) => {
                let from_server: Vec<_> =
                    e.field_errors().iter().map(|f| (Some(INPUT), f.message.clone())).collect();
                if from_server.is_empty() {
                    let text = if e.code() == Some(passregion_core::api::problem_code::PHOTO_NOT_REQUESTED) {
                        t_now("photo.not_requested")
                    } else {
                        common_text(&e)
                    };
                    errors.show(vec![(None, text)]);
                } else {
                    errors.show(from_server);
                }
            }
        }
    });
    let error_message = Signal::derive(move || errors.of(INPUT));
    view! {
        <form class="space-form new-photo" novalidate on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match file.get_untracked() {
                Some(f) => {
                    errors.clear();
                    send.dispatch_local(f);
                }
                None => errors.show(vec![(Some(INPUT), t_now("photo.required"))]),
            }
        }>
            <ErrorSummary errors />
            <div class="field" class:field--error=move || error_message.get().is_some()>
                <label class="field__label" for=INPUT>{t("photo.label")}</label>
                <p class="field__hint" id="new-photo-hint">{t("photo.hint")}</p>
                <Show when=move || error_message.get().is_some()>
                    <p class="field__error" id="new-photo-error">
                        <span class="visually-hidden">{t("common.error_prefix")}</span>
                        {move || error_message.get().unwrap_or_default()}
                    </p>
                </Show>
                <input
                    type="file"
                    id=INPUT
                    name=INPUT
                    class="input-file"
                    accept="image/jpeg,image/png"
                    aria-describedby=move || if error_message.get().is_some() { "new-photo-hint new-photo-error" } else { "new-photo-hint" }
                    on:change=move |ev| {
                        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                        file.set(input.and_then(|i| i.files()).and_then(|l| l.get(0)));
                    }
                />
            </div>
            <div class="button-row">
                <button type="submit" class="button button--primary" disabled=move || send.pending().get()>
                    {move || if send.pending().get() { t_now("photo.sending") } else { t_now("photo.send") }}
                </button>
            </div>
        </form>
    }
}

