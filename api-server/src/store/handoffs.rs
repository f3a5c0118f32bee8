//! Photo handoffs: a computer's tab asks for one, a phone opens it (once), sends a photo, the tab fetches it (once).

use crate::secrets;
use rusqlite::{Connection, OptionalExtension, params};

/// What the tab is told about its handoff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Waiting,
    PhoneConnected,
    PhotoReady,
    Fetched,
    Cancelled,
    Expired,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Waiting => "waiting",
            State::PhoneConnected => "phone_connected",
            State::PhotoReady => "photo_ready",
            State::Fetched => "fetched",
            State::Cancelled => "cancelled",
            State::Expired => "expired",
        }
    }
}

pub struct Created {
    pub id: String,
    pub computer_secret: String,
    pub token: String,
    pub code: String,
    pub expires_at: i64,
}

fn h(s: &str) -> String {
    secrets::digest(&[s.as_bytes()])
}

/// A new handoff valid `ttl` seconds; old ones are swept. `session_hash` (the digest of a space session's id, as
/// stored in `sessions`) binds it to that session: see [`Bound`].
pub fn create(conn: &Connection, now: i64, ttl: i64, session_hash: Option<&str>) -> rusqlite::Result<Created> {
    conn.execute("DELETE FROM handoffs WHERE expires_at < ?1", [now - 3600])?;
    loop {
        let (id, computer_secret, token) =
            (secrets::new_token()[..32].to_string(), secrets::new_token(), secrets::new_token()[..32].to_string());
        let code = passregion_core::handoff::from_random(&secrets::random_bytes());
        let inserted = conn.execute(
            "INSERT OR IGNORE INTO handoffs (id, token_hash, code_hash, computer_hash, created_at, expires_at, session_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, h(&token), h(&code), h(&computer_secret), now, now + ttl, session_hash],
        )?;
        if inserted == 1 {
            return Ok(Created { id, computer_secret, token, code, expires_at: now + ttl });
        }
    }
}

struct Row {
    computer_hash: String,
    session_hash: Option<String>,
    expires_at: i64,
    claimed: bool,
    has_photo: bool,
    fetched: bool,
    cancelled: bool,
}

fn row(conn: &Connection, column: &str, value: &str) -> rusqlite::Result<Option<(String, Row)>> {
    conn.query_row(
        &format!(
            "SELECT id, computer_hash, expires_at, claimed_at IS NOT NULL, photo IS NOT NULL, fetched_at IS NOT NULL,
                    cancelled_at IS NOT NULL, session_hash FROM handoffs WHERE {column} = ?1"
        ),
        [value],
        |r| {
            Ok((
                r.get(0)?,
                Row {
                    computer_hash: r.get(1)?,
                    expires_at: r.get(2)?,
                    claimed: r.get(3)?,
                    has_photo: r.get(4)?,
                    fetched: r.get(5)?,
                    cancelled: r.get(6)?,
                    session_hash: r.get(7)?,
                },
            ))
        },
    )
    .optional()
}

fn state_of(r: &Row, now: i64) -> State {
    if r.cancelled {
        State::Cancelled
    } else if r.fetched {
        State::Fetched
    } else if r.has_photo {
        State::PhotoReady
    } else if now >= r.expires_at {
        State::Expired
    } else if r.claimed {
        State::PhoneConnected
    } else {
        State::Waiting
    }
}

/// Who asks for a handoff on the computer's side: the tab's secret, and the digest of the live space session the
/// request carries (`None` without one, or when it has ended). A handoff started from the space answers only when
/// both match; one started from the application (no session) only needs the secret.
pub struct Bound<'a> {
    pub computer_secret: &'a str,
    pub live_session_hash: Option<&'a str>,
}

impl Bound<'_> {
    fn holds(&self, r: &Row) -> bool {
        r.computer_hash == h(self.computer_secret)
            && r.session_hash.as_deref().is_none_or(|s| self.live_session_hash == Some(s))
    }
}

/// The handoff's state for the tab holding it; `None` for anyone else (a wrong secret, or a space handoff asked
/// for without its live session, is the same as no handoff at all).
pub fn state_for_computer(
    conn: &Connection,
    id: &str,
    who: &Bound,
    now: i64,
) -> rusqlite::Result<Option<(State, i64)>> {
    Ok(row(conn, "id", id)?.filter(|(_, r)| who.holds(r)).map(|(_, r)| (state_of(&r, now), r.expires_at)))
}

/// Why a phone cannot open the handoff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimRefusal {
    Unknown,
    AlreadyUsed,
    Expired,
}

/// The first phone to open the link (or type the code) holds the handoff; returns its secret and the expiry.
pub fn claim(
    conn: &Connection,
    by_token: Option<&str>,
    by_code: Option<&str>,
    now: i64,
) -> rusqlite::Result<Result<(String, i64), ClaimRefusal>> {
    let found = match (by_token, by_code) {
        (Some(t), _) => row(conn, "token_hash", &h(t))?,
        (None, Some(c)) => row(conn, "code_hash", &h(c))?,
        _ => None,
    };
    let Some((id, r)) = found else { return Ok(Err(ClaimRefusal::Unknown)) };
    match state_of(&r, now) {
        State::Waiting => {}
        State::Expired | State::Cancelled => return Ok(Err(ClaimRefusal::Expired)),
        _ => return Ok(Err(ClaimRefusal::AlreadyUsed)),
    }
    let phone_secret = secrets::new_token();
    let updated = conn.execute(
        "UPDATE handoffs SET phone_hash = ?2, claimed_at = ?3 WHERE id = ?1 AND claimed_at IS NULL",
        params![id, h(&phone_secret), now],
    )?;
    Ok(if updated == 1 { Ok((phone_secret, r.expires_at)) } else { Err(ClaimRefusal::AlreadyUsed) })
}

/// Stores the phone's photo (a newer one replaces it until the tab fetches it). `false` when the phone's secret
/// matches no open handoff.
pub fn put_photo(
    conn: &Connection,
    phone_secret: &str,
    jpeg: &[u8],
    width: u32,
    height: u32,
    now: i64,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE handoffs SET photo = ?2, photo_width = ?3, photo_height = ?4, photo_at = ?5
         WHERE phone_hash = ?1 AND fetched_at IS NULL AND cancelled_at IS NULL AND expires_at > ?5",
        params![h(phone_secret), jpeg, width, height, now],
    )? == 1)
}

/// Whether a phone's secret still holds an open handoff.
pub fn phone_holds(conn: &Connection, phone_secret: &str, now: i64) -> rusqlite::Result<bool> {
    Ok(row(conn, "phone_hash", &h(phone_secret))?
        .is_some_and(|(_, r)| matches!(state_of(&r, now), State::PhoneConnected | State::PhotoReady)))
}

/// Hands the photo to the tab and deletes it from the server.
pub fn take_photo(conn: &Connection, id: &str, who: &Bound, now: i64) -> rusqlite::Result<Option<Vec<u8>>> {
    let Some((State::PhotoReady, _)) = state_for_computer(conn, id, who, now)? else { return Ok(None) };
    let photo: Vec<u8> = conn.query_row("SELECT photo FROM handoffs WHERE id = ?1", [id], |r| r.get(0))?;
    conn.execute("UPDATE handoffs SET photo = NULL, fetched_at = ?2 WHERE id = ?1", params![id, now])?;
    Ok(Some(photo))
}

/// The tab left the step or cleared its data: the handoff ends and any photo is deleted.
pub fn cancel(conn: &Connection, id: &str, who: &Bound, now: i64) -> rusqlite::Result<bool> {
    if !row(conn, "id", id)?.is_some_and(|(_, r)| who.holds(&r)) {
        return Ok(false);
    }
    Ok(conn.execute(
        "UPDATE handoffs SET photo = NULL, cancelled_at = ?2 WHERE id = ?1 AND cancelled_at IS NULL",
        params![id, now],
    )? == 1)
}

/// The space session `session_hash` ended (logout): its handoffs end with it and any photo is deleted.
pub fn cancel_for_session(conn: &Connection, session_hash: &str, now: i64) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE handoffs SET photo = NULL, cancelled_at = ?2 WHERE session_hash = ?1 AND cancelled_at IS NULL",
        params![session_hash, now],
    )
}
