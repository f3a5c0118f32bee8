//! The phone handoff: bound to the tab that started it, opened once by one phone, photo checked, fetched once then
//! deleted, 10 minutes at most, cancellable.

use crate::fixtures::*;
use crate::harness::{Resp, Server};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};

async fn start(s: &Server) -> Value {
    let r = s.send(Request::post("/api/v1/handoffs").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.header("cache-control"), "no-store");
    r.json()
}

async fn as_tab(s: &Server, method: &str, uri: &str, secret: &str) -> Resp {
    s.send(Request::builder().method(method).uri(uri).header("handoff-secret", secret).body(Body::empty()).unwrap())
        .await
}

async fn state(s: &Server, h: &Value) -> String {
    let r = as_tab(
        s,
        "GET",
        &format!("/api/v1/handoffs/{}", h["id"].as_str().unwrap()),
        h["computer_secret"].as_str().unwrap(),
    )
    .await;
    r.json()["state"].as_str().unwrap().to_string()
}

fn token(h: &Value) -> String {
    h["link"].as_str().unwrap().split('#').nth(1).unwrap().to_string()
}

fn send_photo(phone_secret: &str, data: Vec<u8>) -> Request<Body> {
    let body = multipart_body(&[photo_part(data, "photo.jpg")]);
    Request::put("/api/v1/handoffs/photo")
        .header("handoff-secret", phone_secret)
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn a_photo_goes_from_one_phone_to_the_one_tab_once() {
    let s = Server::start();
    let h = start(&s).await;
    let link = h["link"].as_str().unwrap();
    assert!(
        link.starts_with("http://app.test/telephone#"),
        "the token is in the fragment, never in a request line: {link}"
    );
    assert_eq!(token(&h).len(), 32, "128 bits");
    assert_eq!(h["short_code"].as_str().unwrap().len(), 9);
    assert_eq!(state(&s, &h).await, "waiting");

    let phone = s.post_json("/api/v1/handoffs/claim", &json!({ "token": token(&h) })).await;
    assert_eq!(phone.status, StatusCode::OK);
    let phone_secret = phone.json()["phone_secret"].as_str().unwrap().to_string();
    assert_eq!(state(&s, &h).await, "phone_connected");
    let second = s.post_json("/api/v1/handoffs/claim", &json!({ "token": token(&h) })).await;
    assert_eq!((second.status, second.problem_code().as_str()), (StatusCode::CONFLICT, "handoff_used"));

    // The same checks as an application's photo.
    let bad = s.send(send_photo(&phone_secret, pdf())).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(s.send(send_photo(&phone_secret, jpeg())).await.status, StatusCode::NO_CONTENT);
    assert_eq!(state(&s, &h).await, "photo_ready");

    // Another tab (another secret) sees nothing and gets nothing.
    let id = h["id"].as_str().unwrap();
    assert_eq!(
        as_tab(&s, "GET", &format!("/api/v1/handoffs/{id}"), &"f".repeat(64)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        as_tab(&s, "GET", &format!("/api/v1/handoffs/{id}/photo"), &"f".repeat(64)).await.status,
        StatusCode::NOT_FOUND
    );

    let secret = h["computer_secret"].as_str().unwrap();
    let photo = as_tab(&s, "GET", &format!("/api/v1/handoffs/{id}/photo"), secret).await;
    assert_eq!(photo.status, StatusCode::OK);
    assert_eq!(photo.header("content-type"), "image/jpeg");
    assert_eq!(photo.header("x-content-type-options"), "nosniff");
    assert!(photo.body.starts_with(&[0xFF, 0xD8]));
    assert_eq!(state(&s, &h).await, "fetched");
    assert_eq!(as_tab(&s, "GET", &format!("/api/v1/handoffs/{id}/photo"), secret).await.status, StatusCode::NOT_FOUND);
    let conn = rusqlite::Connection::open(s.dir.path().join("data/passregion.sqlite3")).unwrap();
    let kept: i64 = conn.query_row("SELECT COUNT(*) FROM handoffs WHERE photo IS NOT NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(kept, 0, "the server keeps no photo once the tab has it");
    let stored: String = conn.query_row("SELECT token_hash FROM handoffs", [], |r| r.get(0)).unwrap();
    assert_ne!(stored, token(&h), "only digests are stored");
    // Spent: the phone cannot send again.
    assert_eq!(s.send(send_photo(&phone_secret, jpeg())).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn the_short_code_works_typed_loosely_and_links_expire_after_ten_minutes() {
    let s = Server::start();
    let h = start(&s).await;
    let typed = h["short_code"].as_str().unwrap().to_lowercase().replace('-', " ");
    let phone = s.post_json("/api/v1/handoffs/claim", &json!({ "short_code": typed })).await;
    assert_eq!(phone.status, StatusCode::OK, "{}", String::from_utf8_lossy(&phone.body));
    let wrong = s.post_json("/api/v1/handoffs/claim", &json!({ "short_code": "AAAA-AAAA" })).await;
    assert_eq!(wrong.problem_code(), "handoff_unknown");

    let late = start(&s).await;
    s.clock.advance(10 * 60);
    let expired = s.post_json("/api/v1/handoffs/claim", &json!({ "token": token(&late) })).await;
    assert_eq!((expired.status, expired.problem_code().as_str()), (StatusCode::GONE, "handoff_expired"));
    assert_eq!(state(&s, &late).await, "expired");
}

#[tokio::test]
async fn leaving_the_step_cancels_the_handoff_and_drops_the_photo() {
    let s = Server::start();
    let h = start(&s).await;
    let phone = s.post_json("/api/v1/handoffs/claim", &json!({ "token": token(&h) })).await.json();
    let phone_secret = phone["phone_secret"].as_str().unwrap();
    assert_eq!(s.send(send_photo(phone_secret, jpeg())).await.status, StatusCode::NO_CONTENT);
    let (id, secret) = (h["id"].as_str().unwrap(), h["computer_secret"].as_str().unwrap());
    assert_eq!(as_tab(&s, "DELETE", &format!("/api/v1/handoffs/{id}"), secret).await.status, StatusCode::NO_CONTENT);
    assert_eq!(state(&s, &h).await, "cancelled");
    assert_eq!(as_tab(&s, "GET", &format!("/api/v1/handoffs/{id}/photo"), secret).await.status, StatusCode::NOT_FOUND);
    assert_eq!(s.send(send_photo(phone_secret, jpeg())).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn guessing_short_codes_is_limited() {
    let s = Server::with(|c| c.limits.set("handoff_claim_ip=3/3600").unwrap());
    for _ in 0..3 {
        s.post_json("/api/v1/handoffs/claim", &json!({ "short_code": "AAAA-AAAA" })).await;
    }
    let limited = s.post_json("/api/v1/handoffs/claim", &json!({ "short_code": "AAAA-AAAA" })).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
}
