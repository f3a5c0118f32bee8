//! What the first page keeps of the idle timeout: a clock that fetches the warning dialog's code
//! (`ui::timeout_dialog`, a chunk of its own: docs/size.md) a minute before the warning is due and mounts it, and,
//! when that code cannot be fetched, a plain notice that still warns and a session that still ends at the limit.
//! The dialog is needed 18 minutes into a session at the earliest, so none of it is on the first page.

use leptos::html;
use leptos::prelude::*;
use std::time::Duration;

use crate::api;
use crate::chunks;
use crate::i18n::{t, use_lang};
use crate::session::{EndReason, now_ms, use_end_session, use_session};
use passregion_core::space::seconds_until;

/// How long before the warning its code is fetched: enough for a slow line, so the dialog is never late.
const AHEAD_SECS: i64 = 60;

#[component]
pub fn IdleWatch() -> impl IntoView {
    let session = use_session();
    let now = RwSignal::new(now_ms());
    if let Ok(handle) = set_interval_with_handle(move || now.set(now_ms()), Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    // Seconds left before the idle limit, by this page's clock (the dialog asks the server before it acts).
    let left = Signal::derive(move || session.deadline.get().map(|d| seconds_until(d, now.get())));
    // Once near, stays near: the dialog, mounted, follows the deadline by itself.
    let near = Memo::new(move |was: Option<&bool>| {
        was == Some(&true) || left.get().is_some_and(|l| l <= i64::from(session.warn_secs.get()) + AHEAD_SECS)
    });
    move || {
        near.get().then(|| {
            passregion_lazy::lazy(
                chunks::delai_inactivite,
                chunks::preload_delai_inactivite,
                || ().into_any(),
                move |_| view! { <IdleNotice left /> }.into_any(),
            )
        })
    }
}

/// The warning without the dialog's code: a notice in the page, its button focused, shown when the warning is due;
/// at the limit the server is asked whether the session still stands (another tab may have kept it), else it ends.
#[component]
fn IdleNotice(left: Signal<Option<i64>>) -> impl IntoView {
    let session = use_session();
    let end_session = use_end_session();
    let lang = use_lang();
    let due = Memo::new(move |_| left.get().is_some_and(|l| l <= i64::from(session.warn_secs.get())));
    let expired = Memo::new(move |_| left.get().is_some_and(|l| l <= 0));
    Effect::new(move |_| {
        if expired.get() {
            leptos::task::spawn_local(async move {
                match api::current_session(lang.get_untracked()).await {
                    Ok(info) if info.seconds_left().is_some_and(|s| s > 0) => session.moved(&info),
                    _ => end_session.run(EndReason::Inactivity),
                }
            });
        }
    });
    let stay = Action::new_local(move |_: &()| async move { api::refresh_session(lang.get_untracked()).await });
    Effect::new(move |_| match stay.value().get() {
        Some(Ok(info)) => session.moved(&info),
        Some(Err(e)) if e.session_required() => end_session.run(EndReason::Inactivity),
        _ => {}
    });
    let button = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = button.get().filter(|_| due.get()) {
            let _ = b.focus();
        }
    });
    view! {
        <Show when=move || due.get()>
            <div class="notice notice--warning idle-notice" role="alert">
                <p>{t("shell.idle_notice")}</p>
                <button type="button" class="button button--primary" node_ref=button on:click=move |_| {
                    stay.dispatch(());
                }>
                    {t("shell.idle_stay")}
                </button>
            </div>
        </Show>
    }
}
