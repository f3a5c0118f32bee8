//! The idle-timeout warning (HMRC's pattern): a modal dialog `warn_before_seconds` before the limit, with a live
//! countdown; the focus goes into it, Escape means "stay", and screen readers hear the time left now and then
//! (every minute, then every 15 seconds), not every second. At the limit, the session ends and the login page
//! says why.

use leptos::html;
use leptos::prelude::*;
use std::time::Duration;

use crate::api;
use crate::i18n::{t, t_now, tf_now, use_lang};
use crate::session::{EndReason, now_ms, use_end_session, use_session};
use passregion_core::space::seconds_until;

/// "1 min 45 s" / "45 s".
fn clock_text(secs: i64) -> String {
    let (m, s) = (secs / 60, secs % 60);
    if m > 0 {
        tf_now("timeout.clock_min_sec", &[("m", &m.to_string()), ("s", &s.to_string())])
    } else {
        tf_now("timeout.clock_sec", &[("s", &s.to_string())])
    }
}

/// What a screen reader hears: whole minutes while more than one is left, then quarter minutes.
fn announced(secs: i64) -> String {
    if secs > 60 {
        let m = (secs + 59) / 60;
        tf_now("timeout.announce_minutes", &[("n", &m.to_string())])
    } else {
        let s = ((secs + 14) / 15 * 15).max(15);
        tf_now("timeout.announce_seconds", &[("n", &s.to_string())])
    }
}

#[component]
pub fn TimeoutDialog() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let end_session = use_end_session();
    let now = RwSignal::new(now_ms());
    if let Ok(handle) = set_interval_with_handle(move || now.set(now_ms()), Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let remaining = Memo::new(move |_| session.deadline.get().map(|d| seconds_until(d, now.get())));
    let due = Memo::new(move |_| remaining.get().is_some_and(|r| r <= i64::from(session.warn_secs.get())));
    // The deadline the server confirmed when it fell due: another tab may have moved the limit since this page
    // learnt it, so the dialog opens (and the session ends) only once the server says it still stands.
    let confirmed = RwSignal::new(None::<f64>);
    let warning =
        Memo::new(move |_| due.get() && confirmed.get().is_some() && confirmed.get() == session.deadline.get());
    let asking = StoredValue::new(false);
    // Only changes at the announcement steps, so the live region speaks then and only then.
    let announcement = Memo::new(move |_| {
        lang.track();
        remaining.get().filter(|_| warning.get()).map(announced).unwrap_or_default()
    });
    let dialog = NodeRef::<html::Dialog>::new();
    let stay_button = NodeRef::<html::Button>::new();
    let ending = StoredValue::new(false);

    let end = move || {
        if !ending.get_value() {
            ending.set_value(true);
            end_session.run(EndReason::Inactivity);
        }
    };
    let ask = move |expired: bool| {
        if asking.get_value() {
            return;
        }
        asking.set_value(true);
        leptos::task::spawn_local(async move {
            match api::current_session(lang.get_untracked()).await {
                Ok(info) if info.seconds_left().is_some_and(|left| left > 0) => {
                    session.moved(&info);
                    let still_due =
                        info.seconds_left().is_some_and(|left| left <= i64::from(session.warn_secs.get_untracked()));
                    if still_due {
                        confirmed.set(session.deadline.get_untracked());
                    }
                }
                Ok(_) => end(),
                Err(e) if e.session_required() => end(),
                // Unreachable server: go by what the page knows.
                Err(_) if expired => end(),
                Err(_) => confirmed.set(session.deadline.get_untracked()),
            }
            asking.set_value(false);
        });
    };
    Effect::new(move |_| {
        let expired = remaining.get().is_some_and(|r| r <= 0);
        if due.get() && (expired || confirmed.get_untracked() != session.deadline.get_untracked()) {
            ask(expired);
        }
    });
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if warning.get() && !d.open() {
            let _ = d.show_modal();
            if let Some(b) = stay_button.get_untracked() {
                let _ = b.focus();
            }
        } else if !warning.get() && d.open() {
            d.close();
        }
    });

    let stay = Action::new_local(move |_: &()| async move { api::refresh_session(lang.get_untracked()).await });
    Effect::new(move |_| match stay.value().get() {
        Some(Ok(info)) => session.moved(&info),
        Some(Err(e)) if e.session_required() => end(),
        _ => {}
    });

    view! {
        <dialog
            node_ref=dialog
            class="timeout-dialog"
            aria-labelledby="timeout-title"
            aria-describedby="timeout-text"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    stay.dispatch(());
                }
            }
        >
            <h2 id="timeout-title">{t("timeout.title")}</h2>
            <p id="timeout-text">
                {t("timeout.text_before")} " "
                <strong class="timeout-dialog__clock" aria-hidden="true">
                    {move || remaining.get().map(|r| clock_text(r.max(0))).unwrap_or_default()}
                </strong>
                " " {t("timeout.text_after")}
            </p>
            <p class="visually-hidden" aria-live="polite" aria-atomic="true">{move || announcement.get()}</p>
            <div class="button-row">
                <button type="button" class="button button--primary" node_ref=stay_button
                    on:click=move |_| { stay.dispatch(()); }>
                    {t("timeout.stay")}
                </button>
                <button type="button" class="button button--link" on:click=move |_| end_session.run(EndReason::LoggedOut)>
                    {move || t_now("shell.logout")}
                </button>
            </div>
        </dialog>
    }
}
