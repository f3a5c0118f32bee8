//! Applications with their photo, their first activation token and their idempotency record, stored together.

use crate::outbox::{self, Keep};
use crate::problem::ApiError;
use crate::secrets;
use axum::http::StatusCode;
use passregion_core::api::{ApplicationCreated, ApplicationRequest, problem_code};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

pub const ACTIVATION_TTL_SECS: i64 = 24 * 3600;
/// How long a retry with the same `Idempotency-Key` is answered from the record. A client retries within
/// minutes; three days also covers a tab left open over a weekend.
pub const IDEMPOTENCY_TTL_SECS: i64 = 72 * 3600;

pub enum Stored {
    Created(ApplicationCreated),
    Replayed(ApplicationCreated),
}

/// The recorded answer for `key` if the same request was already accepted; 422 if the key served another one.
pub fn replay(
    conn: &Connection,
    key: &str,
    request_hash: &str,
    now: i64,
) -> Result<Option<ApplicationCreated>, ApiError> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT request_hash, response_json FROM idempotency_keys WHERE key = ?1 AND created_at > ?2",
            params![key, now - IDEMPOTENCY_TTL_SECS],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match row {
        None => Ok(None),
        Some((hash, _)) if hash != request_hash => {
            Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, problem_code::IDEMPOTENCY_KEY_REUSED))
        }
        Some((_, json)) => serde_json::from_str(&json).map(Some).map_err(ApiError::internal),
    }
}

pub struct NewApplication {
    pub key: String,
    pub request_hash: String,
    /// Validated and normalised; its password is not stored (only `password_hash`).
    pub request: ApplicationRequest,
    pub password_hash: String,
    /// The clean JPEG the server wrote.
    pub photo: Vec<u8>,
    pub photo_width: u32,
    pub photo_height: u32,
    pub now: i64,
    pub public_url: String,
    pub keep: Keep,
}

/// Stores a new application, or answers from the record when the same key got there first.
pub fn create(conn: &mut Connection, a: NewApplication) -> Result<Stored, ApiError> {
    // IMMEDIATE takes the write lock at once: two requests with the same key cannot both pass the check below.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    purge_idempotency_keys(&tx, a.now)?;
    if let Some(previous) = replay(&tx, &a.key, &a.request_hash, a.now)? {
        return Ok(Stored::Replayed(previous));
    }
    let mut without_password = a.request.clone();
    without_password.identity.password = String::new();
    let request_json = serde_json::to_string(&without_password).map_err(ApiError::internal)?;
    let email = a.request.identity.email.clone();

    let mut attempt = 0;
    let (id, dossier_number) = loop {
        let number = passregion_core::dossier::with_check_digit(&secrets::dossier_body())
            .ok_or_else(|| ApiError::internal("dossier number"))?;
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO applications (dossier_number, campaign_id, email, password_hash, request_json, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![number, a.request.campaign_id, email, a.password_hash, request_json, a.now],
        )?;
        if inserted == 1 {
            break (tx.last_insert_rowid(), number);
        }
        attempt += 1;
        if attempt > 20 {
            return Err(ApiError::internal("no free dossier number"));
        }
    };
    tx.execute(
        "INSERT INTO photos (application_id, media_type, width, height, bytes) VALUES (?1, 'image/jpeg', ?2, ?3, ?4)",
        params![id, a.photo_width, a.photo_height, a.photo],
    )?;
    let token = secrets::new_token();
    let expires_at = a.now + ACTIVATION_TTL_SECS;
    super::activations::insert_token(&tx, &token, id, expires_at)?;
    let link = outbox::activation_link(&a.public_url, &token);
    let mail = outbox::activation_email(&email, &a.request.identity.first_name, &dossier_number, &link);
    outbox::record(&tx, &mail, a.keep, a.now)?;
    let guardian_consent = super::guardian::request(&tx, id, &a.request, a.now, &a.public_url, a.keep)?;
    let created = ApplicationCreated {
        dossier_number,
        masked_email: mask_email(&email),
        created_at: crate::clock::rfc3339(a.now),
        activation_expires_at: crate::clock::rfc3339(expires_at),
        guardian_consent,
    };
    tx.execute(
        "INSERT OR REPLACE INTO idempotency_keys (key, request_hash, application_id, response_json, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![a.key, a.request_hash, id, serde_json::to_string(&created).map_err(ApiError::internal)?, a.now],
    )?;
    tx.commit()?;
    Ok(Stored::Created(created))
}

/// Forgets idempotency records older than [`IDEMPOTENCY_TTL_SECS`]: they hold a copy of the answer (the dossier
/// number) that nobody needs once retries are over.
pub fn purge_idempotency_keys(conn: &Connection, now: i64) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM idempotency_keys WHERE created_at <= ?1", [now - IDEMPOTENCY_TTL_SECS])
}

/// "el****@gmail.com": enough for the person to recognise their address, not enough to harvest it.
pub fn mask_email(email: &str) -> String {
    let (local, domain) = email.rsplit_once('@').unwrap_or((email, ""));
    let keep: String = local.chars().take(if local.chars().count() > 2 { 2 } else { 1 }).collect();
    format!("{keep}****@{domain}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn masks_emails() {
        assert_eq!(super::mask_email("elise.martin@gmail.com"), "el****@gmail.com");
        assert_eq!(super::mask_email("jo@free.fr"), "j****@free.fr");
    }
}
