//! "Trouve ta filière": search across every stream offered somewhere, or within one establishment.

use super::paging::{self, folded_words};
use crate::problem::ApiError;
use crate::state::AppState;
use crate::store::reference::{self, Search};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use passregion_core::api::{Page, Stream};
use std::collections::HashMap;

/// Streams offered somewhere, or by one establishment with `uai` (ranking in [`reference::search_streams`]).
pub async fn search(
    State(state): State<AppState>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Page<Stream>>, ApiError> {
    let p = paging::parse(query)?;
    let uai = p.params.get("uai").map(|u| u.trim().to_ascii_uppercase()).filter(|u| !u.is_empty());
    let words = folded_words(&p.q);
    let (limit, offset, page) = (p.per_page, p.offset(), p.page);
    let (items, total) = state
        .store
        .read(move |conn| {
            if let Some(uai) = &uai {
                reference::find_establishment(conn, uai)?.ok_or_else(ApiError::not_found)?;
            }
            Ok(reference::search_streams(conn, &Search { words: &words, limit, offset }, uai.as_deref())?)
        })
        .await?;
    Ok(Json(Page { items, total, page, per_page: limit }))
}
