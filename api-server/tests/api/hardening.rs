//! Abuse limits and secrets at rest: rate limits with their stated wait, replays that survive a retyped password,
//! idempotency records that expire, an outbox that keeps no link outside `--dev`, caching headers.

use crate::fixtures::*;
use crate::harness::{Resp, Server};
use argon2::password_hash::{PasswordHash, PasswordVerifier};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use serde_json::json;
use std::net::SocketAddr;

/// As if the request came over a connection from `ip`.
fn from_ip(mut req: Request<Body>, ip: &str) -> Request<Body> {
    let addr: SocketAddr = format!("{ip}:40000").parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    req
}

fn resend(email: &str, ip: &str) -> Request<Body> {
    let body = json!({ "email": email }).to_string();
    from_ip(
        Request::post("/api/v1/activations/resend")
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap(),
        ip,
    )
}

fn assert_limited(r: &Resp, max_wait: u32) -> u32 {
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.problem_code(), "rate_limited");
    let wait: u32 = r.header("retry-after").parse().expect("Retry-After in seconds");
    assert!(wait >= 1 && wait <= max_wait, "{wait}");
    assert_eq!(r.json()["retry_after"], wait, "the body says the same wait as the header");
    wait
}

#[tokio::test]
async fn activation_emails_are_limited_per_address_with_the_wait_stated() {
    let s = Server::start();
    assert_eq!(s.send(valid_create(&application(), "k-limit")).await.status, StatusCode::CREATED);
    // Three more emails an hour to one address (the default), whoever asks and from wherever.
    for ip in ["203.0.113.1", "203.0.113.2", "203.0.113.3"] {
        assert_eq!(s.send(resend("elise.martin@gmail.com", ip)).await.status, StatusCode::ACCEPTED);
    }
    let refused = s.send(resend("Elise.Martin@gmail.com ", "203.0.113.4")).await;
    let wait = assert_limited(&refused, 3600);
    assert!(wait > 15 * 60, "one email every 20 minutes once the burst is spent: {wait}");
    assert_eq!(s.count("outbox"), 4, "one activation email and three new links, no more");
    // An unknown address is counted the same way: a 429 tells nothing about who applied.
    for _ in 0..3 {
        assert_eq!(s.send(resend("nobody@gmail.com", "203.0.113.9")).await.status, StatusCode::ACCEPTED);
    }
    assert_limited(&s.send(resend("nobody@gmail.com", "203.0.113.9")).await, 3600);
    // The wait is real: after it, one more is allowed.
    s.clock.advance(i64::from(wait));
    assert_eq!(s.send(resend("elise.martin@gmail.com", "203.0.113.4")).await.status, StatusCode::ACCEPTED);
}

#[tokio::test]
async fn applications_are_limited_per_client_address_but_retries_are_always_answered() {
    let s = Server::with(|c| c.limits.set("application_ip=2/3600").unwrap());
    let mut first = application();
    first["identity"]["email"] = json!("a1@gmail.com");
    let created = s.send(from_ip(valid_create(&first, "ip-1"), "198.51.100.7")).await;
    assert_eq!(created.status, StatusCode::CREATED);
    let mut second = application();
    second["identity"]["email"] = json!("a2@gmail.com");
    assert_eq!(s.send(from_ip(valid_create(&second, "ip-2"), "198.51.100.7")).await.status, StatusCode::CREATED);
    let mut third = application();
    third["identity"]["email"] = json!("a3@gmail.com");
    let refused = s.send(from_ip(valid_create(&third, "ip-3"), "198.51.100.7")).await;
    assert_limited(&refused, 3600);
    assert_eq!(s.count("applications"), 2);
    // The person whose answer was lost still gets their dossier number.
    let retry = s.send(from_ip(valid_create(&first, "ip-1"), "198.51.100.7")).await;
    assert_eq!(retry.status, StatusCode::OK);
    assert_eq!(retry.json(), created.json());
    // Another address (another school) is not affected.
    assert_eq!(s.send(from_ip(valid_create(&third, "ip-3"), "198.51.100.8")).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn applications_naming_one_email_address_are_limited() {
    let s = Server::start();
    for key in ["e-1", "e-2", "e-3"] {
        assert_eq!(s.send(valid_create(&application(), key)).await.status, StatusCode::CREATED);
    }
    assert_limited(&s.send(valid_create(&application(), "e-4")).await, 3600);
    assert_eq!(s.count("applications"), 3);
}

#[tokio::test]
async fn a_retry_with_a_retyped_password_is_the_same_application_and_keeps_the_first_password() {
    let s = Server::start();
    let first = s.send(valid_create(&application(), "k-retyped")).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let mut retyped = application();
    retyped["identity"]["password"] = json!("Autre-Mot-2026!");
    let again = s.send(valid_create(&retyped, "k-retyped")).await;
    assert_eq!(again.status, StatusCode::OK, "{}", String::from_utf8_lossy(&again.body));
    assert_eq!(again.header("idempotent-replayed"), "true");
    assert_eq!(again.json(), first.json());
    assert_eq!(s.counts(), [1, 1, 1, 1, 1]);
    let conn = rusqlite::Connection::open(s.dir.path().join("data/passregion.sqlite3")).unwrap();
    let (hash, fingerprint): (String, String) = conn
        .query_row("SELECT a.password_hash, k.request_hash FROM applications a JOIN idempotency_keys k ON k.application_id = a.id", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let parsed = PasswordHash::new(&hash).unwrap();
    let password = application()["identity"]["password"].as_str().unwrap().to_string();
    assert!(
        argon2::Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        "the first password stands"
    );
    assert!(argon2::Argon2::default().verify_password(b"Autre-Mot-2026!", &parsed).is_err());
    // The fingerprint is the request without its password: the same for both, so it cannot be used to test guesses.
    assert_eq!(fingerprint.len(), 64);
    assert!(!fingerprint.contains(&password));
}

#[tokio::test]
async fn idempotency_records_are_forgotten_after_72_hours() {
    let s = Server::start();
    assert_eq!(s.send(valid_create(&application(), "k-old")).await.status, StatusCode::CREATED);
    s.clock.advance(72 * 3600 + 1);
    let mut other = application();
    other["identity"]["email"] = json!("louise@gmail.com");
    assert_eq!(s.send(valid_create(&other, "k-new")).await.status, StatusCode::CREATED);
    assert_eq!(s.count("idempotency_keys"), 1, "the 72-hour-old record is gone");
    assert_eq!(s.count("applications"), 2, "the applications themselves stay");
}

#[tokio::test]
async fn without_dev_the_outbox_keeps_no_link_and_cannot_be_read() {
    let s = Server::with(|c| c.dev = false);
    assert_eq!(s.send(valid_create(&application(), "k-prod")).await.status, StatusCode::CREATED);
    assert_eq!(s.get("/api/v1/dev/outbox").await.status, StatusCode::NOT_FOUND);
    let conn = rusqlite::Connection::open(s.dir.path().join("data/passregion.sqlite3")).unwrap();
    let (body, link): (String, Option<String>) =
        conn.query_row("SELECT body, link FROM outbox", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert!(link.is_none());
    assert!(!body.contains("token=") && body.contains("[lien retiré"), "{body}");
    let stored: String = conn.query_row("SELECT token_hash FROM activation_tokens", [], |r| r.get(0)).unwrap();
    assert!(!body.contains(&stored));
}

#[tokio::test]
async fn personal_answers_are_never_cached_and_reference_data_is_revalidated() {
    let s = Server::start();
    for uri in ["/api/v1/campaign", "/api/v1/establishments?q=lyon", "/api/v1/streams?q=bts", "/api/v1/charter"] {
        assert_eq!(s.get(uri).await.header("cache-control"), "no-cache", "{uri}");
    }
    assert_eq!(s.get("/api/v1/dev/outbox").await.header("cache-control"), "no-store");
    let resent = s.post_json("/api/v1/activations/resend", &json!({ "email": "x@gmail.com" })).await;
    assert_eq!(resent.header("cache-control"), "no-store");
    let problem = s.post_json("/api/v1/activations", &json!({ "token": "0".repeat(64) })).await;
    assert_eq!(problem.header("cache-control"), "no-store");
}
