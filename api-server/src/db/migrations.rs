//! Ordered schema migrations. Each entry moves the schema from version `i` to `i + 1`; the version is kept in
//! `PRAGMA user_version`. Never edit a shipped migration: append a new one.

use rusqlite::Connection;

pub const MIGRATIONS: &[&str] = &[
    // 1: reference data, applications, activation tokens, idempotency, outbox.
    r"
    CREATE TABLE establishments (
        uai          TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        kind         TEXT NOT NULL,
        status       TEXT,
        commune      TEXT,
        postal_code  TEXT,
        department   TEXT NOT NULL,
        name_folded  TEXT NOT NULL,
        commune_folded TEXT NOT NULL,
        search_folded TEXT NOT NULL
    );
    CREATE TABLE streams (
        code         TEXT PRIMARY KEY,
        label        TEXT NOT NULL,
        level        TEXT NOT NULL,
        level_rank   INTEGER NOT NULL,
        label_folded TEXT NOT NULL
    );
    CREATE TABLE establishment_streams (
        uai          TEXT NOT NULL REFERENCES establishments(uai) ON DELETE CASCADE,
        stream_code  TEXT NOT NULL REFERENCES streams(code) ON DELETE CASCADE,
        PRIMARY KEY (uai, stream_code)
    ) WITHOUT ROWID;
    CREATE INDEX establishment_streams_by_stream ON establishment_streams(stream_code);

    CREATE TABLE applications (
        id             INTEGER PRIMARY KEY,
        dossier_number TEXT NOT NULL UNIQUE,
        campaign_id    TEXT NOT NULL,
        email          TEXT NOT NULL,
        password_hash  TEXT NOT NULL,
        -- the request without its password
        request_json   TEXT NOT NULL,
        created_at     INTEGER NOT NULL,
        activated_at   INTEGER
    );
    CREATE INDEX applications_by_email ON applications(email);
    CREATE TABLE photos (
        application_id INTEGER PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
        media_type     TEXT NOT NULL,
        width          INTEGER NOT NULL,
        height         INTEGER NOT NULL,
        bytes          BLOB NOT NULL
    );
    CREATE TABLE idempotency_keys (
        key            TEXT PRIMARY KEY,
        request_hash   TEXT NOT NULL,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        response_json  TEXT NOT NULL,
        created_at     INTEGER NOT NULL
    );
    CREATE TABLE activation_tokens (
        token_hash     TEXT PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        expires_at     INTEGER NOT NULL,
        used_at        INTEGER
    );
    CREATE TABLE outbox (
        id         INTEGER PRIMARY KEY,
        recipient  TEXT NOT NULL,
        subject    TEXT NOT NULL,
        body       TEXT NOT NULL,
        link       TEXT,
        created_at INTEGER NOT NULL
    );
    ",
    // 2: the beneficiary space — sessions, password resets, what the back office records about a dossier; and an
    // index for purging idempotency records by age.
    r#"
    CREATE TABLE sessions (
        id_hash        TEXT PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        created_at     INTEGER NOT NULL,
        last_seen_at   INTEGER NOT NULL
    );
    CREATE INDEX sessions_by_application ON sessions(application_id);
    CREATE TABLE password_reset_tokens (
        token_hash     TEXT PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        expires_at     INTEGER NOT NULL,
        used_at        INTEGER
    );
    CREATE TABLE dossier_events (
        id             INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        -- a core::status::Event, as JSON
        event_json     TEXT NOT NULL,
        recorded_at    INTEGER NOT NULL
    );
    CREATE INDEX dossier_events_by_application ON dossier_events(application_id, id);
    CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);
    -- Addresses are looked up without regard to case ("Elise.Martin@…" is the same mailbox as "elise.martin@…").
    CREATE INDEX applications_by_email_nocase ON applications(lower(email));
    "#,
    // 3: the card (its number, blocking), its secret code (hashed) with the partner terminals' failure count, the
    // advantages used at partners, and email-address changes waiting for confirmation.
    r"
    CREATE TABLE cards (
        card_number    TEXT PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        issued_at      INTEGER NOT NULL,
        blocked_at     INTEGER
    );
    CREATE INDEX cards_by_application ON cards(application_id);
    CREATE TABLE secret_codes (
        application_id INTEGER PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
        code_hash      TEXT NOT NULL,
        set_at         INTEGER NOT NULL,
        failed_checks  INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE advantage_uses (
        id             INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        -- a core::advantages::Use, as JSON
        use_json       TEXT NOT NULL,
        recorded_at    INTEGER NOT NULL
    );
    CREATE INDEX advantage_uses_by_application ON advantage_uses(application_id, id);
    CREATE TABLE email_changes (
        token_hash     TEXT PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        new_email      TEXT NOT NULL,
        expires_at     INTEGER NOT NULL,
        used_at        INTEGER
    );
    ",
    // 4: an activation link replaced by a newer one is kept (marked) rather than deleted, so that opening it says
    // "a newer link was sent" instead of "this link is not valid".
    r"
    ALTER TABLE activation_tokens ADD COLUMN replaced_at INTEGER;
    ",
    // 5: photo handoffs from a phone to the computer's tab. Every secret is stored as a digest; the photo only until
    // the computer has fetched it.
    r"
    CREATE TABLE handoffs (
        id             TEXT PRIMARY KEY,
        token_hash     TEXT NOT NULL UNIQUE,
        code_hash      TEXT NOT NULL UNIQUE,
        computer_hash  TEXT NOT NULL,
        phone_hash     TEXT,
        created_at     INTEGER NOT NULL,
        expires_at     INTEGER NOT NULL,
        claimed_at     INTEGER,
        photo          BLOB,
        photo_width    INTEGER,
        photo_height   INTEGER,
        photo_at       INTEGER,
        fetched_at     INTEGER,
        cancelled_at   INTEGER
    );
    ",
    // 6: the legal guardian's consent, given by the guardian from an emailed link. One row per dossier with a
    // guardian; its links' tokens stored as digests, several valid at once (the first email and the reminder).
    r"
    CREATE TABLE guardian_consents (
        application_id INTEGER PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
        requested_at   INTEGER NOT NULL,
        last_sent_at   INTEGER NOT NULL,
        reminded_at    INTEGER,
        consented_at   INTEGER
    );
    CREATE INDEX guardian_consents_pending ON guardian_consents(consented_at, reminded_at);
    CREATE TABLE guardian_tokens (
        token_hash     TEXT PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES guardian_consents(application_id) ON DELETE CASCADE,
        expires_at     INTEGER NOT NULL
    );
    CREATE INDEX guardian_tokens_by_application ON guardian_tokens(application_id);
    ",
    // 7: a handoff started from the beneficiary space is bound to the session that started it (the digest of its
    // id, as in `sessions`): only that session can follow it and fetch the photo, and logging out cancels it.
    r"
    ALTER TABLE handoffs ADD COLUMN session_hash TEXT;
    CREATE INDEX handoffs_by_session ON handoffs(session_hash);
    ",
];

/// Applies the migrations the database has not seen yet, each in its own transaction.
pub fn apply(conn: &mut Connection) -> Result<(), String> {
    let current: u32 = super::schema_version(conn).map_err(|e| e.to_string())?;
    if current as usize > MIGRATIONS.len() {
        return Err(format!(
            "database schema version {current} is newer than this server ({}); refusing to touch it",
            MIGRATIONS.len()
        ));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction().map_err(|e| e.to_string())?;
        tx.execute_batch(sql).map_err(|e| format!("migration {}: {e}", i + 1))?;
        tx.pragma_update(None, "user_version", (i + 1) as u32).map_err(|e| e.to_string())?;
        tx.commit().map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_once_and_in_order() {
        let dir = std::env::temp_dir().join(format!("passregion-mig-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let conn = crate::db::open(&dir).unwrap();
        assert_eq!(crate::db::schema_version(&conn).unwrap(), MIGRATIONS.len() as u32);
        drop(conn);
        // Re-opening must not re-run anything (CREATE TABLE would fail).
        let conn = crate::db::open(&dir).unwrap();
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        drop(conn);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
