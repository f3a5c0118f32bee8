//! Account activation by the emailed link (single use, 24 hours) and asking for a new link.

use crate::client::ClientIp;
use crate::extract::ApiJson;
use crate::lang::Lang;
use crate::limits::Limit;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::store::activations::{self as store, Reissue};
use crate::store::applications::ACTIVATION_TTL_SECS;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use passregion_core::api::{ActivationDone, ActivationRequest, ResendActivationRequest, problem_code};
use serde::Serialize;

/// Tokens are 64 hex characters; anything else is unknown without touching the database.
fn plausible(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The answer carries the dossier number (the login): never stored by a cache.
pub async fn activate(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<ActivationRequest>,
) -> Result<Response, ApiError> {
    let token = req.token.trim().to_ascii_lowercase();
    if !plausible(&token) {
        return Err(ApiError::new(StatusCode::NOT_FOUND, problem_code::ACTIVATION_UNKNOWN));
    }
    let now = state.clock.now();
    let dossier_number = state.store.write(move |conn| store::activate(conn, &token, now)).await?;
    let mut res = Json(ActivationDone { dossier_number }).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// The one answer of `POST /activations/resend`, whatever happened.
#[derive(Serialize, Debug)]
pub struct ResendAccepted {
    pub message: String,
}

fn accepted(lang: Lang) -> (StatusCode, Json<ResendAccepted>) {
    let message = match lang {
        Lang::Fr => {
            "Si un compte en attente d'activation correspond, un nouveau lien vient d'être envoyé. Il est valable 24 heures."
        }
        Lang::En => {
            "If an account awaiting activation matches, a new link has just been sent. It is valid for 24 hours."
        }
    };
    (StatusCode::ACCEPTED, Json(ResendAccepted { message: message.into() }))
}

/// By email or by the (expired) link's token. The answer never tells whether the address is known; the limits count
/// every request, known address or not, so a 429 tells nothing either.
pub async fn resend(
    State(state): State<AppState>,
    client: ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ResendActivationRequest>,
) -> Result<(StatusCode, Json<ResendAccepted>), ApiError> {
    let lang = Lang::from_headers(&headers);
    let by = match (req.email.as_deref().map(str::trim), req.token.as_deref().map(str::trim)) {
        (Some(e), None) if !e.is_empty() => {
            Reissue::Email(passregion_core::rules::email::normalize_email(e).unwrap_or_else(|_| e.to_string()))
        }
        (None, Some(t)) if !t.is_empty() => Reissue::Token(t.to_ascii_lowercase()),
        _ => return Err(ApiError::malformed("send either `email` or `token`")),
    };
    state.limiter.check(Limit::ResendPerIp, &client.key())?;
    if let Reissue::Email(email) = &by {
        state.limiter.check(Limit::ResendPerEmail, email)?;
    }
    if matches!(&by, Reissue::Token(t) if !plausible(t)) {
        return Ok(accepted(lang));
    }
    let now = state.clock.now();
    let public_url = state.config.public_url.clone();
    let keep = state.outbox_keeps();
    let limiter = state.limiter.clone();
    let by_token = matches!(by, Reissue::Token(_));
    state
        .store
        .write(move |conn| {
            store::reissue(conn, &by, now, ACTIVATION_TTL_SECS, &public_url, keep, |email| {
                // By email the address was counted above; by token, it is counted once found.
                if by_token { limiter.check(Limit::ResendPerEmail, email) } else { Ok(()) }
            })
        })
        .await?;
    Ok(accepted(lang))
}
