//! Reference data: establishments, streams and which establishment offers which stream. Loaded at start, then
//! only read.

use crate::fold::fold;
use crate::levels;
use crate::refdata::RefData;
use passregion_core::api::{Establishment, Stream};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

const COLUMNS: &str = "uai, name, kind, status, commune, postal_code, department";

/// Replaces the reference tables with `data`, in one transaction.
pub fn replace_all(conn: &mut Connection, data: &RefData) -> Result<(), String> {
    data.check()?;
    let tx = conn.transaction().map_err(|e| e.to_string())?;
    (|| -> rusqlite::Result<()> {
        tx.execute_batch("DELETE FROM establishment_streams; DELETE FROM streams; DELETE FROM establishments;")?;
        let mut ins = tx.prepare(
            "INSERT INTO establishments (uai, name, kind, status, commune, postal_code, department,
             name_folded, commune_folded, search_folded) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for e in &data.establishments {
            let commune = e.commune.clone().unwrap_or_default();
            let search = fold(&format!("{} {} {} {}", e.name, commune, e.uai, e.postal_code.as_deref().unwrap_or("")));
            ins.execute(params![
                e.uai,
                e.name,
                e.kind,
                e.status,
                e.commune,
                e.postal_code,
                e.department,
                fold(&e.name),
                fold(&commune),
                search
            ])?;
        }
        let mut ins = tx.prepare(
            "INSERT INTO streams (code, label, level, level_rank, label_folded) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for s in &data.streams {
            let folded = fold(&format!("{} {} {}", s.label, levels::label(&s.level, "fr"), s.code));
            ins.execute(params![s.code, s.label, s.level, levels::rank(&s.level) as i64, folded])?;
        }
        let mut ins = tx.prepare("INSERT OR IGNORE INTO establishment_streams (uai, stream_code) VALUES (?1, ?2)")?;
        for (u, c) in &data.offers {
            ins.execute(params![u, c])?;
        }
        Ok(())
    })()
    .map_err(|e| e.to_string())?;
    tx.commit().map_err(|e| e.to_string())
}

fn row_to_establishment(r: &Row) -> rusqlite::Result<Establishment> {
    Ok(Establishment {
        uai: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        status: r.get(3)?,
        commune: r.get(4)?,
        postal_code: r.get(5)?,
        department: r.get(6)?,
    })
}

fn row_to_stream(r: &Row) -> rusqlite::Result<Stream> {
    Ok(Stream { code: r.get(0)?, label: r.get(1)?, level: r.get(2)? })
}

/// "every word appears in `column`", one bound parameter per word, numbered from `first`. The words come from
/// folding, but nothing here relies on that: a `%` or `'` in a word would only be a literal to match.
fn words_condition(column: &str, words: &[String], first: usize) -> String {
    if words.is_empty() {
        return "1".into();
    }
    (0..words.len()).map(|i| format!("instr({column}, ?{}) > 0", first + i)).collect::<Vec<_>>().join(" AND ")
}

/// What a search asks for: folded words, the same words as one phrase (for ranking) and a page.
pub struct Search<'a> {
    pub words: &'a [String],
    pub limit: u32,
    pub offset: i64,
}

impl Search<'_> {
    fn phrase(&self) -> String {
        self.words.join(" ")
    }
}

/// The establishments, held in memory for searching: read-only after start, about a thousand rows, so a search is
/// a few microseconds of Rust instead of two table scans on a pooled connection (measured under `./dev loadtest`:
/// 200 searches at once waited on the SQLite scans).
pub struct Catalogue {
    rows: Vec<CatalogueRow>,
}

struct CatalogueRow {
    establishment: Establishment,
    name_folded: String,
    commune_folded: String,
    search_folded: String,
}

impl Catalogue {
    pub fn load(conn: &Connection) -> rusqlite::Result<Catalogue> {
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS}, name_folded, commune_folded, search_folded FROM establishments ORDER BY name_folded, uai"
        ))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(CatalogueRow {
                    establishment: row_to_establishment(r)?,
                    name_folded: r.get(7)?,
                    commune_folded: r.get(8)?,
                    search_folded: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Catalogue { rows })
    }

    /// Establishments by name, commune or UAI, ranked: exact UAI, UAI prefix, name (or a word of it) starting with
    /// the query, commune starting with it, then the rest containing every word. Returns (page, total).
    pub fn search(&self, q: &Search, uai_prefix: Option<&str>) -> (Vec<Establishment>, u32) {
        let phrase = q.phrase();
        let word_start = format!(" {phrase}");
        let prefix = uai_prefix.filter(|p| !p.is_empty());
        let mut hits: Vec<(u8, &CatalogueRow)> = self
            .rows
            .iter()
            .filter_map(|r| {
                let uai = r.establishment.uai.as_str();
                let by_uai = prefix.is_some_and(|p| uai.starts_with(p));
                let by_words = q.words.iter().all(|w| r.search_folded.contains(w.as_str()));
                if !(by_uai || by_words) {
                    return None;
                }
                let rank = if prefix == Some(uai) {
                    0
                } else if by_uai {
                    1
                } else if r.name_folded.starts_with(&phrase) || r.name_folded.contains(&word_start) {
                    2
                } else if r.commune_folded.starts_with(&phrase) {
                    3
                } else {
                    4
                };
                Some((rank, r))
            })
            .collect();
        // Rows are already in (name, UAI) order, so a stable sort by rank gives the full order.
        hits.sort_by_key(|(rank, _)| *rank);
        let total = u32::try_from(hits.len()).unwrap_or(u32::MAX);
        let offset = usize::try_from(q.offset).unwrap_or(usize::MAX);
        let page = hits.into_iter().skip(offset).take(q.limit as usize).map(|(_, r)| r.establishment.clone()).collect();
        (page, total)
    }
}

pub fn find_establishment(conn: &Connection, uai: &str) -> rusqlite::Result<Option<Establishment>> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM establishments WHERE uai = ?1"), [uai], row_to_establishment)
        .optional()
}

/// Whether `uai` offers `stream_code` (both canonical).
pub fn offers(conn: &Connection, uai: &str, stream_code: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM establishment_streams WHERE uai = ?1 AND stream_code = ?2)",
        [uai, stream_code],
        |r| r.get(0),
    )
}

/// The streams an establishment offers, in level order then alphabetically.
pub fn streams_of(conn: &Connection, uai: &str) -> rusqlite::Result<Vec<Stream>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.code, s.label, s.level FROM establishment_streams o JOIN streams s ON s.code = o.stream_code
         WHERE o.uai = ?1 ORDER BY s.level_rank, s.label_folded, s.code",
    )?;
    stmt.query_map([uai], row_to_stream)?.collect()
}

/// Streams offered somewhere (or by `uai` when given), ranked: label starting with the query, a word of the label
/// starting with it, then containing every word; within a rank, in level order then alphabetically.
pub fn search_streams(conn: &Connection, q: &Search, uai: Option<&str>) -> rusqlite::Result<(Vec<Stream>, u32)> {
    // ?1 establishment ('' for all), ?2 phrase, ?3 limit, ?4 offset, ?5… the words.
    let filter = format!(
        "({}) AND EXISTS (SELECT 1 FROM establishment_streams o WHERE o.stream_code = s.code AND (?1 = '' OR o.uai = ?1))",
        words_condition("s.label_folded", q.words, 5)
    );
    let mut values: Vec<Value> =
        vec![uai.unwrap_or("").to_string().into(), q.phrase().into(), i64::from(q.limit).into(), q.offset.into()];
    values.extend(q.words.iter().map(|w| Value::from(w.clone())));
    let total: u32 = conn.query_row(
        &format!("SELECT COUNT(*) FROM streams s WHERE {filter} AND ?2 = ?2 AND ?3 = ?3 AND ?4 = ?4"),
        params_from_iter(values.iter()),
        |r| r.get(0),
    )?;
    let sql = format!(
        "SELECT s.code, s.label, s.level, CASE
            WHEN ?2 = '' THEN 0
            WHEN s.label_folded LIKE ?2 || '%' THEN 0
            WHEN s.label_folded LIKE '% ' || ?2 || '%' THEN 1
            ELSE 2 END AS rank
         FROM streams s WHERE {filter}
         ORDER BY rank, s.level_rank, s.label_folded, s.code LIMIT ?3 OFFSET ?4"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let items = stmt.query_map(params_from_iter(values.iter()), row_to_stream)?.collect::<Result<_, _>>()?;
    Ok((items, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded() -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = crate::db::open(dir.path()).unwrap();
        replace_all(&mut conn, &crate::seed::sample().unwrap()).unwrap();
        (dir, conn)
    }

    #[test]
    fn words_are_bound_never_pasted() {
        let (_dir, conn) = loaded();
        let catalogue = Catalogue::load(&conn).unwrap();
        // Text that would break out of a pasted literal is just a word that matches nothing.
        let hostile = ["x' OR '1'='1".to_string(), "%".to_string(), "_".to_string()];
        for w in hostile {
            let words = [w];
            let (items, total) = catalogue.search(&Search { words: &words, limit: 20, offset: 0 }, None);
            assert_eq!((items.len(), total), (0, 0), "{words:?}");
            let (streams, total) =
                search_streams(&conn, &Search { words: &words, limit: 20, offset: 0 }, None).unwrap();
            assert_eq!((streams.len(), total), (0, 0));
        }
        let words = ["sidoine".to_string()];
        let (items, total) = catalogue.search(&Search { words: &words, limit: 20, offset: 0 }, None);
        assert_eq!(total, 1);
        assert_eq!(items[0].uai, "0630020E");
    }
}
