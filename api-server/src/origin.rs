//! State-changing requests must come from this site's own pages: a form or script on another site cannot log
//! someone out, send an application in their name or use their session. Browsers say where a request comes from
//! in `Sec-Fetch-Site` (and `Origin`); a request that says nothing (a non-browser client, the tests) is let through,
//! since it carries no cookie a browser would have attached on someone's behalf.

use crate::problem::ApiError;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use passregion_core::api::problem_code;

/// Whether a request with these headers may change state.
pub fn allowed(method: &Method, sec_fetch_site: Option<&str>, origin: Option<&str>, host: Option<&str>) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    if let Some(site) = sec_fetch_site
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    match (origin, host) {
        (None, _) => true,
        (Some(o), Some(h)) => o.split_once("://").is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(h)),
        (Some(_), None) => false,
    }
}

pub async fn same_origin_only(req: Request, next: Next) -> Response {
    let h = req.headers();
    let get = |name: &str| h.get(name).and_then(|v| v.to_str().ok());
    if !allowed(req.method(), get("sec-fetch-site"), get(header::ORIGIN.as_str()), get(header::HOST.as_str())) {
        return ApiError::new(StatusCode::FORBIDDEN, problem_code::FORBIDDEN_ORIGIN).into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let post = Method::POST;
        let host = Some("127.0.0.1:8080");
        for (method, site, origin, want) in [
            (&post, Some("same-origin"), Some("http://127.0.0.1:8080"), true),
            (&post, None, None, true),
            (&post, Some("none"), None, true),
            (&post, Some("cross-site"), Some("https://evil.example"), false),
            (&post, Some("same-site"), Some("http://other.127.0.0.1:8080"), false),
            (&post, None, Some("https://evil.example"), false),
            (&post, None, Some("http://127.0.0.1:8080"), true),
            (&Method::DELETE, Some("cross-site"), None, false),
            (&Method::GET, Some("cross-site"), Some("https://evil.example"), true),
        ] {
            assert_eq!(allowed(method, site, origin, host), want, "{method} {site:?} {origin:?}");
        }
    }
}
