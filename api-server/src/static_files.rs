//! The built app, served on the same origin as the API: files from `--dist`, `index.html` for deep links,
//! cache headers that let hashed assets live forever and never let a stale `index.html` stick.
//!
//! `./dev` writes `<file>.br` (brotli 11) and `<file>.gz` (gzip 9) beside each built file (build-tools/size.mjs):
//! a client that accepts one of them gets it as it is, with `Content-Encoding` set, so the router's on-the-fly
//! compression (which never touches a response that already has a `Content-Encoding`) has nothing left to do. A
//! file without its variants (a `trunk serve` build, a hand-copied file) is still compressed on the fly.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::path::PathBuf;
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// Path prefix of the beneficiary space.
const SPACE: &str = "/espace";
/// The phone's page of the photo handoff (its own bundle in `dist/telephone/`): the QR code's link
/// `/telephone#<token>`, and `/tel`, the short address where the code is typed.
const PHONE: &str = "/telephone";
const PHONE_SHORT: &str = "/tel";
/// The space's new photo (its own bundle in `dist/espace-photo/`, the application's photo step): a page of the
/// space by its address, another bundle by its files.
const SPACE_PHOTO: &str = "/espace/nouvelle-photo";

/// Trunk names built assets `name-<hash>.ext`: a u64 in hex without leading zeros, so usually 16 digits and
/// sometimes fewer (`main-3d364b27556402.css`).
fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("").trim_end_matches("_bg");
    stem.rsplit_once('-').is_some_and(|(_, h)| (10..=16).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn accepts_html(req: &Request) -> bool {
    req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/html"))
}

/// Serves `req` from `dist`; a GET for a page that is not a file gets `index.html` (client-side routing). Only
/// navigations (which ask for `text/html`) fall back: a script or image asking for a missing file gets a 404, not
/// an HTML page it would choke on.
pub async fn serve(dist: PathBuf, req: Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "Method not allowed\n").into_response();
    }
    let path = req.uri().path().to_string();
    let wants_html = accepts_html(&req);
    let head = req.method() == Method::HEAD;
    // The beneficiary space is its own bundle with its own index.html (space/, built into dist/espace/).
    let page = if path == SPACE_PHOTO || path == format!("{SPACE_PHOTO}/") {
        "espace-photo/index.html"
    } else if path == SPACE || path.starts_with(&format!("{SPACE}/")) {
        "espace/index.html"
    } else if path == PHONE || path == PHONE_SHORT || path.starts_with(&format!("{PHONE}/")) {
        "telephone/index.html"
    } else {
        "index.html"
    };
    let space_index = [SPACE.to_string(), format!("{SPACE}/"), format!("{SPACE}/index.html")];
    let phone_index = [PHONE.to_string(), PHONE_SHORT.to_string(), format!("{PHONE}/"), format!("{PHONE}/index.html")];
    let space_photo = page == "espace-photo/index.html";
    if path == "/" || path == "/index.html" || space_index.contains(&path) || phone_index.contains(&path) || space_photo
    {
        return with_cache(index(&dist, page, head).await, &path);
    }
    let files = ServeDir::new(&dist).append_index_html_on_directories(false).precompressed_br().precompressed_gzip();
    let res = match files.oneshot(req).await {
        Ok(res) => res.map(Body::new),
        Err(never) => match never {},
    };
    let res = if res.status() == StatusCode::NOT_FOUND && wants_html && !path.contains("/assets/") {
        index(&dist, page, head).await
    } else {
        res
    };
    with_cache(res, &path)
}

fn with_cache(mut res: Response, path: &str) -> Response {
    let cache =
        if res.status().is_success() && is_hashed(path) { "public, max-age=31536000, immutable" } else { "no-cache" };
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // The body depends on Accept-Encoding (a precompressed variant or not): caches must keep them apart.
    if res.status().is_success() && !res.headers().contains_key(header::VARY) {
        res.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}

async fn index(dist: &std::path::Path, page: &str, head: bool) -> Response {
    match tokio::fs::read(dist.join(page)).await {
        Ok(bytes) => {
            let policy = crate::security::csp(&crate::security::inline_script_hashes(&String::from_utf8_lossy(&bytes)));
            let body = if head { Body::empty() } else { Body::from(bytes) };
            let mut res = Response::new(body);
            res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            if let Ok(v) = HeaderValue::from_str(&policy) {
                res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
            }
            res
        }
        Err(_) => (
            StatusCode::NOT_FOUND,
            "The app is not built: run `./dev run`, or pass --dist to the built app's folder.\n",
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashed_names() {
        assert!(super::is_hashed("/passregion-app-7f3a9c0d12e4b5a6_bg.wasm"));
        assert!(super::is_hashed("/passregion-app-7f3a9c0d12e4b5a6.js"));
        // Trunk writes the hash without leading zeros.
        assert!(super::is_hashed("/main-3d364b27556402.css"));
        assert!(super::is_hashed("/i18n/en-c8c697a2ac809f80.json"));
        assert!(!super::is_hashed("/passregion-photo-worker_bg.wasm"));
        assert!(!super::is_hashed("/photo-2024.jpg"));
        assert!(!super::is_hashed("/index.html"));
        assert!(!super::is_hashed("/robots.txt"));
    }
}
