//! Request plumbing for [`super`]: URL building, headers, and turning answers into `Result<T, ApiError>`.

use gloo_net::http::{Request, RequestBuilder, Response};
use passregion_core::api::{API_PREFIX, IDEMPOTENCY_HEADER, Problem};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use super::ApiError;
use crate::i18n::Lang;

fn url(path: &str) -> String {
    format!("{API_PREFIX}{path}")
}

/// Percent-encodes a query or path value (everything but unreserved characters).
pub fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

fn with_lang(builder: RequestBuilder, lang: Lang) -> RequestBuilder {
    builder.header("Accept-Language", lang.code()).header("Accept", "application/json")
}

pub async fn get_json<T: DeserializeOwned>(path: &str, lang: Lang) -> Result<T, ApiError> {
    let request = with_lang(Request::get(&url(path)), lang).build().map_err(unexpected)?;
    read(request.send().await.map_err(|_| ApiError::Network)?).await
}

pub async fn post_json<B: Serialize, T: DeserializeOwned>(path: &str, body: &B, lang: Lang) -> Result<T, ApiError> {
    let request = with_lang(Request::post(&url(path)), lang).json(body).map_err(unexpected)?;
    read(request.send().await.map_err(|_| ApiError::Network)?).await
}

pub async fn post_multipart<B: Serialize, T: DeserializeOwned>(
    path: &str,
    json_part: &B,
    file_part: Option<web_sys::Blob>,
    idempotency_key: &str,
    lang: Lang,
) -> Result<T, ApiError> {
    let form = web_sys::FormData::new().map_err(js_unexpected)?;
    let json = serde_json::to_string(json_part).map_err(|e| ApiError::Unexpected { status: None, detail: e.to_string() })?;
    let parts = js_sys::Array::of1(&JsValue::from_str(&json));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let json_blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js_unexpected)?;
    form.append_with_blob_and_filename("application", &json_blob, "application.json").map_err(js_unexpected)?;
    if let Some(photo) = file_part {
        form.append_with_blob_and_filename("photo", &photo, "photo.jpg").map_err(js_unexpected)?;
    }
    // No Content-Type header: the browser writes it with the multipart boundary.
    let request = with_lang(Request::post(&url(path)), lang)
        .header(IDEMPOTENCY_HEADER, idempotency_key)
        .body(form)
        .map_err(unexpected)?;
    read(request.send().await.map_err(|_| ApiError::Network)?).await
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    if response.ok() {
        return serde_json::from_str(&text)
            .map_err(|e| ApiError::Unexpected { status: Some(status), detail: e.to_string() });
    }
    match serde_json::from_str::<Problem>(&text) {
        Ok(problem) => Err(ApiError::Problem(problem)),
        Err(_) => Err(ApiError::Unexpected { status: Some(status), detail: text.chars().take(200).collect() }),
    }
}

fn unexpected(e: gloo_net::Error) -> ApiError {
    ApiError::Unexpected { status: None, detail: e.to_string() }
}

fn js_unexpected(e: JsValue) -> ApiError {
    ApiError::Unexpected { status: None, detail: format!("{e:?}") }
}
