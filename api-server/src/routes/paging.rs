//! Query parameters of the search endpoints: `q`, `page` (from 1), `per_page` (capped).

use crate::problem::ApiError;
use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use std::collections::HashMap;

pub const DEFAULT_PER_PAGE: u32 = 20;
pub const MAX_PER_PAGE: u32 = 50;
/// Longest search text accepted; anything longer is a client bug or abuse.
pub const MAX_QUERY_CHARS: usize = 100;

pub struct SearchParams {
    pub q: String,
    pub page: u32,
    pub per_page: u32,
    pub params: HashMap<String, String>,
}

impl SearchParams {
    pub fn offset(&self) -> i64 {
        (i64::from(self.page) - 1) * i64::from(self.per_page)
    }
}

fn number(params: &HashMap<String, String>, name: &str, default: u32) -> Result<u32, ApiError> {
    match params.get(name) {
        None => Ok(default),
        Some(v) => v.trim().parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| {
            ApiError::malformed(format!("{name} must be a whole number from 1")).field(name, "invalid_number")
        }),
    }
}

/// Reads the parameters; `per_page` above the cap is lowered to it rather than refused.
pub fn parse(query: Result<Query<HashMap<String, String>>, QueryRejection>) -> Result<SearchParams, ApiError> {
    let Query(params) = query.map_err(|e| ApiError::malformed(e.body_text()))?;
    let q = params.get("q").map(|s| s.trim().to_string()).unwrap_or_default();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::malformed(format!("q is limited to {MAX_QUERY_CHARS} characters")).field("q", "too_long"));
    }
    let page = number(&params, "page", 1)?;
    let per_page = number(&params, "per_page", DEFAULT_PER_PAGE)?.min(MAX_PER_PAGE);
    if page > 100_000 {
        return Err(ApiError::malformed("page is too large").field("page", "invalid_number"));
    }
    Ok(SearchParams { q, page, per_page, params })
}

/// The folded words of a query (at most 8), each matched on its own.
pub fn folded_words(q: &str) -> Vec<String> {
    crate::fold::fold(q).split(' ').filter(|w| !w.is_empty()).take(8).map(str::to_string).collect()
}
