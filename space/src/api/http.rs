//! Request plumbing for [`super`]: headers, and answers turned into `Result<T, ApiError>`.

use gloo_net::http::{Request, RequestBuilder, Response};
use passregion_core::api::{API_PREFIX, Problem};
use serde::Serialize;
use serde::de::{DeserializeOwned, IgnoredAny};

use super::ApiError;
use crate::i18n::Lang;

#[derive(Clone, Copy)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

fn builder(method: Method, path: &str, lang: Lang) -> RequestBuilder {
    let url = format!("{API_PREFIX}{path}");
    let b = match method {
        Method::Get => Request::get(&url),
        Method::Post => Request::post(&url),
        Method::Put => Request::put(&url),
        Method::Delete => Request::delete(&url),
    };
    b.header("Accept-Language", lang.code()).header("Accept", "application/json")
}

async fn send<B: Serialize>(method: Method, path: &str, body: Option<&B>, lang: Lang) -> Result<Response, ApiError> {
    let b = builder(method, path, lang);
    let request = match body {
        Some(body) => {
            // Written by the browser's JSON.stringify (passregion-json): no JSON code in the wasm.
            let json =
                passregion_json::to_string(body).map_err(|detail| ApiError::Unexpected { status: None, detail })?;
            b.header("Content-Type", "application/json").body(json)
        }
        None => b.build(),
    }
    .map_err(unexpected)?;
    request.send().await.map_err(|_| ApiError::Network)
}

pub async fn send_json<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<&B>,
    lang: Lang,
) -> Result<T, ApiError> {
    let response = send(method, path, body, lang).await?;
    let status = response.status();
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    classify(status, &text)
}

/// For answers without a body (204).
pub async fn send_empty<B: Serialize>(
    method: Method,
    path: &str,
    body: Option<&B>,
    lang: Lang,
) -> Result<(), ApiError> {
    let response = send(method, path, body, lang).await?;
    let status = response.status();
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    if (200..300).contains(&status) { Ok(()) } else { classify::<IgnoredAny>(status, &text).map(|_| ()) }
}

/// 2xx → `T`; an RFC 9457 body → `Problem` whatever the status; anything else → `Unexpected`. The browser parses
/// the text (passregion-json's `JSON.parse`).
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

#[cfg(test)]
mod tests {
    use super::*;
    use passregion_core::space::SessionInfo;

    #[test]
    fn a_session_and_a_login_failure() {
        let ok: SessionInfo = classify(
            201,
            r#"{"server_time":"2026-10-01T10:05:00Z","idle_expires_at":"2026-10-01T10:20:00Z","absolute_expires_at":"2026-10-01T22:00:00Z","idle_timeout_seconds":1200,"warn_before_seconds":120}"#,
        )
        .unwrap();
        assert_eq!(ok.idle_timeout_seconds, 1200);
        // What the dialog counts from: the expiry against the server's clock, not a fresh idle span.
        assert_eq!(ok.seconds_left(), Some(15 * 60));
        let err = classify::<SessionInfo>(401, r#"{"type":"urn:x","title":"t","status":401,"code":"login_failed"}"#)
            .unwrap_err();
        assert_eq!(err.code(), Some("login_failed"));
        assert!(!err.session_required());
        let html = classify::<SessionInfo>(502, "<html>").unwrap_err();
        assert!(matches!(html, ApiError::Unexpected { status: Some(502), .. }));
    }
}
