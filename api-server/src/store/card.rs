//! The card: its number (given when it is made), blocking, the secret code (an Argon2 hash) and the count of
//! wrong codes typed at partner terminals; the advantages used.

use crate::problem::ApiError;
use passregion_core::advantages::Use;
use rusqlite::{Connection, OptionalExtension, params};

/// The card in use: the newest one, blocked or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    pub number: String,
    pub application_id: i64,
    pub blocked_at: Option<i64>,
}

fn card(r: &rusqlite::Row) -> rusqlite::Result<Card> {
    Ok(Card { number: r.get(0)?, application_id: r.get(1)?, blocked_at: r.get(2)? })
}

pub fn current(conn: &Connection, application_id: i64) -> rusqlite::Result<Option<Card>> {
    conn.query_row(
        "SELECT card_number, application_id, blocked_at FROM cards WHERE application_id = ?1 ORDER BY issued_at DESC, rowid DESC LIMIT 1",
        [application_id],
        card,
    )
    .optional()
}

pub fn by_number(conn: &Connection, number: &str) -> rusqlite::Result<Option<Card>> {
    conn.query_row("SELECT card_number, application_id, blocked_at FROM cards WHERE card_number = ?1", [number], card)
        .optional()
}

/// A new card for the application (the first, or a duplicate); returns its number.
pub fn issue(conn: &Connection, application_id: i64, now: i64) -> rusqlite::Result<String> {
    loop {
        let number = crate::secrets::card_number();
        if conn.execute(
            "INSERT OR IGNORE INTO cards (card_number, application_id, issued_at) VALUES (?1, ?2, ?3)",
            params![number, application_id, now],
        )? == 1
        {
            return Ok(number);
        }
    }
}

/// Blocks every card of the application that is not blocked yet.
pub fn block_all(conn: &Connection, application_id: i64, now: i64) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE cards SET blocked_at = ?2 WHERE application_id = ?1 AND blocked_at IS NULL",
        params![application_id, now],
    )
}

/// (code hash, wrong codes typed since it was set)
pub fn secret_code(conn: &Connection, application_id: i64) -> rusqlite::Result<Option<(String, u32)>> {
    conn.query_row(
        "SELECT code_hash, failed_checks FROM secret_codes WHERE application_id = ?1",
        [application_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

/// Sets (or changes) the code; a new code also lifts a lockout from wrong codes.
pub fn set_secret_code(conn: &Connection, application_id: i64, code_hash: &str, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO secret_codes (application_id, code_hash, set_at, failed_checks) VALUES (?1, ?2, ?3, 0)
         ON CONFLICT(application_id) DO UPDATE SET code_hash = excluded.code_hash, set_at = excluded.set_at, failed_checks = 0",
        params![application_id, code_hash, now],
    )?;
    Ok(())
}

/// Counts a wrong code; returns the new count.
pub fn count_wrong_code(conn: &Connection, application_id: i64) -> rusqlite::Result<u32> {
    conn.query_row(
        "UPDATE secret_codes SET failed_checks = failed_checks + 1 WHERE application_id = ?1 RETURNING failed_checks",
        [application_id],
        |r| r.get(0),
    )
}

pub fn clear_wrong_codes(conn: &Connection, application_id: i64) -> rusqlite::Result<()> {
    conn.execute("UPDATE secret_codes SET failed_checks = 0 WHERE application_id = ?1", [application_id])?;
    Ok(())
}

pub fn uses(conn: &Connection, application_id: i64) -> Result<Vec<Use>, ApiError> {
    let mut stmt = conn.prepare_cached("SELECT use_json FROM advantage_uses WHERE application_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([application_id], |r| r.get::<_, String>(0))?;
    rows.map(|json| serde_json::from_str(&json?).map_err(ApiError::internal)).collect()
}

pub fn record_use(conn: &Connection, application_id: i64, used: &Use, now: i64) -> Result<(), ApiError> {
    conn.execute(
        "INSERT INTO advantage_uses (application_id, use_json, recorded_at) VALUES (?1, ?2, ?3)",
        params![application_id, serde_json::to_string(used).map_err(ApiError::internal)?, now],
    )?;
    Ok(())
}
