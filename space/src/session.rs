//! The session as the browser sees it: the cookie is HttpOnly, so all the page knows is when the session ends, from
//! the last answer that said so (the dossier, the session, a refresh, a new photo). Each answer carries the real
//! expiry and the server's clock: what is left is their difference (core's `SessionInfo::seconds_left`: the idle
//! limit, capped by the absolute one), so a page opened by a reload, or while another tab keeps the session
//! alive, counts from the truth rather than from a fresh 20 minutes. The deadline is kept on the page's own
//! monotonic clock (`performance.now()`), so a wrong clock on the computer cannot shorten or stretch it. Before it
//! warns or ends, the dialog asks the server again (`GET /sessions/current`, which moves nothing): another tab may
//! have moved the limit meanwhile.

use leptos::prelude::*;
use passregion_core::space::SessionInfo;

/// Why the login page is shown, carried in its address with the idle limit after inactivity (core's rules: the
/// space's new-photo page, another bundle, writes the same addresses).
pub use passregion_core::space::EndReason;

#[derive(Clone, Copy)]
pub struct Session {
    /// `performance.now()` in ms at which the idle limit falls; `None` while logged out.
    pub deadline: RwSignal<Option<f64>>,
    pub idle_secs: RwSignal<u32>,
    pub warn_secs: RwSignal<u32>,
}

pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

impl Session {
    /// An answer told where the session stands: it ends `seconds_left` from now, by the server's clock (a full idle
    /// span if its times do not read).
    pub fn moved(&self, info: &SessionInfo) {
        self.idle_secs.set(info.idle_timeout_seconds);
        self.warn_secs.set(info.warning_seconds());
        self.deadline.set(Some(info.deadline_ms(now_ms())));
    }

    pub fn ended(&self) {
        self.deadline.set(None);
    }

    pub fn logged_in(&self) -> bool {
        self.deadline.get().is_some()
    }

    /// The idle limit in whole minutes, for the message after it (at least 1).
    pub fn idle_minutes(&self) -> u32 {
        passregion_core::space::idle_minutes(self.idle_secs.get_untracked())
    }
}

pub fn provide_session() -> Session {
    let s = Session { deadline: RwSignal::new(None), idle_secs: RwSignal::new(20 * 60), warn_secs: RwSignal::new(120) };
    provide_context(s);
    s
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Ends the session for a reason: tells the server (which answers the same whether or not one was open), forgets
/// what this origin stored, then shows the login page with the reason. Made at set-up, called from events.
pub fn use_end_session() -> Callback<EndReason> {
    let session = use_session();
    let navigate = leptos_router::hooks::use_navigate();
    let lang = crate::i18n::use_lang();
    Callback::new(move |reason: EndReason| {
        session.ended();
        let navigate = navigate.clone();
        let lang = lang.get_untracked();
        leptos::task::spawn_local(async move {
            // Even when the network fails the page forgets and leaves: the cookie dies at the idle limit anyway.
            let _ = crate::api::logout(lang).await;
            crate::storage::clear_all();
            navigate(&reason.login_path_after(session.idle_minutes()), Default::default());
        });
    })
}
