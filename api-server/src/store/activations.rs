//! Activation tokens: only their BLAKE2b digest is stored; single use, with an expiry.

use crate::outbox::{self, Keep};
use crate::problem::ApiError;
use crate::secrets;
use axum::http::StatusCode;
use passregion_core::api::{ApplicationRequest, problem_code};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

pub fn insert_token(conn: &Connection, token: &str, application_id: i64, expires_at: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO activation_tokens (token_hash, application_id, expires_at) VALUES (?1, ?2, ?3)",
        params![secrets::digest(&[token.as_bytes()]), application_id, expires_at],
    )?;
    Ok(())
}

/// An activation link and its account, as read for activating.
struct TokenState {
    application_id: i64,
    expires_at: i64,
    used_at: Option<i64>,
    dossier_number: String,
    activated_at: Option<i64>,
    replaced_at: Option<i64>,
}

/// Activates the account the token belongs to; returns its dossier number.
pub fn activate(conn: &mut Connection, token: &str, now: i64) -> Result<String, ApiError> {
    let hash = secrets::digest(&[token.as_bytes()]);
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let row = tx
        .query_row(
            "SELECT t.application_id, t.expires_at, t.used_at, a.dossier_number, a.activated_at, t.replaced_at
             FROM activation_tokens t JOIN applications a ON a.id = t.application_id WHERE t.token_hash = ?1",
            [&hash],
            |r| {
                Ok(TokenState {
                    application_id: r.get(0)?,
                    expires_at: r.get(1)?,
                    used_at: r.get(2)?,
                    dossier_number: r.get(3)?,
                    activated_at: r.get(4)?,
                    replaced_at: r.get(5)?,
                })
            },
        )
        .optional()?;
    let Some(TokenState { application_id, expires_at, used_at, dossier_number, activated_at, replaced_at }) = row
    else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, problem_code::ACTIVATION_UNKNOWN));
    };
    // Already active, by this link or a newer one: say so with the login, whatever this link's own state.
    if used_at.is_some() || activated_at.is_some() {
        let mut e = ApiError::new(StatusCode::CONFLICT, problem_code::ACTIVATION_ALREADY_USED);
        e.dossier_number = Some(dossier_number);
        return Err(e);
    }
    if replaced_at.is_some() {
        return Err(ApiError::new(StatusCode::GONE, problem_code::ACTIVATION_REPLACED));
    }
    if now >= expires_at {
        return Err(ApiError::new(StatusCode::GONE, problem_code::ACTIVATION_EXPIRED));
    }
    tx.execute("UPDATE activation_tokens SET used_at = ?1 WHERE token_hash = ?2", params![now, hash])?;
    tx.execute("UPDATE applications SET activated_at = ?1 WHERE id = ?2", params![now, application_id])?;
    tx.commit()?;
    Ok(dossier_number)
}

/// Whose activation link should be sent again.
pub enum Reissue {
    /// The address given when applying (already normalised).
    Email(String),
    /// A token of one of the dossier's links (an expired one, typically).
    Token(String),
}

/// A fresh link for a dossier still waiting for activation; the older links stop working. `may_write_to` is asked
/// before anything is sent (the per-address limit). Returns the address written to, or `None` when nothing matched
/// (which the caller must not reveal).
pub fn reissue(
    conn: &mut Connection,
    by: &Reissue,
    now: i64,
    ttl_secs: i64,
    public_url: &str,
    keep: Keep,
    may_write_to: impl FnOnce(&str) -> Result<(), ApiError>,
) -> Result<Option<String>, ApiError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: Option<(i64, String, String, String)> = match by {
        Reissue::Email(email) => tx
            .query_row(
                "SELECT id, email, dossier_number, request_json FROM applications
                 WHERE lower(email) = lower(?1) AND activated_at IS NULL ORDER BY id DESC LIMIT 1",
                [email],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?,
        Reissue::Token(token) => tx
            .query_row(
                "SELECT a.id, a.email, a.dossier_number, a.request_json FROM activation_tokens t
                 JOIN applications a ON a.id = t.application_id WHERE t.token_hash = ?1 AND a.activated_at IS NULL",
                [secrets::digest(&[token.as_bytes()])],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?,
    };
    let Some((id, email, dossier_number, request_json)) = found else {
        return Ok(None);
    };
    may_write_to(&email)?;
    let first_name =
        serde_json::from_str::<ApplicationRequest>(&request_json).map(|r| r.identity.first_name).unwrap_or_default();
    tx.execute(
        "UPDATE activation_tokens SET replaced_at = ?2 WHERE application_id = ?1 AND used_at IS NULL AND replaced_at IS NULL",
        params![id, now],
    )?;
    let token = secrets::new_token();
    insert_token(&tx, &token, id, now + ttl_secs)?;
    let mail =
        outbox::activation_email(&email, &first_name, &dossier_number, &outbox::activation_link(public_url, &token));
    outbox::record(&tx, &mail, keep, now)?;
    tx.commit()?;
    Ok(Some(email))
}
