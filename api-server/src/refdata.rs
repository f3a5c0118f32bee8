//! Reference data (establishments, streams, which establishment offers which stream): the normalised form both
//! the shipped sample and the region's files are turned into, and its loading into the database.

use crate::{fold::fold, levels, uai};
use passregion_core::api::{Establishment, Stream};
use rusqlite::{Connection, params};
use std::collections::HashSet;

#[derive(Debug, Default)]
pub struct RefData {
    pub establishments: Vec<Establishment>,
    pub streams: Vec<Stream>,
    /// (uai, stream code)
    pub offers: Vec<(String, String)>,
}

impl RefData {
    /// Refuses data that would make the API lie: a bad UAI check letter, a stream with an unknown level, an offer
    /// pointing at nothing.
    pub fn check(&self) -> Result<(), String> {
        let mut uais = HashSet::new();
        for e in &self.establishments {
            if !uai::is_valid(&e.uai) {
                return Err(format!("establishment {}: bad UAI check letter", e.uai));
            }
            if !uais.insert(e.uai.as_str()) {
                return Err(format!("establishment {} listed twice", e.uai));
            }
        }
        let mut codes = HashSet::new();
        for s in &self.streams {
            if !levels::is_known(&s.level) {
                return Err(format!("stream {}: unknown level {}", s.code, s.level));
            }
            if !codes.insert(s.code.as_str()) {
                return Err(format!("stream {} listed twice", s.code));
            }
        }
        for (u, c) in &self.offers {
            if !uais.contains(u.as_str()) || !codes.contains(c.as_str()) {
                return Err(format!("offer {u} / {c}: unknown establishment or stream"));
            }
        }
        Ok(())
    }

    /// Replaces the reference tables with this data, in one transaction.
    pub fn store(&self, conn: &mut Connection) -> Result<(), String> {
        self.check()?;
        let tx = conn.transaction().map_err(|e| e.to_string())?;
        (|| -> rusqlite::Result<()> {
            tx.execute_batch("DELETE FROM establishment_streams; DELETE FROM streams; DELETE FROM establishments;")?;
            let mut ins = tx.prepare(
                "INSERT INTO establishments (uai, name, kind, status, commune, postal_code, department,
                 name_folded, commune_folded, search_folded) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for e in &self.establishments {
                let commune = e.commune.clone().unwrap_or_default();
                let search = fold(&format!(
                    "{} {} {} {}",
                    e.name,
                    commune,
                    e.uai,
                    e.postal_code.as_deref().unwrap_or("")
                ));
                ins.execute(params![
                    e.uai, e.name, e.kind, e.status, e.commune, e.postal_code, e.department,
                    fold(&e.name), fold(&commune), search
                ])?;
            }
            let mut ins = tx.prepare(
                "INSERT INTO streams (code, label, level, level_rank, label_folded) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for s in &self.streams {
                let folded = fold(&format!("{} {} {}", s.label, levels::label(&s.level, "fr"), s.code));
                ins.execute(params![s.code, s.label, s.level, levels::rank(&s.level) as i64, folded])?;
            }
            let mut ins = tx.prepare("INSERT OR IGNORE INTO establishment_streams (uai, stream_code) VALUES (?1, ?2)")?;
            for (u, c) in &self.offers {
                ins.execute(params![u, c])?;
            }
            Ok(())
        })()
        .map_err(|e| e.to_string())?;
        tx.commit().map_err(|e| e.to_string())
    }
}
