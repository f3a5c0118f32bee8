//! Bad input at the API: each gets a clear problem, nothing is stored, and the server keeps serving.

use crate::fixtures::*;
use crate::harness::Server;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;

/// Sends `req`, expects `status` and problem `code`, and checks nothing was stored.
async fn refused(s: &Server, req: Request<Body>, status: u16, code: &str) -> serde_json::Value {
    let before = s.counts();
    let r = s.send(req).await;
    assert_eq!(r.status.as_u16(), status, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.problem_code(), code);
    assert_eq!(s.counts(), before, "nothing stored");
    r.json()
}

fn raw_create(content_type: &str, body: Vec<u8>, key: Option<&str>) -> Request<Body> {
    let mut b = Request::post("/api/v1/applications").header("content-type", content_type);
    if let Some(k) = key {
        b = b.header("idempotency-key", k);
    }
    b.body(Body::from(body)).unwrap()
}

#[tokio::test]
async fn bad_requests_are_refused_cleanly() {
    let s = Server::start();
    let mp = format!("multipart/form-data; boundary={BOUNDARY}");

    // Malformed JSON in the application part.
    let broken = Part {
        name: "application",
        filename: None,
        content_type: "application/json",
        data: b"{\"campaign_id\": ".to_vec(),
    };
    refused(
        &s,
        raw_create(&mp, multipart_body(&[broken, photo_part(jpeg(), "p.jpg")]), Some("b1")),
        400,
        "malformed_request",
    )
    .await;

    // Unknown field.
    let mut app = application();
    app["identity"]["nickname"] = json!("Lili");
    let p = refused(&s, valid_create(&app, "b2"), 400, "malformed_request").await;
    assert!(p["detail"].as_str().unwrap().contains("nickname"), "{p}");

    // Wrong content type: JSON instead of multipart.
    refused(
        &s,
        raw_create("application/json", application().to_string().into_bytes(), Some("b3")),
        415,
        "unsupported_media_type",
    )
    .await;

    // Missing parts.
    let p = refused(
        &s,
        raw_create(&mp, multipart_body(&[photo_part(jpeg(), "p.jpg")]), Some("b4")),
        400,
        "malformed_request",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "application");
    let p = refused(
        &s,
        raw_create(&mp, multipart_body(&[json_part(&application())]), Some("b5")),
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "photo");
    assert_eq!(p["errors"][0]["code"], "photo_required");
    let extra = Part { name: "notes", filename: None, content_type: "text/plain", data: b"hi".to_vec() };
    refused(
        &s,
        raw_create(&mp, multipart_body(&[json_part(&application()), photo_part(jpeg(), "p.jpg"), extra]), Some("b6")),
        400,
        "malformed_request",
    )
    .await;

    // A PDF renamed .jpg (and declared image/jpeg).
    let p = refused(
        &s,
        create_request(&[json_part(&application()), photo_part(pdf(), "photo.jpg")], Some("b7"), None),
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "photo");
    assert_eq!(p["errors"][0]["code"], "photo_unreadable");

    // A PNG header claiming 30000×30000: refused from the header, nothing decoded.
    let bomb = png_header_claiming(30_000, 30_000);
    assert!(bomb.len() < 100);
    let p = refused(
        &s,
        create_request(&[json_part(&application()), photo_part(bomb, "photo.png")], Some("b8"), None),
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["code"], "photo_too_many_pixels");

    // A photo over 2,000,000 bytes (but a request under 3 MB).
    let mut big = jpeg();
    big.resize(2_000_001, 0);
    let p = refused(
        &s,
        create_request(&[json_part(&application()), photo_part(big, "big.jpg")], Some("b9"), None),
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["code"], "photo_too_large");

    // Missing Idempotency-Key.
    refused(
        &s,
        create_request(&[json_part(&application()), photo_part(jpeg(), "p.jpg")], None, None),
        400,
        "idempotency_key_missing",
    )
    .await;

    // The server still serves, and a good request still works.
    assert_eq!(s.send(valid_create(&application(), "b-good")).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn oversized_bodies_are_refused_before_being_read() {
    let s = Server::start();
    let mp = format!("multipart/form-data; boundary={BOUNDARY}");
    let huge = vec![b'x'; 3_000_001];

    // Declared length over the limit: refused at once.
    let req = Request::post("/api/v1/applications")
        .header("content-type", &mp)
        .header("idempotency-key", "big-1")
        .header("content-length", huge.len())
        .body(Body::from(huge.clone()))
        .unwrap();
    refused(&s, req, 413, "payload_too_large").await;

    // No declared length (streamed): the limit layer stops reading at 3 MB.
    let mut body = multipart_body(&[json_part(&application())]);
    body.truncate(body.len() - format!("--{BOUNDARY}--\r\n").len());
    body.extend_from_slice(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes());
    body.extend_from_slice(&huge);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let stream = futures_stream(body);
    let req = Request::post("/api/v1/applications")
        .header("content-type", &mp)
        .header("idempotency-key", "big-2")
        .body(stream)
        .unwrap();
    refused(&s, req, 413, "payload_too_large").await;

    // JSON endpoints too.
    let req = Request::post("/api/v1/activations")
        .header("content-type", "application/json")
        .header("content-length", 3_000_001)
        .body(Body::from(vec![b' '; 3_000_001]))
        .unwrap();
    refused(&s, req, 413, "payload_too_large").await;

    assert_eq!(s.send(valid_create(&application(), "big-good")).await.status, StatusCode::CREATED);
}

/// A body without Content-Length, delivered in 64 KiB chunks.
fn futures_stream(bytes: Vec<u8>) -> Body {
    Body::new(Chunked(bytes.chunks(64 * 1024).map(axum::body::Bytes::copy_from_slice).collect()))
}

struct Chunked(std::collections::VecDeque<axum::body::Bytes>);

impl http_body::Body for Chunked {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Ready(self.0.pop_front().map(|b| Ok(http_body::Frame::data(b))))
    }
}

#[tokio::test]
async fn json_endpoints_refuse_bad_bodies() {
    let s = Server::start();
    let post = |ct: &str, body: &str| {
        Request::post("/api/v1/activations").header("content-type", ct).body(Body::from(body.to_string())).unwrap()
    };
    refused(&s, post("text/plain", "{\"token\":\"x\"}"), 415, "unsupported_media_type").await;
    refused(&s, post("application/json", "{\"token\":"), 400, "malformed_request").await;
    refused(&s, post("application/json", "{\"token\":\"x\",\"admin\":true}"), 400, "malformed_request").await;
    let resend = |body: &str| {
        Request::post("/api/v1/activations/resend")
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    refused(&s, resend("{}"), 400, "malformed_request").await;
    refused(&s, resend("{\"email\":\"a@gmail.com\",\"token\":\"x\"}"), 400, "malformed_request").await;
    let r = s
        .send(
            Request::post("/api/v1/activations/resend")
                .header("content-type", "text/plain")
                .body(Body::from("x"))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn bad_query_parameters_and_unknown_routes() {
    let s = Server::start();
    assert_eq!(s.get("/api/v1/establishments?page=0").await.problem_code(), "malformed_request");
    assert_eq!(s.get("/api/v1/establishments?per_page=abc").await.problem_code(), "malformed_request");
    assert_eq!(s.get(&format!("/api/v1/streams?q={}", "a".repeat(101))).await.problem_code(), "malformed_request");
    assert_eq!(s.get("/api/v1/charter?lang=de").await.problem_code(), "malformed_request");
    assert_eq!(s.get("/api/v1/establishments/0000000A").await.problem_code(), "not_found");
    assert_eq!(s.get("/api/v1/establishments/0000000A/streams").await.problem_code(), "not_found");
    assert_eq!(s.get("/api/v1/streams?uai=0000000A").await.problem_code(), "not_found");
    // Undocumented API paths: problem+json 404, never the app's index.html (not contract-checked: not in the document).
    for path in ["/api/v1/nothing-here", "/api/v2/campaign", "/api"] {
        let r = s.router.clone();
        let res = tower::ServiceExt::oneshot(
            r,
            Request::get(path).header("accept", "text/html").body(Body::empty()).unwrap(),
        )
        .await
        .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(res.headers()["content-type"], "application/problem+json", "{path}");
    }
}

#[tokio::test]
async fn dev_outbox_is_absent_without_dev() {
    let s = Server::with(|c| c.dev = false);
    assert_eq!(s.get("/api/v1/dev/outbox").await.problem_code(), "not_found");
    let page = s.get("/dev/outbox").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}
