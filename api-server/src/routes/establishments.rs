//! Establishment search, one establishment, and its streams grouped by level.

use super::paging::{self, folded_words, words_condition};
use crate::lang::Lang;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::levels;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use passregion_core::api::{Establishment, EstablishmentStreams, Page, Stream, StreamGroup};
use rusqlite::{Connection, OptionalExtension, Row};
use std::collections::HashMap;

const COLUMNS: &str = "uai, name, kind, status, commune, postal_code, department";

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

/// Search by name, commune or UAI, ranked: exact UAI, UAI prefix, name (or a word of it) starting with the query,
/// commune starting with it, then the rest containing every word.
pub async fn search(
    State(state): State<AppState>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Page<Establishment>>, ApiError> {
    let p = paging::parse(query)?;
    let words = folded_words(&p.q);
    let phrase = words.join(" ");
    let uai_like = p.q.trim().to_ascii_uppercase();
    let uai_ok = !uai_like.is_empty() && uai_like.len() <= 8 && uai_like.chars().all(|c| c.is_ascii_alphanumeric());
    // A sentinel that no UAI starts with keeps the placeholders the same when the query cannot be a UAI.
    let uai_prefix = if uai_ok { uai_like } else { "\u{1}".to_string() };
    let page = state
        .db(move |conn| {
            let filter = format!("(({}) OR uai LIKE ?1 || '%')", words_condition("search_folded", &words));
            let total: u32 = conn.query_row(
                &format!("SELECT COUNT(*) FROM establishments WHERE {filter}"),
                [&uai_prefix],
                |r| r.get(0),
            )?;
            let sql = format!(
                "SELECT {COLUMNS}, CASE
                    WHEN uai = ?1 THEN 0
                    WHEN uai LIKE ?1 || '%' THEN 1
                    WHEN name_folded LIKE ?2 || '%' OR name_folded LIKE '% ' || ?2 || '%' THEN 2
                    WHEN commune_folded LIKE ?2 || '%' THEN 3
                    ELSE 4 END AS rank
                 FROM establishments WHERE {filter}
                 ORDER BY rank, name_folded, uai LIMIT ?3 OFFSET ?4"
            );
            let mut stmt = conn.prepare(&sql)?;
            let items = stmt
                .query_map(rusqlite::params![uai_prefix, phrase, p.per_page, p.offset()], row_to_establishment)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Page { items, total, page: p.page, per_page: p.per_page })
        })
        .await?;
    Ok(Json(page))
}

pub fn find(conn: &Connection, uai: &str) -> rusqlite::Result<Option<Establishment>> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM establishments WHERE uai = ?1"), [uai], row_to_establishment)
        .optional()
}

/// UAIs arrive as typed in a URL: accept lower case.
fn canonical_uai(raw: &str) -> String {
    raw.trim().to_ascii_uppercase()
}

pub async fn get_one(State(state): State<AppState>, Path(uai): Path<String>) -> Result<Json<Establishment>, ApiError> {
    let uai = canonical_uai(&uai);
    state.db(move |conn| find(conn, &uai)?.ok_or_else(ApiError::not_found)).await.map(Json)
}

pub async fn streams_of(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(uai): Path<String>,
) -> Result<Json<EstablishmentStreams>, ApiError> {
    let uai = canonical_uai(&uai);
    let lang = Lang::from_headers(&headers);
    state
        .db(move |conn| {
            find(conn, &uai)?.ok_or_else(ApiError::not_found)?;
            let mut stmt = conn.prepare(
                "SELECT s.code, s.label, s.level FROM establishment_streams o JOIN streams s ON s.code = o.stream_code
                 WHERE o.uai = ?1 ORDER BY s.level_rank, s.label_folded, s.code",
            )?;
            let streams = stmt
                .query_map([&uai], |r| Ok(Stream { code: r.get(0)?, label: r.get(1)?, level: r.get(2)? }))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut groups: Vec<StreamGroup> = Vec::new();
            for s in streams {
                match groups.last_mut() {
                    Some(g) if g.level == s.level => g.streams.push(s),
                    _ => groups.push(StreamGroup {
                        level: s.level.clone(),
                        label: levels::label(&s.level, lang.code()),
                        streams: vec![s],
                    }),
                }
            }
            Ok(EstablishmentStreams { uai, groups })
        })
        .await
        .map(Json)
}

/// Whether `uai` offers `stream_code` (both canonical).
pub fn offers(conn: &Connection, uai: &str, stream_code: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM establishment_streams WHERE uai = ?1 AND stream_code = ?2)",
        [uai, stream_code],
        |r| r.get(0),
    )
}
