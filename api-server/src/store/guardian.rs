//! The guardian's consent: one row per dossier with a guardian, its links' tokens as digests. Several links may be
//! valid at once (the first email, the reminder, one asked for again); once the consent is given, every link of
//! the dossier says so. The timing rules are core's ([`passregion_core::guardian`]).

use crate::outbox::{self, Keep};
use crate::problem::ApiError;
use crate::secrets;
use axum::http::StatusCode;
use passregion_core::api::{ApplicationRequest, problem_code};
use passregion_core::guardian::{
    ConsentGiven, ConsentPending, ConsentRequest, GuardianName, Pending, REMINDER_AFTER_DAYS, link_expiry, reminder_due,
};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

/// Starts the consent of a new application (inside its transaction): a row, a link, the email.
pub fn request(
    conn: &Connection,
    application_id: i64,
    request: &ApplicationRequest,
    now: i64,
    public_url: &str,
    keep: Keep,
) -> Result<Option<ConsentPending>, ApiError> {
    let Some(guardian) = &request.guardian else { return Ok(None) };
    conn.execute(
        "INSERT INTO guardian_consents (application_id, requested_at, last_sent_at) VALUES (?1, ?2, ?2)",
        params![application_id, now],
    )?;
    let expires_at = send_link(conn, application_id, guardian, now, public_url, keep, false)?;
    Ok(Some(ConsentPending {
        masked_email: super::applications::mask_email(&guardian.email),
        expires_at: crate::clock::rfc3339(expires_at),
    }))
}

/// A new link for the guardian, and its email; returns when the link expires.
fn send_link(
    conn: &Connection,
    application_id: i64,
    guardian: &passregion_core::api::Guardian,
    now: i64,
    public_url: &str,
    keep: Keep,
    reminder: bool,
) -> Result<i64, ApiError> {
    let token = secrets::new_token();
    let expires_at = link_expiry(now);
    conn.execute(
        "INSERT INTO guardian_tokens (token_hash, application_id, expires_at) VALUES (?1, ?2, ?3)",
        params![secrets::digest(&[token.as_bytes()]), application_id, expires_at],
    )?;
    let mail = outbox::guardian_consent_email(
        &guardian.email,
        guardian,
        &outbox::guardian_consent_link(public_url, &token),
        reminder,
    );
    outbox::record(conn, &mail, keep, now)?;
    Ok(expires_at)
}

/// A link's dossier, read for the consent page.
struct Found {
    application_id: i64,
    expires_at: i64,
    consented_at: Option<i64>,
    request: ApplicationRequest,
}

fn find(conn: &Connection, token: &str) -> Result<Found, ApiError> {
    let row: Option<(i64, i64, Option<i64>, String)> = conn
        .query_row(
            "SELECT t.application_id, t.expires_at, c.consented_at, a.request_json FROM guardian_tokens t
             JOIN guardian_consents c ON c.application_id = t.application_id
             JOIN applications a ON a.id = t.application_id WHERE t.token_hash = ?1",
            [secrets::digest(&[token.as_bytes()])],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((application_id, expires_at, consented_at, json)) = row else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, problem_code::GUARDIAN_CONSENT_UNKNOWN));
    };
    let request = serde_json::from_str(&json).map_err(ApiError::internal)?;
    Ok(Found { application_id, expires_at, consented_at, request })
}

/// Given already (by any link) comes first: the guardian who clicks twice is told it is done, not that it expired.
fn usable(f: &Found, now: i64) -> Result<(), ApiError> {
    if f.consented_at.is_some() {
        return Err(ApiError::new(StatusCode::CONFLICT, problem_code::GUARDIAN_CONSENT_GIVEN));
    }
    if now >= f.expires_at {
        return Err(ApiError::new(StatusCode::GONE, problem_code::GUARDIAN_CONSENT_EXPIRED));
    }
    Ok(())
}

/// What the page shows before the guardian agrees: their own name, nothing of the child.
pub fn lookup(conn: &Connection, token: &str, now: i64) -> Result<ConsentRequest, ApiError> {
    let f = find(conn, token)?;
    usable(&f, now)?;
    let g = f.request.guardian.as_ref().ok_or_else(|| ApiError::internal("consent without guardian"))?;
    Ok(ConsentRequest {
        guardian: GuardianName {
            civility: g.civility,
            first_name: g.first_name.clone(),
            last_name: g.last_name.clone(),
        },
        expires_at: crate::clock::rfc3339(f.expires_at),
        campaign_id: f.request.campaign_id.clone(),
    })
}

/// Records the consent; the dossier moves on to the establishment.
pub fn confirm(conn: &mut Connection, token: &str, now: i64) -> Result<ConsentGiven, ApiError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let f = find(&tx, token)?;
    usable(&f, now)?;
    tx.execute(
        "UPDATE guardian_consents SET consented_at = ?2 WHERE application_id = ?1",
        params![f.application_id, now],
    )?;
    tx.commit()?;
    Ok(ConsentGiven { child_first_name: f.request.identity.first_name, consented_at: crate::clock::rfc3339(now) })
}

/// Whose guardian should get a new link.
pub enum ResendBy {
    Token(String),
    DossierNumber(String),
}

/// A new link for a consent still pending; `None` when nothing matched or it was given (the caller must not say
/// which). `may_write` is asked with the dossier number before anything is sent (the per-dossier limit).
pub fn resend(
    conn: &mut Connection,
    by: &ResendBy,
    now: i64,
    public_url: &str,
    keep: Keep,
    may_write: impl FnOnce(&str) -> Result<(), ApiError>,
) -> Result<Option<i64>, ApiError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let pending =
        "FROM guardian_consents c JOIN applications a ON a.id = c.application_id WHERE c.consented_at IS NULL";
    let found: Option<(i64, String, String)> = match by {
        ResendBy::Token(token) => tx
            .query_row(
                &format!(
                    "SELECT a.id, a.request_json, a.dossier_number {pending}
                     AND c.application_id = (SELECT application_id FROM guardian_tokens WHERE token_hash = ?1)"
                ),
                [secrets::digest(&[token.as_bytes()])],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?,
        ResendBy::DossierNumber(number) => tx
            .query_row(
                &format!("SELECT a.id, a.request_json, a.dossier_number {pending} AND a.dossier_number = ?1"),
                [number],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?,
    };
    let Some((id, json, number)) = found else { return Ok(None) };
    may_write(&number)?;
    let request: ApplicationRequest = serde_json::from_str(&json).map_err(ApiError::internal)?;
    let guardian = request.guardian.as_ref().ok_or_else(|| ApiError::internal("consent without guardian"))?;
    send_link(&tx, id, guardian, now, public_url, keep, false)?;
    tx.execute("UPDATE guardian_consents SET last_sent_at = ?2 WHERE application_id = ?1", params![id, now])?;
    tx.commit()?;
    Ok(Some(id))
}

/// Sends the one reminder of every pending consent that is due (see [`reminder_due`]); returns how many went.
pub fn send_due_reminders(conn: &mut Connection, now: i64, public_url: &str, keep: Keep) -> Result<usize, ApiError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let candidates: Vec<(i64, i64, i64, String)> = {
        let mut stmt = tx.prepare(
            "SELECT c.application_id, c.last_sent_at, (SELECT MAX(expires_at) FROM guardian_tokens t
                 WHERE t.application_id = c.application_id), a.request_json
             FROM guardian_consents c JOIN applications a ON a.id = c.application_id
             WHERE c.consented_at IS NULL AND c.reminded_at IS NULL",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?
    };
    let mut sent = 0;
    for (id, last_sent_at, latest_expiry, json) in candidates {
        if !reminder_due(Pending { last_sent_at, reminded_at: None, latest_expiry }, now) {
            continue;
        }
        let request: ApplicationRequest = serde_json::from_str(&json).map_err(ApiError::internal)?;
        let Some(guardian) = &request.guardian else { continue };
        send_link(&tx, id, guardian, now, public_url, keep, true)?;
        tx.execute("UPDATE guardian_consents SET reminded_at = ?2 WHERE application_id = ?1", params![id, now])?;
        sent += 1;
    }
    tx.commit()?;
    Ok(sent)
}

/// `--dev` only: the guardian's [`REMINDER_AFTER_DAYS`] days are up for this dossier now. Its latest email is dated
/// back by that much (while the consent is pending and the reminder not sent), so that the regular sweep, run next,
/// finds the reminder due; everything else (the links' expiry, the one-reminder rule) is as in production.
/// Returns whether the dossier has a pending consent.
pub fn dev_make_reminder_due(conn: &Connection, application_id: i64) -> Result<bool, ApiError> {
    let pending = conn
        .query_row(
            "SELECT reminded_at FROM guardian_consents WHERE application_id = ?1 AND consented_at IS NULL",
            [application_id],
            |r| r.get::<_, Option<i64>>(0),
        )
        .optional()?;
    if let Some(None) = pending {
        conn.execute(
            "UPDATE guardian_consents SET last_sent_at = last_sent_at - ?2 WHERE application_id = ?1",
            params![application_id, REMINDER_AFTER_DAYS * 86_400],
        )?;
    }
    Ok(pending.is_some())
}

/// (asked at, given at) for a dossier with a guardian, for its timeline.
pub fn state_of(conn: &Connection, application_id: i64) -> Result<Option<(i64, Option<i64>)>, ApiError> {
    Ok(conn
        .query_row(
            "SELECT requested_at, consented_at FROM guardian_consents WHERE application_id = ?1",
            [application_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}
