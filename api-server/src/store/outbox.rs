//! The outbox table: the emails the server "sent".

use crate::outbox::OutboxMessage;
use rusqlite::{Connection, params};

/// What is kept of one email. Outside `--dev`, the caller has already removed every link and token from it.
pub struct NewMessage<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub link: Option<&'a str>,
    pub now: i64,
}

pub fn insert(conn: &Connection, m: &NewMessage) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO outbox (recipient, subject, body, link, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![m.to, m.subject, m.body, m.link, m.now],
    )?;
    Ok(())
}

/// The 200 most recent, newest first.
pub fn recent(conn: &Connection) -> rusqlite::Result<Vec<OutboxMessage>> {
    let mut stmt =
        conn.prepare("SELECT id, recipient, subject, body, link, created_at FROM outbox ORDER BY id DESC LIMIT 200")?;
    stmt.query_map([], |r| {
        Ok(OutboxMessage {
            id: r.get(0)?,
            to: r.get(1)?,
            subject: r.get(2)?,
            body: r.get(3)?,
            link: r.get(4)?,
            created_at: crate::clock::rfc3339(r.get(5)?),
        })
    })?
    .collect()
}
