//! Account activation by the emailed link (single use, 24 hours) and asking for a new link.

use crate::extract::ApiJson;
use crate::lang::Lang;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::{outbox, secrets};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use passregion_core::api::{ActivationDone, ActivationRequest, ResendActivationRequest, problem_code};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

/// Tokens are 64 hex characters; anything else is unknown without touching the database.
fn plausible(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// (application id, expires at, used at, dossier number, activated at)
type TokenRow = (i64, i64, Option<i64>, String, Option<i64>);

pub async fn activate(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<ActivationRequest>,
) -> Result<Json<ActivationDone>, ApiError> {
    let token = req.token.trim().to_ascii_lowercase();
    if !plausible(&token) {
        return Err(ApiError::new(StatusCode::NOT_FOUND, problem_code::ACTIVATION_UNKNOWN));
    }
    let now = state.clock.now();
    state
        .db(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let row: Option<TokenRow> = tx
                .query_row(
                    "SELECT t.application_id, t.expires_at, t.used_at, a.dossier_number, a.activated_at
                     FROM activation_tokens t JOIN applications a ON a.id = t.application_id WHERE t.token_hash = ?1",
                    [secrets::digest(&[token.as_bytes()])],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )
                .optional()?;
            let Some((application_id, expires_at, used_at, dossier_number, activated_at)) = row else {
                return Err(ApiError::new(StatusCode::NOT_FOUND, problem_code::ACTIVATION_UNKNOWN));
            };
            if used_at.is_some() || activated_at.is_some() {
                return Err(ApiError::new(StatusCode::CONFLICT, problem_code::ACTIVATION_ALREADY_USED));
            }
            if now >= expires_at {
                return Err(ApiError::new(StatusCode::GONE, problem_code::ACTIVATION_EXPIRED));
            }
            tx.execute("UPDATE activation_tokens SET used_at = ?1 WHERE token_hash = ?2", params![now, secrets::digest(&[token.as_bytes()])])?;
            tx.execute("UPDATE applications SET activated_at = ?1 WHERE id = ?2", params![now, application_id])?;
            tx.commit()?;
            Ok(ActivationDone { dossier_number })
        })
        .await
        .map(Json)
}

/// The one answer of `POST /activations/resend`, whatever happened.
#[derive(Serialize, Debug)]
pub struct ResendAccepted {
    pub message: String,
}

fn accepted(lang: Lang) -> (StatusCode, Json<ResendAccepted>) {
    let message = match lang {
        Lang::Fr => "Si un compte en attente d'activation correspond, un nouveau lien vient d'être envoyé. Il est valable 24 heures.",
        Lang::En => "If an account awaiting activation matches, a new link has just been sent. It is valid for 24 hours.",
    };
    (StatusCode::ACCEPTED, Json(ResendAccepted { message: message.into() }))
}

/// By email or by the (expired) link's token. The answer never tells whether the address is known.
pub async fn resend(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ResendActivationRequest>,
) -> Result<(StatusCode, Json<ResendAccepted>), ApiError> {
    let lang = Lang::from_headers(&headers);
    let by = match (req.email.as_deref().map(str::trim), req.token.as_deref().map(str::trim)) {
        (Some(e), None) if !e.is_empty() => By::Email(e.to_string()),
        (None, Some(t)) if !t.is_empty() => By::Token(t.to_ascii_lowercase()),
        _ => return Err(ApiError::malformed("send either `email` or `token`")),
    };
    let now = state.clock.now();
    let public_url = state.config.public_url.clone();
    state.db(move |conn| reissue(conn, by, now, &public_url)).await?;
    Ok(accepted(lang))
}

enum By {
    Email(String),
    Token(String),
}

/// A fresh link for a dossier still waiting for activation; the older links stop working.
fn reissue(conn: &mut Connection, by: By, now: i64, public_url: &str) -> Result<(), ApiError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: Option<(i64, String, String, String)> = match by {
        By::Email(email) => {
            let email = passregion_core::rules::email::normalize_email(&email).unwrap_or(email);
            tx.query_row(
                "SELECT id, email, dossier_number, request_json FROM applications
                 WHERE email = ?1 AND activated_at IS NULL ORDER BY id DESC LIMIT 1",
                [email],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
        }
        By::Token(token) if plausible(&token) => tx
            .query_row(
                "SELECT a.id, a.email, a.dossier_number, a.request_json FROM activation_tokens t
                 JOIN applications a ON a.id = t.application_id WHERE t.token_hash = ?1 AND a.activated_at IS NULL",
                [secrets::digest(&[token.as_bytes()])],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?,
        By::Token(_) => None,
    };
    let Some((id, email, dossier_number, request_json)) = found else {
        return Ok(());
    };
    let first_name = serde_json::from_str::<passregion_core::api::ApplicationRequest>(&request_json)
        .map(|r| r.identity.first_name)
        .unwrap_or_default();
    tx.execute("DELETE FROM activation_tokens WHERE application_id = ?1 AND used_at IS NULL", [id])?;
    let token = secrets::new_token();
    tx.execute(
        "INSERT INTO activation_tokens (token_hash, application_id, expires_at) VALUES (?1, ?2, ?3)",
        params![secrets::digest(&[token.as_bytes()]), id, now + super::applications::ACTIVATION_TTL_SECS],
    )?;
    outbox::send_activation(&tx, &email, &first_name, &dossier_number, &outbox::activation_link(public_url, &token), now)?;
    tx.commit()?;
    Ok(())
}
