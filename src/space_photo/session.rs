//! The space's session as this page keeps it, with the same rules as the space's own pages (space/src/session.rs,
//! which this crate cannot use): the cookie is HttpOnly, so the page only knows when the idle limit falls, from the
//! last answer that moved it, on the page's monotonic clock. Before the limit a warning offers "Rester connecté";
//! at the limit, or on "Se déconnecter", the session ends on the server, this origin's storage is cleared (a school
//! computer is shared) and the space's login page says why. A phone handoff still open ends with the session
//! (the server cancels it at logout).

use leptos::prelude::*;
use passregion_core::space::{EndReason, SessionInfo, idle_minutes, seconds_until};
use std::time::Duration;

use super::{go, t, tf};
use crate::api;
use crate::i18n::current_lang;

#[derive(Clone, Copy)]
pub struct Idle {
    /// `performance.now()` in ms at which the idle limit falls; `None` until known, or once ended.
    deadline: RwSignal<Option<f64>>,
    warn_secs: RwSignal<u32>,
    /// The idle limit, which the login page's message counts after an inactivity logout.
    idle_secs: RwSignal<u32>,
}

/// `performance.now()`, read through js_sys: this crate's web-sys features leave `Performance` out, and adding it
/// would rebuild every dependency of the application for one call.
fn now_ms() -> f64 {
    use wasm_bindgen::JsCast;
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &"performance".into())
        .ok()
        .and_then(|p| {
            let now = js_sys::Reflect::get(&p, &"now".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
            now.call0(&p).ok()?.as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}

impl Idle {
    pub fn moved(&self, info: &SessionInfo) {
        self.warn_secs.set(info.warning_seconds());
        self.idle_secs.set(info.idle_timeout_seconds);
        self.deadline.set(Some(info.deadline_ms(now_ms())));
    }

    pub fn ended(&self) {
        self.deadline.set(None);
    }

    pub fn logged_in(&self) -> bool {
        self.deadline.get().is_some()
    }
}

pub fn provide_idle() -> Idle {
    let idle = Idle { deadline: RwSignal::new(None), warn_secs: RwSignal::new(120), idle_secs: RwSignal::new(20 * 60) };
    provide_context(idle);
    idle
}

pub fn use_idle() -> Idle {
    expect_context::<Idle>()
}

/// Ends the session: the server (which also cancels this session's handoffs), then the browser's storage, then
/// the login page. Even when the network fails the page forgets and leaves: the cookie dies at the idle limit.
pub fn end(why: EndReason) {
    let minutes = use_context::<Idle>().map_or(20, |idle| {
        idle.ended();
        idle_minutes(idle.idle_secs.get_untracked())
    });
    let lang = current_lang();
    leptos::task::spawn_local(async move {
        let _ = api::space::logout(lang).await;
        if let Some(w) = web_sys::window() {
            for s in [w.local_storage(), w.session_storage()].into_iter().flatten().flatten() {
                let _ = s.clear();
            }
        }
        go(&why.login_path_after(minutes));
    });
}

/// The warning before the idle limit: in whole minutes (a live region that spoke every second would drown the
/// page), with "Rester connecté", which moves the limit on the server.
#[component]
pub fn IdleWarning() -> impl IntoView {
    let idle = use_idle();
    let now = RwSignal::new(now_ms());
    if let Ok(handle) = set_interval_with_handle(move || now.set(now_ms()), Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let remaining = Memo::new(move |_| idle.deadline.get().map(|d| seconds_until(d, now.get())));
    let warning = Memo::new(move |_| remaining.get().is_some_and(|r| r <= i64::from(idle.warn_secs.get())));
    let minutes = Memo::new(move |_| remaining.get().map(|r| (r.max(1) + 59) / 60).unwrap_or(1));
    Effect::new(move |_| {
        if remaining.get().is_some_and(|r| r <= 0) {
            end(EndReason::Inactivity);
        }
    });
    let stay = Action::new_local(move |_: &()| {
        let lang = current_lang();
        async move { api::space::refresh_session(lang).await }
    });
    Effect::new(move |_| match stay.value().get() {
        Some(Ok(info)) => idle.moved(&info),
        Some(Err(e)) if e.status() == Some(401) => end(EndReason::Inactivity),
        _ => {}
    });
    view! {
        <Show when=move || warning.get()>
            <div class="notice notice--warning space-photo__timeout" role="alert">
                <p>{move || tf("space_photo.timeout_warning", &[("minutes", &minutes.get().to_string())])}</p>
                <button type="button" class="button button--primary" on:click=move |_| { stay.dispatch_local(()); }>
                    {t("space_photo.timeout_stay")}
                </button>
            </div>
        </Show>
    }
}
