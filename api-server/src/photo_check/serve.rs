//! How a stored photo goes back to a browser (the beneficiary space). The bytes are a JPEG we wrote, but the
//! headers do not rely on that: even a file a browser could take for HTML would be neither sniffed, nor run, nor
//! shown in our origin.

use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::Response;

/// The response carrying a stored photo.
///
/// `attachment` rather than `inline`: an `<img>` ignores the disposition and shows the photo anyway, while opening
/// the photo's URL as a page downloads it instead of rendering anything in our origin. The sandboxing CSP still
/// covers a browser that would render it. `no-store` because it is a minor's face behind a login; CORP keeps other
/// sites from embedding it with the beneficiary's cookies.
pub fn photo_response(jpeg: Vec<u8>) -> Response {
    let mut res = Response::new(Body::from(jpeg));
    let headers = res.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, "image/jpeg"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::CONTENT_DISPOSITION, "attachment; filename=\"photo.jpg\""),
        (header::CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox"),
        (header::CACHE_CONTROL, "no-store"),
        (HeaderName::from_static("cross-origin-resource-policy"), "same-origin"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;
    use http_body_util::BodyExt;

    #[tokio::test]
    async fn a_photo_is_served_as_an_inert_jpeg_attachment() {
        let res = photo_response(vec![0xFF, 0xD8, 0xFF, 0xD9]);
        assert_eq!(res.status(), StatusCode::OK);
        let h = res.headers();
        assert_eq!(h[header::CONTENT_TYPE], "image/jpeg");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(h[header::CONTENT_DISPOSITION], "attachment; filename=\"photo.jpg\"");
        assert_eq!(h[header::CONTENT_SECURITY_POLICY], "default-src 'none'; sandbox");
        assert_eq!(h[header::CACHE_CONTROL], "no-store");
        assert_eq!(h["cross-origin-resource-policy"], "same-origin");
        // One value each: a second Content-Type or CSP would leave the browser to choose.
        assert!(h.keys().all(|k| h.get_all(k).iter().count() == 1));
        let body = res.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(&body[..], &[0xFF, 0xD8, 0xFF, 0xD9]);
    }
}
