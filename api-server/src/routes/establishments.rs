//! Establishment search, one establishment, and its streams grouped by level.

use super::paging::{self, folded_words};
use crate::lang::Lang;
use crate::levels;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::store::reference::{self, Search};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use passregion_core::api::{Establishment, EstablishmentStreams, Page, StreamGroup};
use std::collections::HashMap;

/// Search by name, commune or UAI (ranking in [`reference::Catalogue::search`]).
pub async fn search(
    State(state): State<AppState>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Page<Establishment>>, ApiError> {
    let p = paging::parse(query)?;
    let words = folded_words(&p.q);
    let uai_like = p.q.trim().to_ascii_uppercase();
    let uai_ok = !uai_like.is_empty() && uai_like.len() <= 8 && uai_like.chars().all(|c| c.is_ascii_alphanumeric());
    let (limit, offset, page) = (p.per_page, p.offset(), p.page);
    let q = Search { words: &words, limit, offset };
    let (items, total) = state.store.catalogue().search(&q, uai_ok.then_some(uai_like.as_str()));
    Ok(Json(Page { items, total, page, per_page: limit }))
}

/// UAIs arrive as typed in a URL: accept lower case.
fn canonical_uai(raw: &str) -> String {
    raw.trim().to_ascii_uppercase()
}

pub async fn get_one(State(state): State<AppState>, Path(uai): Path<String>) -> Result<Json<Establishment>, ApiError> {
    let uai = canonical_uai(&uai);
    state
        .store
        .read(move |conn| reference::find_establishment(conn, &uai)?.ok_or_else(ApiError::not_found))
        .await
        .map(Json)
}

pub async fn streams_of(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(uai): Path<String>,
) -> Result<Json<EstablishmentStreams>, ApiError> {
    let uai = canonical_uai(&uai);
    let lang = Lang::from_headers(&headers);
    state
        .store
        .read(move |conn| {
            reference::find_establishment(conn, &uai)?.ok_or_else(ApiError::not_found)?;
            let streams = reference::streams_of(conn, &uai)?;
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
