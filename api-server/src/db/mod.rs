//! The SQLite database: opening, pragmas and schema migrations.

mod migrations;

use rusqlite::Connection;
use std::path::Path;

pub const FILE_NAME: &str = "passregion.sqlite3";

/// Opens (creating it on first run) the database in `data_dir` and brings its schema up to date.
pub fn open(data_dir: &Path) -> Result<Connection, String> {
    std::fs::create_dir_all(data_dir).map_err(|e| format!("cannot create {}: {e}", data_dir.display()))?;
    let path = data_dir.join(FILE_NAME);
    let mut conn = Connection::open(&path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    // WAL lets readers (e.g. an inspector) look while the server writes; busy_timeout covers a second process.
    conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| e.to_string())?;
    conn.pragma_update(None, "foreign_keys", "ON").map_err(|e| e.to_string())?;
    conn.pragma_update(None, "synchronous", "NORMAL").map_err(|e| e.to_string())?;
    conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(|e| e.to_string())?;
    migrations::apply(&mut conn)?;
    Ok(conn)
}

/// A read-only connection to the database the writer has opened and migrated. `query_only` makes a stray write
/// an error instead of a second writer.
pub fn open_reader(path: &Path) -> Result<Connection, String> {
    use rusqlite::OpenFlags;
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| format!("cannot open {} for reading: {e}", path.display()))?;
    conn.pragma_update(None, "query_only", "ON").map_err(|e| e.to_string())?;
    conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(|e| e.to_string())?;
    Ok(conn)
}

/// The schema version recorded in the database (`PRAGMA user_version`).
pub fn schema_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

pub fn latest_version() -> u32 {
    migrations::MIGRATIONS.len() as u32
}
