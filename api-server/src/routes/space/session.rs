//! Log in, the session cookie, staying logged in, logging out.
//!
//! The cookie holds a random 256-bit id; the database keeps only its hash. It is `HttpOnly; Secure;
//! SameSite=Strict; Path=/` with the `__Host-` prefix, so no script, no other site and no sub-domain can read, send
//! or overwrite it. Browsers accept `Secure` cookies from `http://localhost` and `http://127.0.0.1` (they count as
//! secure contexts), so the same cookie works for the local demo. On plain http at any other address a `Secure`
//! cookie would be dropped: there the server falls back to a plain `passregion_session` cookie, and says so at start.

use crate::client::ClientIp;
use crate::extract::ApiJson;
use crate::limits::Limit;
use crate::problem::ApiError;
use crate::secrets;
use crate::state::AppState;
use crate::store::accounts::{self, LiveSession};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use passregion_core::api::problem_code;
use passregion_core::space::{LoginRequest, SessionInfo};
use std::sync::OnceLock;

pub const SECURE_COOKIE: &str = "__Host-passregion_session";
pub const PLAIN_COOKIE: &str = "passregion_session";
/// The warning dialog opens this long before the idle limit.
pub const WARN_BEFORE_SECS: u32 = 120;

/// Whether the public address lets browsers keep a `Secure` cookie.
pub fn secure_cookies(public_url: &str) -> bool {
    let rest = match public_url.split_once("://") {
        Some(("https", _)) => return true,
        Some((_, rest)) => rest,
        None => public_url,
    };
    let host = rest.split('/').next().unwrap_or("");
    let host =
        host.rsplit_once(':').map_or(host, |(h, p)| if p.bytes().all(|b| b.is_ascii_digit()) { h } else { host });
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost"
        || host.ends_with(".localhost")
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn cookie_name(state: &AppState) -> &'static str {
    if secure_cookies(&state.config.public_url) { SECURE_COOKIE } else { PLAIN_COOKIE }
}

fn set_cookie(state: &AppState, value: &str, max_age: u32) -> HeaderValue {
    let name = cookie_name(state);
    let secure = if name == SECURE_COOKIE { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The session id the request carries, if any.
pub fn cookie_value(state: &AppState, headers: &HeaderMap) -> Option<String> {
    let name = cookie_name(state);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn info(state: &AppState, s: &LiveSession, now: i64) -> SessionInfo {
    let idle = i64::from(state.config.session_idle_secs);
    let absolute = i64::from(state.config.session_absolute_secs);
    let idle_end = (s.last_seen_at + idle).min(s.created_at + absolute);
    SessionInfo {
        server_time: crate::clock::rfc3339(now),
        idle_expires_at: crate::clock::rfc3339(idle_end),
        absolute_expires_at: crate::clock::rfc3339(s.created_at + absolute),
        idle_timeout_seconds: state.config.session_idle_secs,
        warn_before_seconds: WARN_BEFORE_SECS,
    }
}

/// The live session of the request, or 401. With `touch`, the idle clock starts again.
pub async fn require(
    state: &AppState,
    headers: &HeaderMap,
    touch: bool,
) -> Result<(LiveSession, SessionInfo), ApiError> {
    let unauthenticated = || ApiError::new(StatusCode::UNAUTHORIZED, problem_code::SESSION_REQUIRED);
    let id = cookie_value(state, headers).ok_or_else(unauthenticated)?;
    let (now, idle, absolute) =
        (state.clock.now(), i64::from(state.config.session_idle_secs), i64::from(state.config.session_absolute_secs));
    let live = state
        .store
        .write(move |conn| Ok(accounts::live_session(conn, &id, now, idle, absolute, touch)?))
        .await?
        .ok_or_else(unauthenticated)?;
    let info = info(state, &live, now);
    Ok((live, info))
}

/// The current password, asked again before a sensitive change. Wrong answers count towards the same lockout as
/// the login (the fifth is answered with the wait), so a session left open on a shared computer does not let
/// someone guess the password here instead.
pub async fn reauthenticate(state: &AppState, application_id: i64, password: String) -> Result<(), ApiError> {
    let number = state
        .store
        .read(move |conn| Ok(crate::store::dossiers::by_id(conn, application_id)?.map(|d| d.dossier_number)))
        .await?
        .ok_or_else(|| ApiError::internal("dossier gone"))?;
    state.lockout.check(Limit::LoginFailuresPerDossier, &number)?;
    let hash = state.store.read(move |conn| Ok(accounts::password_hash(conn, application_id)?)).await?;
    if state.heavy.run(move || secrets::verify_password(&password, &hash)).await? {
        return Ok(());
    }
    state.lockout.fail(Limit::LoginFailuresPerDossier, &number)?;
    Err(ApiError::validation(vec![("current_password".into(), problem_code::PASSWORD_WRONG.into())]))
}

/// A hash to verify against when the dossier number is unknown, so that a wrong number takes as long as a wrong
/// password and timing tells nothing.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| secrets::hash_password(&secrets::new_token()).unwrap_or_default())
}

fn with_cookie(status: StatusCode, body: SessionInfo, cookie: HeaderValue) -> Response {
    let mut res = (status, axum::Json(body)).into_response();
    res.headers_mut().insert(header::SET_COOKIE, cookie);
    res
}

/// `POST /sessions`: dossier number and password.
pub async fn login(
    State(state): State<AppState>,
    client: ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let number = passregion_core::dossier::normalize(&req.dossier_number);
    state.lockout.check(Limit::LoginFailuresPerIp, &client.key())?;
    state.lockout.check(Limit::LoginFailuresPerDossier, &number)?;
    let row = if passregion_core::dossier::is_valid(&number) {
        let n = number.clone();
        state.store.read(move |conn| Ok(accounts::login_row(conn, &n)?)).await?
    } else {
        None
    };
    let hash = row.as_ref().map_or_else(|| dummy_hash().to_string(), |r| r.password_hash.clone());
    let password = req.password;
    let matches = state.heavy.run(move || secrets::verify_password(&password, &hash)).await?;
    let Some(row) = row.filter(|_| matches) else {
        // Both counts move; the failure that reaches a limit is answered with the wait.
        state.lockout.fail(Limit::LoginFailuresPerIp, &client.key())?;
        state.lockout.fail(Limit::LoginFailuresPerDossier, &number)?;
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, problem_code::LOGIN_FAILED));
    };
    if !row.activated {
        return Err(ApiError::new(StatusCode::FORBIDDEN, problem_code::ACCOUNT_NOT_ACTIVATED));
    }
    state.lockout.succeed(Limit::LoginFailuresPerDossier, &number);
    // A new id at every login, and the one the browser held before (if any) ends: no session fixation.
    let previous = cookie_value(&state, &headers);
    let (now, id) = (state.clock.now(), row.application_id);
    let (idle, absolute) = (i64::from(state.config.session_idle_secs), i64::from(state.config.session_absolute_secs));
    let session_id = state
        .store
        .write(move |conn| {
            if let Some(previous) = previous {
                accounts::close_session(conn, &previous)?;
            }
            accounts::purge_sessions(conn, now, idle, absolute)?;
            Ok(accounts::open_session(conn, id, now)?)
        })
        .await?;
    let live = LiveSession { application_id: id, created_at: now, last_seen_at: now };
    let cookie = set_cookie(&state, &session_id, state.config.session_absolute_secs);
    Ok(with_cookie(StatusCode::CREATED, info(&state, &live, now), cookie))
}

/// `GET /sessions/current`: how long the session has left, without extending it.
pub async fn current(State(state): State<AppState>, headers: HeaderMap) -> Result<axum::Json<SessionInfo>, ApiError> {
    Ok(axum::Json(require(&state, &headers, false).await?.1))
}

/// `POST /sessions/current/refresh`: "Rester connecté".
pub async fn refresh(State(state): State<AppState>, headers: HeaderMap) -> Result<axum::Json<SessionInfo>, ApiError> {
    Ok(axum::Json(require(&state, &headers, true).await?.1))
}

/// `DELETE /sessions/current`: ends the session on the server and asks the browser to forget everything this
/// origin stored (a school computer is shared). Answers the same whether or not a session was open.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    if let Some(id) = cookie_value(&state, &headers) {
        let now = state.clock.now();
        state
            .store
            .write(move |conn| {
                // A photo on its way from the phone to this session ends with it.
                crate::store::handoffs::cancel_for_session(conn, &secrets::digest(&[id.as_bytes()]), now)?;
                Ok(accounts::close_session(conn, &id)?)
            })
            .await?;
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut().insert(header::SET_COOKIE, set_cookie(&state, "", 0));
    res.headers_mut().insert("clear-site-data", HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""));
    Ok(res)
}

#[cfg(test)]
mod tests {
    #[test]
    fn secure_cookies_where_browsers_keep_them() {
        for (url, secure) in [
            ("https://passregion.auvergnerhonealpes.fr", true),
            ("http://127.0.0.1:8080", true),
            ("http://localhost:8081", true),
            ("http://[::1]:8080", true),
            ("http://192.168.1.20:8080", false),
            ("http://passregion.example", false),
        ] {
            assert_eq!(super::secure_cookies(url), secure, "{url}");
        }
    }
}
