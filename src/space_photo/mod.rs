//! The beneficiary space's new photo, `/espace/nouvelle-photo` (after the establishment refused the photo, or for a
//! duplicate card): the application's own photo step — file, webcam or the phone handoff, the 7:9 crop, the
//! worker, the card preview — then the photo goes to the space's API with the session cookie.
//!
//! Why a third binary of this crate (`src/bin/passregion-space-photo.rs`, `space-photo/index.html`, built into
//! `dist/espace-photo/`) rather than a page of the space's bundle: the space (`space/`) has no code splitting, so
//! linking the photo step there would put it on every space page's first load, and the space crate does not depend
//! on this one. Like the phone's page, this bundle reuses `crate::photo` as it is and fetches the worker from the
//! root. It keeps the space's rules: the session is checked on load (401: back to the login page), "Se déconnecter"
//! ends it and clears the browser's storage, and the idle limit is watched (a warning with "Rester connecté"
//! before it, the login page after). The space's pages link here with a full page load, and the photo's success
//! sends back to `/espace?photo=…`, where the dossier says what happens next.
//!
//! Its texts (`locales/<lang>/space_photo.json`) are tables of their own (build.rs), so the application's first
//! page and English file carry none of them; `t`/`tf` below read them, `crate::i18n::t` the shared ones.

mod session;

use leptos::prelude::*;
use passregion_core::api::problem_code;
use passregion_core::draft::PhotoMeta;
use passregion_core::space::Dossier;
use passregion_core::status::{NewPhotoFor, new_photo_for};
use web_sys::Blob;

use crate::api::{self, ApiError};
use crate::i18n::{Lang, current_lang, provide_i18n, space_photo_text, use_lang};
use crate::photo::PhotoStep;
use crate::ui::form::focus_id;

pub const HOME_PATH: &str = "/espace";
pub const LOGIN_PATH: &str = passregion_core::space::LOGIN_PATH;

fn text(lang: Lang, key: &str) -> String {
    space_photo_text(lang, key).or_else(|| space_photo_text(Lang::Fr, key)).unwrap_or(key).to_string()
}

/// A text of this page (namespace `space_photo`), following the language.
fn t(key: &'static str) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let lang = use_lang();
    move || text(lang.get(), key)
}

fn tf(key: &'static str, args: &[(&str, &str)]) -> String {
    crate::i18n::fill(&text(current_lang(), key), args)
}

/// Leaves for another page of the space (a full page load: it is another bundle).
pub(crate) fn go(path: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(path);
    }
}

/// Why sending failed, as the person is told; each keeps the prepared photo for another try.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendFailure {
    Network,
    TooLarge,
    /// The server's check refused the photo, with its words.
    Refused(String),
    RateLimited {
        minutes: u32,
    },
    Session,
    NotRequested,
    Other,
}

impl SendFailure {
    pub fn of(e: &ApiError) -> SendFailure {
        match (e, e.status(), e.code()) {
            (ApiError::Network, ..) => SendFailure::Network,
            (_, Some(401), _) | (_, _, Some(problem_code::SESSION_REQUIRED)) => SendFailure::Session,
            (_, Some(413), _) => SendFailure::TooLarge,
            (_, Some(429), _) => {
                SendFailure::RateLimited { minutes: crate::api::wait_minutes(e.retry_after().unwrap_or(60)) }
            }
            (_, _, Some(problem_code::PHOTO_NOT_REQUESTED)) => SendFailure::NotRequested,
            (_, Some(422), _) => SendFailure::Refused(
                e.field_errors().iter().map(|f| f.message.clone()).find(|m| !m.is_empty()).unwrap_or_default(),
            ),
            _ => SendFailure::Other,
        }
    }

    /// Whether sending the same photo again can work without changing anything.
    fn retry_helps(&self) -> bool {
        matches!(
            self,
            SendFailure::Network | SendFailure::RateLimited { .. } | SendFailure::Session | SendFailure::Other
        )
    }
}

#[component]
pub fn SpacePhotoApp() -> impl IntoView {
    provide_i18n();
    let idle = session::provide_idle();
    // The tab names the page in the language chosen (index.html's title is the French one).
    Effect::new(move |_| crate::ui::step_frame::set_tab_title(&text(current_lang(), "space_photo.tab_title")));
    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            focus_id("main");
        }>{crate::i18n::t("shell.skip_link")}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a href=HOME_PATH class="brand">
                    <span class="brand__mark" aria-hidden="true"></span>
                    <span class="brand__text">
                        <span class="brand__name">{crate::i18n::t("shell.wordmark")}</span>
                        <span class="brand__region">{t("space_photo.space")}</span>
                    </span>
                </a>
                <div class="space-header__tools">
                    <crate::ui::layout::LangSwitch />
                    <Show when=move || idle.logged_in()>
                        <button type="button" class="button button--secondary button--small space-logout"
                            on:click=move |_| session::end(passregion_core::space::EndReason::LoggedOut)>
                            {t("space_photo.logout")}
                        </button>
                    </Show>
                </div>
            </div>
        </header>
        <main id="main" class="main space-photo" tabindex="-1">
            <session::IdleWarning />
            <SpacePhotoPage />
        </main>
        <crate::ui::layout::HelpFooter />
    }
}

#[component]
fn SpacePhotoPage() -> impl IntoView {
    let idle = session::use_idle();
    // Read once: a change of language must not reload the dossier, which would start the photo step again and lose
    // the photo being framed. So the language is read untracked, as the space's own pages do.
    let loaded = LocalResource::new(move || api::space::dossier(untrack(current_lang)));
    let shown = RwSignal::new(None::<Result<Dossier, ApiError>>);
    Effect::new(move |_| {
        let Some(result) = loaded.get() else { return };
        match &result {
            Ok(d) => idle.moved(&d.session),
            Err(e) if e.status() == Some(401) => {
                idle.ended();
                go(&passregion_core::space::EndReason::SessionRequired.login_path());
                return;
            }
            Err(_) => {}
        }
        shown.set(Some(result));
        request_animation_frame(|| focus_id("page-title"));
    });
    view! {
        {move || match shown.get() {
            None => view! {
                <h1 id="page-title" tabindex="-1">{t("space_photo.title_plain")}</h1>
                <p role="status">{t("space_photo.loading")}</p>
            }.into_any(),
            Some(Err(_)) => view! {
                <h1 id="page-title" tabindex="-1">{t("space_photo.title_plain")}</h1>
                <div class="notice notice--error" role="alert"><p>{t("space_photo.load_failed")}</p></div>
                <button type="button" class="button button--secondary" on:click=move |_| {
                    shown.set(None);
                    loaded.refetch();
                }>{t("space_photo.retry")}</button>
            }.into_any(),
            Some(Ok(d)) => match new_photo_for(&d.progress) {
                None => view! {
                    <h1 id="page-title" tabindex="-1">{t("space_photo.title_plain")}</h1>
                    <p>{t("space_photo.not_requested")}</p>
                    <p><a href=HOME_PATH>{t("space_photo.back")}</a></p>
                }.into_any(),
                Some(why) => view! { <NewPhoto why reason=d.progress.photo_refusal_reason.clone().unwrap_or_default() /> }.into_any(),
            },
        }}
    }
}

/// The handoff panel of this page: the phone's photo comes back to this session only (`for_space`).
fn phone_panel(on_photo: Callback<Blob>, on_close: Callback<()>) -> AnyView {
    view! { <crate::photo::handoff::PhoneHandoff on_photo=on_photo on_close=on_close for_space=true /> }.into_any()
}

#[component]
fn NewPhoto(why: NewPhotoFor, reason: String) -> impl IntoView {
    let idle = session::use_idle();
    // The prepared photo stays here until the server has it: every failure can be retried without redoing it.
    let photo = StoredValue::new_local(None::<Blob>);
    let send = Action::new_local(move |blob: &Blob| {
        let (blob, lang) = (blob.clone(), current_lang());
        async move { api::space::send_photo(&blob, lang).await }
    });
    let failure = RwSignal::new(None::<SendFailure>);
    Effect::new(move |_| match send.value().get() {
        Some(Ok(d)) => {
            idle.moved(&d.session);
            photo.set_value(None);
            go(match why {
                NewPhotoFor::Refused => "/espace?photo=envoyee",
                NewPhotoFor::Duplicate => "/espace?photo=duplicata",
            });
        }
        Some(Err(e)) => {
            failure.set(Some(SendFailure::of(&e)));
            request_animation_frame(|| focus_id("space-photo-problem"));
        }
        None => {}
    });
    let dispatch = move || {
        let Some(blob) = photo.get_value() else { return };
        if send.pending().get_untracked() {
            return;
        }
        failure.set(None);
        send.dispatch_local(blob);
    };
    let on_photo = Callback::new(move |(blob, _meta): (Blob, PhotoMeta)| {
        photo.set_value(Some(blob));
        dispatch();
    });
    let failure_text = move || match failure.get() {
        None => String::new(),
        Some(SendFailure::Network) => text(current_lang(), "space_photo.error_network"),
        Some(SendFailure::TooLarge) => text(current_lang(), "space_photo.error_too_large"),
        Some(SendFailure::Refused(reason)) => tf("space_photo.error_refused", &[("reason", &reason)]),
        Some(SendFailure::RateLimited { minutes }) => {
            tf("space_photo.error_rate_limited", &[("minutes", &minutes.to_string())])
        }
        Some(SendFailure::Session) => text(current_lang(), "space_photo.error_session"),
        Some(SendFailure::NotRequested) => text(current_lang(), "space_photo.error_not_requested"),
        Some(SendFailure::Other) => text(current_lang(), "space_photo.error_other"),
    };
    view! {
        <h1 id="page-title" tabindex="-1">
            {match why {
                NewPhotoFor::Refused => t("space_photo.title_refused"),
                NewPhotoFor::Duplicate => t("space_photo.title_duplicate"),
            }}
        </h1>
        {match why {
            NewPhotoFor::Refused => view! {
                <div class="notice notice--warning">
                    <p>{t("space_photo.lead_refused")}</p>
                    <p class="space-photo__reason"><strong>{reason}</strong></p>
                </div>
                <p class="lead">{t("space_photo.lead_refused_after")}</p>
            }.into_any(),
            NewPhotoFor::Duplicate => view! { <p class="lead">{t("space_photo.lead_duplicate")}</p> }.into_any(),
        }}
        <PhotoStep phone_panel=phone_panel on_photo=on_photo />
        <div class="space-photo__send" role="status" aria-live="polite">
            <Show when=move || send.pending().get()>
                <p>{t("space_photo.sending")}</p>
            </Show>
        </div>
        <Show when=move || failure.get().is_some()>
            <div class="notice notice--error" id="space-photo-problem" tabindex="-1" role="alert">
                <p>{failure_text}</p>
                <div class="button-row">
                    <Show when=move || failure.get() == Some(SendFailure::Session)>
                        <a class="button button--secondary" href=LOGIN_PATH target="_blank" rel="noopener">
                            {t("space_photo.relogin")}
                        </a>
                    </Show>
                    <Show when=move || failure.get().is_some_and(|f| f.retry_helps())>
                        <button type="button" class="button button--primary" on:click=move |_| dispatch()>
                            {t("space_photo.send_again")}
                        </button>
                    </Show>
                </div>
            </div>
        </Show>
        <p class="space-photo__back"><a href=HOME_PATH>{t("space_photo.back")}</a></p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use passregion_core::api::{FieldError, Problem};

    fn problem(status: u16, code: &str, errors: Vec<FieldError>, retry_after: Option<u32>) -> ApiError {
        ApiError::Problem(Problem {
            type_uri: "about:blank".into(),
            title: String::new(),
            status,
            detail: None,
            code: code.into(),
            errors,
            retry_after,
            dossier_number: None,
        })
    }

    #[test]
    fn each_failure_is_told_apart_and_retried_only_where_it_helps() {
        let refused = FieldError {
            field: "photo".into(),
            code: "photo_unreadable".into(),
            message: "Ce fichier n'est pas une image.".into(),
        };
        let cases = [
            (ApiError::Network, SendFailure::Network, true),
            (problem(401, problem_code::SESSION_REQUIRED, vec![], None), SendFailure::Session, true),
            (problem(413, "payload_too_large", vec![], None), SendFailure::TooLarge, false),
            (
                problem(429, problem_code::RATE_LIMITED, vec![], Some(130)),
                SendFailure::RateLimited { minutes: 3 },
                true,
            ),
            (problem(409, problem_code::PHOTO_NOT_REQUESTED, vec![], None), SendFailure::NotRequested, false),
            (
                problem(422, "validation_failed", vec![refused], None),
                SendFailure::Refused("Ce fichier n'est pas une image.".into()),
                false,
            ),
            (problem(503, "server_busy", vec![], None), SendFailure::Other, true),
            (ApiError::Unexpected { status: Some(502), detail: String::new() }, SendFailure::Other, true),
        ];
        for (error, expected, retry) in cases {
            let got = SendFailure::of(&error);
            assert_eq!(got, expected, "{error:?}");
            assert_eq!(got.retry_helps(), retry, "{error:?}");
        }
    }

    #[test]
    fn the_pages_texts_are_its_own_in_both_languages() {
        assert!(crate::i18n::lookup(Lang::Fr, "space_photo.title_refused").is_none(), "not in the application's table");
        for lang in Lang::ALL {
            assert!(space_photo_text(lang, "space_photo.title_refused").is_some(), "{}", lang.code());
        }
        assert_ne!(text(Lang::En, "space_photo.logout"), text(Lang::Fr, "space_photo.logout"));
    }
}
