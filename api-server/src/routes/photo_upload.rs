//! A photo sent on its own (a new photo from the space, a photo from the phone): multipart with exactly one part,
//! `photo`, checked and re-encoded exactly like an application's, on the bounded photo pool.

use crate::photo_check::{self, CheckedPhoto};
use crate::problem::ApiError;
use crate::state::AppState;
use axum::extract::{FromRequest, Multipart, Request};
use passregion_core::api::field;

pub async fn checked_photo(state: &AppState, req: Request) -> Result<CheckedPhoto, ApiError> {
    let mut multipart = Multipart::from_request(req, state).await.map_err(|e| ApiError::malformed(e.body_text()))?;
    let mut photo = None;
    while let Some(part) = multipart.next_field().await.map_err(|e| ApiError::malformed(e.body_text()))? {
        if part.name() != Some("photo") || photo.is_some() {
            return Err(ApiError::malformed("send exactly one part, `photo`"));
        }
        photo = Some(part.bytes().await.map_err(|e| ApiError::malformed(e.body_text()))?.to_vec());
    }
    let refused = |code: String| ApiError::validation(vec![(field::PHOTO.to_string(), code)]);
    let walked = photo_check::walk(photo.unwrap_or_default()).map_err(refused)?;
    state.heavy.run(move || walked.reencode()).await?.map_err(refused)
}

/// The day a `--dev` back-office move is dated: the one given (ISO), or today in Paris.
pub fn dev_day(on: Option<&str>, now: i64) -> Result<passregion_core::Date, ApiError> {
    match on {
        Some(s) => passregion_core::Date::parse_iso(s).ok_or_else(|| ApiError::malformed("on: YYYY-MM-DD")),
        None => Ok(passregion_core::date::paris_date(now)),
    }
}
