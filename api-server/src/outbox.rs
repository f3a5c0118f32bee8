//! The outbox: where the reference server "sends" its emails. In `--dev` mode they can be read back (JSON and a
//! readable page), so a demo or an end-to-end test can follow the activation link.

use rusqlite::{Connection, params};
use serde::Serialize;

#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The first link of the body, for tests and demos.
    pub link: Option<String>,
    /// RFC 3339.
    pub created_at: String,
}

pub fn activation_link(public_url: &str, token: &str) -> String {
    format!("{public_url}/activation?token={token}")
}

/// The activation email, in French (the Région writes to young people with "tu").
pub fn send_activation(
    conn: &Connection,
    to: &str,
    first_name: &str,
    dossier_number: &str,
    link: &str,
    now: i64,
) -> rusqlite::Result<()> {
    let subject = "Active ton compte Pass'Région".to_string();
    let body = format!(
        "Bonjour {first_name},\n\n\
         Ta demande de Pass'Région est bien enregistrée. Ton numéro de dossier est {dossier}.\n\n\
         Pour activer ton compte, ouvre ce lien dans les 24 heures :\n{link}\n\n\
         Si le lien a expiré, tu peux en demander un nouveau depuis la page d'activation.\n\
         Si tu n'as pas fait cette demande, ignore ce message.\n\n\
         La Région Auvergne-Rhône-Alpes",
        dossier = passregion_core::dossier::format(dossier_number),
    );
    conn.execute(
        "INSERT INTO outbox (recipient, subject, body, link, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![to, subject, body, link, now],
    )?;
    Ok(())
}

pub fn list(conn: &Connection) -> rusqlite::Result<Vec<OutboxMessage>> {
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
