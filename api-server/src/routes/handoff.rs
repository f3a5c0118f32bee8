//! "Prendre la photo avec mon téléphone": the computer's tab starts a handoff and shows a QR code (and a short code);
//! the first phone to open it takes the photo, which goes through the same checks and re-encoding as an
//! application's; the tab polls, fetches the photo once, and the server deletes it.
//!
//! Every secret is a bearer secret, so each is stored as a digest: the link's token (128 bits, spent when a phone
//! opens it), the short code, the phone's secret and the tab's secret (256 bits each). A handoff lives 10 minutes.
//!
//! From the beneficiary space (`POST /dossier/photo/handoffs`) the handoff is also bound to the logged-in session:
//! the tab's secret alone is not enough, the request must carry that session, still live; logging out cancels it.

use crate::client::ClientIp;
use crate::extract::ApiJson;
use crate::limits::Limit;
use crate::photo_check;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::store::handoffs::{self, Bound, ClaimRefusal};
use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use passregion_core::api::problem_code;
use passregion_core::handoff::{self as codes, HandoffClaim, HandoffClaimed, HandoffCreated, HandoffStatus};

pub const POLL_SECONDS: u32 = 2;
pub const SECRET_HEADER: &str = "handoff-secret";

fn secret(headers: &HeaderMap) -> String {
    headers.get(SECRET_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("").trim().to_string()
}

fn unknown() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, problem_code::HANDOFF_UNKNOWN)
}

/// The digest of the live space session the request carries, if any (as `sessions` stores it).
async fn live_session_hash(state: &AppState, headers: &HeaderMap) -> Option<String> {
    let id = super::space::session::cookie_value(state, headers)?;
    super::space::session::require(state, headers, false).await.ok()?;
    Some(crate::secrets::digest(&[id.as_bytes()]))
}

/// `POST /handoffs`.
pub async fn create(
    State(state): State<AppState>,
    client: ClientIp,
) -> Result<(StatusCode, Json<HandoffCreated>), ApiError> {
    start(&state, &client, None).await
}

/// `POST /dossier/photo/handoffs`: the same, from the space, bound to the session (401 without a live one).
pub async fn create_for_space(
    State(state): State<AppState>,
    client: ClientIp,
    headers: HeaderMap,
) -> Result<(StatusCode, Json<HandoffCreated>), ApiError> {
    super::space::session::require(&state, &headers, true).await?;
    let session = live_session_hash(&state, &headers).await;
    start(&state, &client, session).await
}

async fn start(
    state: &AppState,
    client: &ClientIp,
    session: Option<String>,
) -> Result<(StatusCode, Json<HandoffCreated>), ApiError> {
    state.limiter.check(Limit::HandoffPerIp, &client.key())?;
    let now = state.clock.now();
    let ttl = i64::from(state.config.handoff_ttl_secs);
    let c = state.store.write(move |conn| Ok(handoffs::create(conn, now, ttl, session.as_deref())?)).await?;
    let base = &state.config.public_url;
    Ok((
        StatusCode::CREATED,
        Json(HandoffCreated {
            id: c.id,
            computer_secret: c.computer_secret,
            link: format!("{base}/telephone#{}", c.token),
            short_code: codes::format(&c.code),
            short_url: format!("{base}/tel"),
            expires_at: crate::clock::rfc3339(c.expires_at),
            poll_interval_seconds: POLL_SECONDS,
        }),
    ))
}

/// `GET /handoffs/{id}`: for the tab that started it.
pub async fn status(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<HandoffStatus>, ApiError> {
    let (secret, now, session) = (secret(&headers), state.clock.now(), live_session_hash(&state, &headers).await);
    let (s, expires) = state
        .store
        .read(move |conn| {
            let who = Bound { computer_secret: &secret, live_session_hash: session.as_deref() };
            Ok(handoffs::state_for_computer(conn, &id, &who, now)?)
        })
        .await?
        .ok_or_else(unknown)?;
    Ok(Json(HandoffStatus { state: s.as_str().into(), expires_at: crate::clock::rfc3339(expires) }))
}

/// `DELETE /handoffs/{id}`: the tab left the step or cleared its data.
pub async fn cancel(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let (secret, now, session) = (secret(&headers), state.clock.now(), live_session_hash(&state, &headers).await);
    let done = state
        .store
        .write(move |conn| {
            let who = Bound { computer_secret: &secret, live_session_hash: session.as_deref() };
            Ok(handoffs::cancel(conn, &id, &who, now)?)
        })
        .await?;
    if done { Ok(StatusCode::NO_CONTENT) } else { Err(unknown()) }
}

/// `GET /handoffs/{id}/photo`: once; the server keeps nothing after.
pub async fn take_photo(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (secret, now, session) = (secret(&headers), state.clock.now(), live_session_hash(&state, &headers).await);
    let photo = state
        .store
        .write(move |conn| {
            let who = Bound { computer_secret: &secret, live_session_hash: session.as_deref() };
            Ok(handoffs::take_photo(conn, &id, &who, now)?)
        })
        .await?
        .ok_or_else(unknown)?;
    Ok(photo_check::photo_response(photo))
}

/// `POST /handoffs/claim`: the phone opens the handoff.
pub async fn claim(
    State(state): State<AppState>,
    client: ClientIp,
    ApiJson(req): ApiJson<HandoffClaim>,
) -> Result<Json<HandoffClaimed>, ApiError> {
    state.limiter.check(Limit::HandoffClaimPerIp, &client.key())?;
    let token = req.token.map(|t| t.trim().to_ascii_lowercase()).filter(|t| !t.is_empty());
    let code = match (&token, req.short_code.as_deref()) {
        (Some(_), _) => None,
        (None, Some(typed)) => Some(codes::normalize(typed).ok_or_else(unknown)?),
        (None, None) => return Err(ApiError::malformed("send `token` or `short_code`")),
    };
    let now = state.clock.now();
    let claimed =
        state.store.write(move |conn| Ok(handoffs::claim(conn, token.as_deref(), code.as_deref(), now)?)).await?;
    match claimed {
        Ok((phone_secret, expires)) => {
            Ok(Json(HandoffClaimed { phone_secret, expires_at: crate::clock::rfc3339(expires) }))
        }
        Err(ClaimRefusal::Unknown) => Err(unknown()),
        Err(ClaimRefusal::AlreadyUsed) => Err(ApiError::new(StatusCode::CONFLICT, problem_code::HANDOFF_USED)),
        Err(ClaimRefusal::Expired) => Err(ApiError::new(StatusCode::GONE, problem_code::HANDOFF_EXPIRED)),
    }
}

/// `PUT /handoffs/photo`: the phone sends the prepared photo (multipart part `photo`), checked and re-encoded.
pub async fn put_photo(State(state): State<AppState>, req: Request) -> Result<StatusCode, ApiError> {
    let phone = secret(req.headers());
    let (p, now) = (phone.clone(), state.clock.now());
    if !state.store.read(move |conn| Ok(handoffs::phone_holds(conn, &p, now)?)).await? {
        return Err(ApiError::new(StatusCode::GONE, problem_code::HANDOFF_EXPIRED));
    }
    let checked = super::photo_upload::checked_photo(&state, req).await?;
    let stored = state
        .store
        .write(move |conn| Ok(handoffs::put_photo(conn, &phone, &checked.jpeg, checked.width, checked.height, now)?))
        .await?;
    if stored {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(StatusCode::GONE, problem_code::HANDOFF_EXPIRED))
    }
}
