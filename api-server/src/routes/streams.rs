//! "Trouve ta filière": search across every stream offered somewhere, or within one establishment.

use super::paging::{self, folded_words, words_condition};
use crate::problem::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use passregion_core::api::{Page, Stream};
use std::collections::HashMap;

/// Ranked: label starting with the query, a word of the label starting with it, then containing every word;
/// within a rank, in level order then alphabetically.
pub async fn search(
    State(state): State<AppState>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Page<Stream>>, ApiError> {
    let p = paging::parse(query)?;
    let uai = p.params.get("uai").map(|u| u.trim().to_ascii_uppercase()).filter(|u| !u.is_empty());
    let words = folded_words(&p.q);
    let phrase = words.join(" ");
    let page = state
        .db(move |conn| {
            if let Some(uai) = &uai {
                super::establishments::find(conn, uai)?.ok_or_else(ApiError::not_found)?;
            }
            // ?1 = establishment ('' for all)
            let filter = format!(
                "({}) AND EXISTS (SELECT 1 FROM establishment_streams o WHERE o.stream_code = s.code AND (?1 = '' OR o.uai = ?1))",
                words_condition("s.label_folded", &words)
            );
            let scope = uai.clone().unwrap_or_default();
            let total: u32 =
                conn.query_row(&format!("SELECT COUNT(*) FROM streams s WHERE {filter}"), [&scope], |r| r.get(0))?;
            let sql = format!(
                "SELECT s.code, s.label, s.level, CASE
                    WHEN ?2 = '' THEN 0
                    WHEN s.label_folded LIKE ?2 || '%' THEN 0
                    WHEN s.label_folded LIKE '% ' || ?2 || '%' THEN 1
                    ELSE 2 END AS rank
                 FROM streams s WHERE {filter}
                 ORDER BY rank, s.level_rank, s.label_folded, s.code LIMIT ?3 OFFSET ?4"
            );
            let mut stmt = conn.prepare(&sql)?;
            let items = stmt
                .query_map(rusqlite::params![scope, phrase, p.per_page, p.offset()], |r| {
                    Ok(Stream { code: r.get(0)?, label: r.get(1)?, level: r.get(2)? })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Page { items, total, page: p.page, per_page: p.per_page })
        })
        .await?;
    Ok(Json(page))
}
