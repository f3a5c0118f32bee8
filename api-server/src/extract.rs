//! A JSON body extractor whose refusals are problems: 415 for another content type, 413 past the size limit,
//! 400 for malformed JSON or unknown fields.

use crate::problem::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use passregion_core::api::problem_code;
use serde::de::DeserializeOwned;

pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let ct = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let essence = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if essence != "application/json" {
            return Err(ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, problem_code::UNSUPPORTED_MEDIA_TYPE)
                .detail("send application/json"));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE || crate::problem::is_length_limit(&e) {
                ApiError::too_large()
            } else {
                ApiError::malformed(e.body_text())
            }
        })?;
        serde_json::from_slice(&bytes).map(ApiJson).map_err(|e| ApiError::malformed(e.to_string()))
    }
}
