//! `GET /postal-codes/{postal_code}/communes`: the communes the official list gives for a postcode, for the
//! contact step to offer.

use crate::communes;
use crate::problem::ApiError;
use axum::Json;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use passregion_core::api::{PostalCodeCommunes, field};
use passregion_core::rules::address::normalize_postal_code;

/// Reference data that changes once a year at most and says nothing about anyone: any cache may keep it a week.
pub const CACHE_CONTROL: &str = "public, max-age=604800";

pub async fn of_postal_code(Path(raw): Path<String>) -> Result<Response, ApiError> {
    let postal_code = normalize_postal_code(&raw).map_err(|code| {
        ApiError::malformed("a postcode is 5 digits of a French département").field(field::POSTAL_CODE, code.as_str())
    })?;
    let communes = communes::official().communes(&postal_code).to_vec();
    let mut res = Json(PostalCodeCommunes { postal_code, communes }).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL));
    Ok(res)
}
