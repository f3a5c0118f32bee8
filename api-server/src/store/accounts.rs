//! Accounts of the beneficiary space: the login lookup, sessions (only the hash of their id is stored),
//! password-reset tokens (hashed, single use, one hour, a newer one cancels the older), and the password itself.

use crate::problem::ApiError;
use crate::secrets;
use axum::http::StatusCode;
use passregion_core::api::ApplicationRequest;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

/// What a login needs to know about a dossier.
pub struct LoginRow {
    pub application_id: i64,
    pub password_hash: String,
    pub activated: bool,
}

pub fn login_row(conn: &Connection, dossier_number: &str) -> rusqlite::Result<Option<LoginRow>> {
    conn.query_row(
        "SELECT id, password_hash, activated_at IS NOT NULL FROM applications WHERE dossier_number = ?1",
        [dossier_number],
        |r| Ok(LoginRow { application_id: r.get(0)?, password_hash: r.get(1)?, activated: r.get(2)? }),
    )
    .optional()
}

/// A new session for the application; returns the id to put in the cookie (only its hash is kept).
pub fn open_session(conn: &Connection, application_id: i64, now: i64) -> rusqlite::Result<String> {
    let id = secrets::new_token();
    conn.execute(
        "INSERT INTO sessions (id_hash, application_id, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?3)",
        params![secrets::digest(&[id.as_bytes()]), application_id, now],
    )?;
    Ok(id)
}

/// A session still alive at `now`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LiveSession {
    pub application_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// The session `id` stands for if it has expired neither way; expired ones are deleted on sight. With `touch`, the
/// idle clock starts again from `now`.
pub fn live_session(
    conn: &Connection,
    id: &str,
    now: i64,
    idle_secs: i64,
    absolute_secs: i64,
    touch: bool,
) -> rusqlite::Result<Option<LiveSession>> {
    let hash = secrets::digest(&[id.as_bytes()]);
    let found: Option<(i64, i64, i64)> = conn
        .query_row("SELECT application_id, created_at, last_seen_at FROM sessions WHERE id_hash = ?1", [&hash], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((application_id, created_at, last_seen_at)) = found else { return Ok(None) };
    if now >= last_seen_at + idle_secs || now >= created_at + absolute_secs {
        conn.execute("DELETE FROM sessions WHERE id_hash = ?1", [&hash])?;
        return Ok(None);
    }
    if touch {
        conn.execute("UPDATE sessions SET last_seen_at = ?1 WHERE id_hash = ?2", params![now, hash])?;
    }
    Ok(Some(LiveSession { application_id, created_at, last_seen_at: if touch { now } else { last_seen_at } }))
}

pub fn close_session(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM sessions WHERE id_hash = ?1", [secrets::digest(&[id.as_bytes()])])?;
    Ok(())
}

/// Ends every session of the account (after a password change), except `keep` if given.
pub fn close_all_sessions(conn: &Connection, application_id: i64, keep: Option<&str>) -> rusqlite::Result<usize> {
    let keep = keep.map(|id| secrets::digest(&[id.as_bytes()])).unwrap_or_default();
    conn.execute("DELETE FROM sessions WHERE application_id = ?1 AND id_hash <> ?2", params![application_id, keep])
}

/// Sweeps sessions that can no longer be used.
pub fn purge_sessions(conn: &Connection, now: i64, idle_secs: i64, absolute_secs: i64) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM sessions WHERE last_seen_at + ?2 <= ?1 OR created_at + ?3 <= ?1",
        params![now, idle_secs, absolute_secs],
    )
}

/// Who a password-reset or reminder email goes to.
pub struct Holder {
    pub application_id: i64,
    pub dossier_number: String,
    pub email: String,
    pub first_name: String,
}

fn holder(r: &rusqlite::Row) -> rusqlite::Result<Holder> {
    let json: String = r.get(3)?;
    let first_name =
        serde_json::from_str::<ApplicationRequest>(&json).map(|a| a.identity.first_name).unwrap_or_default();
    Ok(Holder { application_id: r.get(0)?, dossier_number: r.get(1)?, email: r.get(2)?, first_name })
}

/// The activated account with this dossier number.
pub fn activated_by_dossier(conn: &Connection, dossier_number: &str) -> rusqlite::Result<Option<Holder>> {
    conn.query_row(
        "SELECT id, dossier_number, email, request_json FROM applications WHERE dossier_number = ?1 AND activated_at IS NOT NULL",
        [dossier_number],
        holder,
    )
    .optional()
}

/// Every dossier applied for with this address, newest first (activated or not: a reminder of the number helps
/// both).
pub fn dossiers_of_email(conn: &Connection, email: &str) -> rusqlite::Result<Vec<Holder>> {
    let mut stmt =
        conn.prepare("SELECT id, dossier_number, email, request_json FROM applications WHERE lower(email) = lower(?1) ORDER BY id DESC LIMIT 10")?;
    stmt.query_map([email], holder)?.collect()
}

/// A new reset token for the account; older unused ones stop working (marked used at `now`, so that opening one
/// says "already used or replaced" rather than "unknown").
pub fn issue_reset_token(
    conn: &mut Connection,
    application_id: i64,
    now: i64,
    expires_at: i64,
) -> rusqlite::Result<String> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "UPDATE password_reset_tokens SET used_at = ?2 WHERE application_id = ?1 AND used_at IS NULL",
        params![application_id, now],
    )?;
    let token = secrets::new_token();
    tx.execute(
        "INSERT INTO password_reset_tokens (token_hash, application_id, expires_at) VALUES (?1, ?2, ?3)",
        params![secrets::digest(&[token.as_bytes()]), application_id, expires_at],
    )?;
    tx.commit()?;
    Ok(token)
}

/// Why a reset token cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetRefusal {
    Unknown,
    Expired,
    Used,
}

/// The account a reset token may still change, or why not.
pub fn reset_target(conn: &Connection, token: &str, now: i64) -> rusqlite::Result<Result<Holder, ResetRefusal>> {
    let row: Option<(i64, Option<i64>, i64)> = conn
        .query_row(
            "SELECT expires_at, used_at, application_id FROM password_reset_tokens WHERE token_hash = ?1",
            [secrets::digest(&[token.as_bytes()])],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((expires_at, used_at, application_id)) = row else { return Ok(Err(ResetRefusal::Unknown)) };
    if used_at.is_some() {
        return Ok(Err(ResetRefusal::Used));
    }
    if now >= expires_at {
        return Ok(Err(ResetRefusal::Expired));
    }
    let h = conn.query_row(
        "SELECT id, dossier_number, email, request_json FROM applications WHERE id = ?1",
        [application_id],
        holder,
    )?;
    Ok(Ok(h))
}

/// Uses the token to set the new password hash and ends every session, all at once; refuses a token that was used
/// or replaced meanwhile.
pub fn complete_reset(conn: &mut Connection, token: &str, password_hash: &str, now: i64) -> Result<Holder, ApiError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let target = reset_target(&tx, token, now)?
        .map_err(|_| ApiError::new(StatusCode::CONFLICT, passregion_core::api::problem_code::RESET_USED))?;
    tx.execute(
        "UPDATE password_reset_tokens SET used_at = ?1 WHERE token_hash = ?2",
        params![now, secrets::digest(&[token.as_bytes()])],
    )?;
    tx.execute(
        "UPDATE applications SET password_hash = ?1 WHERE id = ?2",
        params![password_hash, target.application_id],
    )?;
    close_all_sessions(&tx, target.application_id, None)?;
    tx.commit()?;
    Ok(target)
}

pub fn password_hash(conn: &Connection, application_id: i64) -> rusqlite::Result<String> {
    conn.query_row("SELECT password_hash FROM applications WHERE id = ?1", [application_id], |r| r.get(0))
}

pub fn set_password_hash(conn: &Connection, application_id: i64, hash: &str) -> rusqlite::Result<()> {
    conn.execute("UPDATE applications SET password_hash = ?2 WHERE id = ?1", params![application_id, hash])?;
    Ok(())
}

/// The stored application, to read or change the details it holds.
pub fn request(conn: &Connection, application_id: i64) -> Result<ApplicationRequest, ApiError> {
    let json: String =
        conn.query_row("SELECT request_json FROM applications WHERE id = ?1", [application_id], |r| r.get(0))?;
    serde_json::from_str(&json).map_err(ApiError::internal)
}

pub fn save_request(conn: &Connection, application_id: i64, request: &ApplicationRequest) -> Result<(), ApiError> {
    let mut without_password = request.clone();
    without_password.identity.password = String::new();
    conn.execute(
        "UPDATE applications SET request_json = ?2, email = ?3 WHERE id = ?1",
        params![
            application_id,
            serde_json::to_string(&without_password).map_err(ApiError::internal)?,
            request.identity.email
        ],
    )?;
    Ok(())
}

/// A confirmation token for a new address; an older pending change is dropped.
pub fn issue_email_change(
    conn: &Connection,
    application_id: i64,
    new_email: &str,
    expires_at: i64,
) -> rusqlite::Result<String> {
    conn.execute("DELETE FROM email_changes WHERE application_id = ?1 AND used_at IS NULL", [application_id])?;
    let token = secrets::new_token();
    conn.execute(
        "INSERT INTO email_changes (token_hash, application_id, new_email, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![secrets::digest(&[token.as_bytes()]), application_id, new_email, expires_at],
    )?;
    Ok(token)
}

pub fn pending_email(conn: &Connection, application_id: i64, now: i64) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT new_email FROM email_changes WHERE application_id = ?1 AND used_at IS NULL AND expires_at > ?2",
        params![application_id, now],
        |r| r.get(0),
    )
    .optional()
}

/// (application id, new address) of a change still waiting, or why not.
pub fn email_change(conn: &Connection, token: &str, now: i64) -> rusqlite::Result<Result<(i64, String), ResetRefusal>> {
    let row: Option<(i64, String, i64, Option<i64>)> = conn
        .query_row(
            "SELECT application_id, new_email, expires_at, used_at FROM email_changes WHERE token_hash = ?1",
            [secrets::digest(&[token.as_bytes()])],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    Ok(match row {
        None => Err(ResetRefusal::Unknown),
        Some((_, _, _, Some(_))) => Err(ResetRefusal::Used),
        Some((_, _, expires, None)) if now >= expires => Err(ResetRefusal::Expired),
        Some((id, email, _, None)) => Ok((id, email)),
    })
}

pub fn mark_email_change_used(conn: &Connection, token: &str, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE email_changes SET used_at = ?2 WHERE token_hash = ?1",
        params![secrets::digest(&[token.as_bytes()]), now],
    )?;
    Ok(())
}
