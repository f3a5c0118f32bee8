//! Request plumbing for [`super`]: URL building, headers, and turning answers into `Result<T, ApiError>`.

use gloo_net::http::{Request, RequestBuilder, Response};
use passregion_core::api::{API_PREFIX, IDEMPOTENCY_HEADER, Problem};
use serde::Serialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use wasm_bindgen::JsValue;

/// File name of the photo part; the server reads the content, never the name.
const PHOTO_FILE_NAME: &str = "photo-identite.jpeg";

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

/// [`get_json`], answered from what index.html asked for before the app ran when it did (super::early).
pub async fn get_json_early<T: DeserializeOwned>(path: &str, lang: Lang) -> Result<T, ApiError> {
    match super::early::take(path, lang).await {
        Some(text) => classify(200, &text),
        None => get_json(path, lang).await,
    }
}

pub async fn post_json<B: Serialize, T: DeserializeOwned>(path: &str, body: &B, lang: Lang) -> Result<T, ApiError> {
    let request = with_lang(Request::post(&url(path)), lang)
        .header("Content-Type", "application/json")
        .body(to_json(body)?)
        .map_err(unexpected)?;
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
    let parts = js_sys::Array::of1(&JsValue::from_str(&to_json(json_part)?));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let json_blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js_unexpected)?;
    form.append_with_blob_and_filename("application", &json_blob, "application.json").map_err(js_unexpected)?;
    if let Some(photo) = file_part {
        form.append_with_blob_and_filename("photo", &photo, PHOTO_FILE_NAME).map_err(js_unexpected)?;
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
    // A body cut off mid-way is a lost connection, not a server answer.
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    classify(status, &text)
}

/// A request body as JSON text, written by the browser (passregion-json).
fn to_json<B: Serialize>(body: &B) -> Result<String, ApiError> {
    passregion_json::to_string(body).map_err(|detail| ApiError::Unexpected { status: None, detail })
}

/// Turns an HTTP answer into the typed result: 2xx → `T`; an RFC 9457 body → `Problem` (whatever the status, so
/// field errors survive); anything else (a proxy's HTML page, a body that is not ours) → `Unexpected`. The browser
/// parses the text (passregion-json): no JSON parser in the wasm.
pub fn classify<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    if (200..300).contains(&status) {
        return passregion_json::from_str(body).map_err(|detail| ApiError::Unexpected { status: Some(status), detail });
    }
    match passregion_json::from_str::<Problem>(body) {
        Ok(problem) => Err(ApiError::Problem(problem)),
        Err(_) => Err(ApiError::Unexpected { status: Some(status), detail: body.chars().take(200).collect() }),
    }
}

/// Building a request fails only with a JavaScript error: its message is the detail. Not gloo-net's `Display`, which
/// would link serde_json's error texts into the first page (gloo-net's JSON feature, which leptos_router turns on).
fn unexpected(e: gloo_net::Error) -> ApiError {
    let detail = match e {
        gloo_net::Error::JsError(e) => e.message,
        _ => String::new(),
    };
    ApiError::Unexpected { status: None, detail }
}

fn js_unexpected(e: JsValue) -> ApiError {
    ApiError::Unexpected { status: None, detail: format!("{e:?}") }
}

/// The handoff's secret header (`Handoff-Secret`): which tab or phone is asking.
const HANDOFF_SECRET: &str = "Handoff-Secret";

/// A request carrying a handoff secret, answered with JSON.
pub async fn send_with_secret<T: DeserializeOwned>(
    builder: RequestBuilder,
    secret: &str,
    lang: Lang,
) -> Result<T, ApiError> {
    let request = with_lang(builder, lang).header(HANDOFF_SECRET, secret).build().map_err(unexpected)?;
    read(request.send().await.map_err(|_| ApiError::Network)?).await
}

/// A `POST` without a body (starting a handoff), answered with JSON.
pub async fn post_empty<T: DeserializeOwned>(path: &str, lang: Lang) -> Result<T, ApiError> {
    let request = with_lang(Request::post(&url(path)), lang).build().map_err(unexpected)?;
    read(request.send().await.map_err(|_| ApiError::Network)?).await
}

pub fn get(path: &str) -> RequestBuilder {
    Request::get(&url(path))
}

pub fn delete(path: &str) -> RequestBuilder {
    Request::delete(&url(path))
}

/// A request carrying a handoff secret whose success has no body (204).
pub async fn send_with_secret_empty(builder: RequestBuilder, secret: &str, lang: Lang) -> Result<(), ApiError> {
    let request = with_lang(builder, lang).header(HANDOFF_SECRET, secret).build().map_err(unexpected)?;
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    empty(response).await
}

async fn empty(response: Response) -> Result<(), ApiError> {
    let status = response.status();
    if (200..300).contains(&status) {
        return Ok(());
    }
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    classify::<IgnoredAny>(status, &text).map(|_| ())
}

/// A file answered by the API (the handoff's photo), as a blob.
pub async fn get_blob_with_secret(path: &str, secret: &str, lang: Lang) -> Result<web_sys::Blob, ApiError> {
    let request =
        with_lang(Request::get(&url(path)), lang).header(HANDOFF_SECRET, secret).build().map_err(unexpected)?;
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    let status = response.status();
    if !(200..300).contains(&status) {
        let text = response.text().await.map_err(|_| ApiError::Network)?;
        let unreadable = ApiError::Unexpected { status: Some(status), detail: String::new() };
        return Err(classify::<IgnoredAny>(status, &text).err().unwrap_or(unreadable));
    }
    let bytes = response.binary().await.map_err(|_| ApiError::Network)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/jpeg");
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js_unexpected)
}

/// `PUT` of one file part `photo`, with a handoff secret; success has no body.
pub async fn put_photo_with_secret(
    path: &str,
    photo: &web_sys::Blob,
    secret: &str,
    lang: Lang,
) -> Result<(), ApiError> {
    let form = web_sys::FormData::new().map_err(js_unexpected)?;
    form.append_with_blob_and_filename("photo", photo, PHOTO_FILE_NAME).map_err(js_unexpected)?;
    let request =
        with_lang(Request::put(&url(path)), lang).header(HANDOFF_SECRET, secret).body(form).map_err(unexpected)?;
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    empty(response).await
}

/// `PUT` of one file part `photo` with the session cookie the browser sends by itself (the space's new photo),
/// answered with JSON.
pub async fn put_photo<T: DeserializeOwned>(path: &str, photo: &web_sys::Blob, lang: Lang) -> Result<T, ApiError> {
    let form = web_sys::FormData::new().map_err(js_unexpected)?;
    form.append_with_blob_and_filename("photo", photo, PHOTO_FILE_NAME).map_err(js_unexpected)?;
    let request = with_lang(Request::put(&url(path)), lang).body(form).map_err(unexpected)?;
    read(request.send().await.map_err(|_| ApiError::Network)?).await
}

/// A request whose success has no body (ending the session).
pub async fn send_empty(builder: RequestBuilder, lang: Lang) -> Result<(), ApiError> {
    let request = with_lang(builder, lang).build().map_err(unexpected)?;
    empty(request.send().await.map_err(|_| ApiError::Network)?).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use passregion_core::api::{ActivationDone, problem_code};

    #[test]
    fn success_bodies_are_parsed() {
        let done: ActivationDone = classify(200, r#"{"dossier_number":"1234567890"}"#).unwrap();
        assert_eq!(done.dossier_number, "1234567890");
    }

    #[test]
    fn a_problem_keeps_its_code_and_field_errors() {
        let body = r#"{"type":"/problems/validation","title":"Invalid","status":422,"code":"validation_failed",
            "errors":[{"field":"contact.address.postal_code","code":"postal_code_invalid","message":"Code postal invalide."}]}"#;
        let err = classify::<ActivationDone>(422, body).unwrap_err();
        assert_eq!(err.code(), Some(problem_code::VALIDATION_FAILED));
        assert_eq!(err.field_errors().len(), 1);
        assert_eq!(err.field_errors()[0].field, "contact.address.postal_code");
        assert_eq!(err.status(), Some(422));
    }

    #[test]
    fn anything_else_is_unexpected() {
        let html = classify::<ActivationDone>(502, "<html>Bad gateway</html>").unwrap_err();
        assert!(matches!(html, ApiError::Unexpected { status: Some(502), .. }), "{html:?}");
        let wrong_shape = classify::<ActivationDone>(200, r#"{"nope":1}"#).unwrap_err();
        assert!(matches!(wrong_shape, ApiError::Unexpected { status: Some(200), .. }));
        assert_eq!(wrong_shape.code(), None);
    }
}
