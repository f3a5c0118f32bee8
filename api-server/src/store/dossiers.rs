//! What the beneficiary space shows of a dossier, and what the back office records about it.

use crate::problem::ApiError;
use passregion_core::Date;
use passregion_core::api::ApplicationRequest;
use passregion_core::status::Event;
use rusqlite::{Connection, OptionalExtension, params};

/// The stored application behind a dossier.
pub struct DossierRow {
    pub application_id: i64,
    pub dossier_number: String,
    pub request: ApplicationRequest,
    pub created_at: i64,
    pub activated_at: Option<i64>,
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<(i64, String, String, i64, Option<i64>)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn to_dossier(found: Option<(i64, String, String, i64, Option<i64>)>) -> Result<Option<DossierRow>, ApiError> {
    let Some((application_id, dossier_number, json, created_at, activated_at)) = found else { return Ok(None) };
    let request = serde_json::from_str(&json).map_err(ApiError::internal)?;
    Ok(Some(DossierRow { application_id, dossier_number, request, created_at, activated_at }))
}

const SELECT: &str = "SELECT id, dossier_number, request_json, created_at, activated_at FROM applications";

pub fn by_id(conn: &Connection, application_id: i64) -> Result<Option<DossierRow>, ApiError> {
    to_dossier(conn.query_row(&format!("{SELECT} WHERE id = ?1"), [application_id], row).optional()?)
}

pub fn by_number(conn: &Connection, dossier_number: &str) -> Result<Option<DossierRow>, ApiError> {
    to_dossier(conn.query_row(&format!("{SELECT} WHERE dossier_number = ?1"), [dossier_number], row).optional()?)
}

/// Every event of the dossier in order, the registration and activation (kept on the application itself) first.
/// `to_date` turns a stored instant into the campaign's calendar day.
pub fn events(conn: &Connection, d: &DossierRow, to_date: impl Fn(i64) -> Date) -> Result<Vec<Event>, ApiError> {
    let mut events = vec![Event::Registered { on: to_date(d.created_at) }];
    if let Some((asked, given)) = super::guardian::state_of(conn, d.application_id)? {
        events.push(Event::GuardianRequested { on: to_date(asked) });
        if let Some(at) = given {
            events.push(Event::GuardianConsented { on: to_date(at) });
        }
    }
    if let Some(at) = d.activated_at {
        events.push(Event::Activated { on: to_date(at) });
    }
    let mut stmt =
        conn.prepare_cached("SELECT event_json FROM dossier_events WHERE application_id = ?1 ORDER BY id")?;
    for json in stmt.query_map([d.application_id], |r| r.get::<_, String>(0))? {
        events.push(serde_json::from_str(&json?).map_err(ApiError::internal)?);
    }
    Ok(events)
}

pub fn record_event(conn: &Connection, application_id: i64, event: &Event, now: i64) -> Result<(), ApiError> {
    conn.execute(
        "INSERT INTO dossier_events (application_id, event_json, recorded_at) VALUES (?1, ?2, ?3)",
        params![application_id, serde_json::to_string(event).map_err(ApiError::internal)?, now],
    )?;
    Ok(())
}

/// The establishment will check this photo instead of the refused one.
pub fn replace_photo(
    conn: &Connection,
    application_id: i64,
    jpeg: &[u8],
    width: u32,
    height: u32,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE photos SET media_type = 'image/jpeg', width = ?2, height = ?3, bytes = ?4 WHERE application_id = ?1",
        params![application_id, width, height, jpeg],
    )?;
    Ok(())
}

/// Marks an application activated at `now` (the demo account).
pub fn mark_activated(conn: &Connection, application_id: i64, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE applications SET activated_at = ?2 WHERE id = ?1 AND activated_at IS NULL",
        params![application_id, now],
    )?;
    Ok(())
}
