//! The beneficiary space: log in with the dossier number, sessions and their limits, the dossier and its
//! timeline as the back office moves it, a new photo after a refusal, lost password and lost dossier number.

use crate::fixtures::*;
use crate::harness::{Resp, Server};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};

const PASSWORD: &str = "Velo-2026-rouge";

/// Applies, activates from the outbox link, returns the dossier number.
async fn activated_dossier(s: &Server, key: &str) -> String {
    let created = s.send(valid_create(&application(), key)).await;
    assert_eq!(created.status, StatusCode::CREATED);
    let number = created.json()["dossier_number"].as_str().unwrap().to_string();
    let link = s.get("/api/v1/dev/outbox").await.json()[0]["link"].as_str().unwrap().to_string();
    let token = link.split("token=").nth(1).unwrap();
    assert_eq!(s.post_json("/api/v1/activations", &json!({ "token": token })).await.status, StatusCode::OK);
    number
}

async fn login(s: &Server, number: &str, password: &str) -> Resp {
    s.post_json("/api/v1/sessions", &json!({ "dossier_number": number, "password": password })).await
}

/// The cookie pair ("name=value") a login set.
fn cookie(r: &Resp) -> String {
    r.header("set-cookie").split(';').next().unwrap().to_string()
}

async fn with_cookie(s: &Server, method: &str, uri: &str, cookie: &str, body: Option<Value>) -> Resp {
    let mut req = Request::builder().method(method).uri(uri).header("cookie", cookie);
    let body = match body {
        Some(v) => {
            req = req.header("content-type", "application/json");
            Body::from(v.to_string())
        }
        None => Body::empty(),
    };
    s.send(req.body(body).unwrap()).await
}

async fn dev_event(s: &Server, number: &str, event: Value) -> Resp {
    s.post_json(&format!("/api/v1/dev/dossiers/{number}/events"), &event).await
}

async fn outbox(s: &Server) -> Vec<Value> {
    s.get("/api/v1/dev/outbox").await.json().as_array().unwrap().clone()
}

#[tokio::test]
async fn only_an_activated_account_logs_in_and_every_failure_looks_the_same() {
    let s = Server::with(|c| c.public_url = "https://passregion.test".into());
    let created = s.send(valid_create(&application(), "space-1")).await;
    let number = created.json()["dossier_number"].as_str().unwrap().to_string();
    // Right password, account not activated yet: told so (and how to fix it), since the password proves who asks.
    let not_yet = login(&s, &number, PASSWORD).await;
    assert_eq!(not_yet.status, StatusCode::FORBIDDEN);
    assert_eq!(not_yet.problem_code(), "account_not_activated");

    let wrong = login(&s, &number, "Autre-2026-bleu").await;
    let spaced = passregion_core::dossier::format(&number);
    let unknown_number =
        passregion_core::dossier::with_check_digit(if number.starts_with('1') { "222222222" } else { "111111111" })
            .unwrap();
    let unknown = login(&s, &unknown_number, PASSWORD).await;
    let mistyped = login(&s, "1234567890", PASSWORD).await;
    for r in [&wrong, &unknown, &mistyped] {
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.problem_code(), "login_failed");
        assert!(r.header("set-cookie").is_empty());
    }
    assert_eq!(wrong.body, unknown.body, "an unknown number and a wrong password get the same answer");

    let link = outbox(&s).await[0]["link"].as_str().unwrap().to_string();
    s.post_json("/api/v1/activations", &json!({ "token": link.split("token=").nth(1).unwrap() })).await;
    // Typed with spaces, as the confirmation page shows it.
    let ok = login(&s, &spaced, PASSWORD).await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&ok.body));
    let set = ok.header("set-cookie").to_string();
    for part in ["__Host-passregion_session=", "HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(set.contains(part), "{part} in {set}");
    }
    assert!(!set.contains("Domain"), "__Host- cookies carry no Domain");
    let id = cookie(&ok).split('=').nth(1).unwrap().to_string();
    assert_eq!(id.len(), 64);
    // Only the hash of the session id is stored.
    let conn = rusqlite::Connection::open(s.dir.path().join("data/passregion.sqlite3")).unwrap();
    let stored: String = conn.query_row("SELECT id_hash FROM sessions", [], |r| r.get(0)).unwrap();
    assert_ne!(stored, id);
    assert_eq!(ok.json()["idle_timeout_seconds"], 1200);
    assert_eq!(ok.json()["warn_before_seconds"], 120);
}

#[tokio::test]
async fn on_plain_http_away_from_loopback_the_cookie_cannot_be_secure_and_says_so_by_its_name() {
    let s = Server::with(|c| c.public_url = "http://192.0.2.10:8080".into());
    let number = activated_dossier(&s, "space-plain").await;
    let set = login(&s, &number, PASSWORD).await.header("set-cookie").to_string();
    assert!(set.starts_with("passregion_session=") && !set.contains("Secure"), "{set}");
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_dossier_for_fifteen_minutes() {
    let s = Server::start();
    let number = activated_dossier(&s, "space-lock").await;
    for _ in 0..4 {
        assert_eq!(login(&s, &number, "Mauvais-2026").await.status, StatusCode::UNAUTHORIZED);
    }
    let fifth = login(&s, &number, "Mauvais-2026").await;
    assert_eq!(fifth.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(fifth.json()["retry_after"], 900);
    assert_eq!(fifth.header("retry-after"), "900");
    // Locked: even the right password waits.
    let locked = login(&s, &number, PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    s.clock.advance(15 * 60);
    assert_eq!(login(&s, &number, PASSWORD).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn the_dossier_follows_the_back_office_with_expected_dates() {
    let s = Server::start();
    let number = activated_dossier(&s, "space-timeline").await;
    let session = cookie(&login(&s, &number, PASSWORD).await);
    let d = with_cookie(&s, "GET", "/api/v1/dossier", &session, None).await;
    assert_eq!(d.status, StatusCode::OK, "{}", String::from_utf8_lossy(&d.body));
    assert_eq!(d.header("cache-control"), "no-store");
    let d = d.json();
    assert_eq!(d["dossier_number"], number.as_str());
    assert_eq!(d["establishment"]["uai"], "0630020E");
    assert_eq!(d["progress"]["status"], "awaiting_school");
    assert_eq!(d["progress"]["timeline"][1]["state"], "current");

    let moved = dev_event(&s, &number, json!({ "kind": "school_validated", "on": "2026-10-01" })).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", String::from_utf8_lossy(&moved.body));
    let d = with_cookie(&s, "GET", "/api/v1/dossier", &session, None).await.json();
    assert_eq!(d["progress"]["status"], "in_manufacture");
    assert_eq!(d["progress"]["timeline"][1]["done_on"], "2026-10-01");
    assert_eq!(d["progress"]["timeline"][2]["expected_from"], "2026-10-11");
    assert_eq!(d["progress"]["timeline"][2]["expected_to"], "2026-10-16");

    dev_event(&s, &number, json!({ "kind": "card_sent", "to_establishment": false })).await;
    let d = with_cookie(&s, "GET", "/api/v1/dossier", &session, None).await.json();
    assert_eq!(d["progress"]["status"], "sent");
    assert_eq!(d["progress"]["sent_to_establishment"], false);
}

#[tokio::test]
async fn a_refused_photo_is_replaced_from_the_space_through_the_same_checks() {
    let s = Server::start();
    let number = activated_dossier(&s, "space-photo").await;
    let session = cookie(&login(&s, &number, PASSWORD).await);
    let put_photo = |data: Vec<u8>| {
        let body = multipart_body(&[photo_part(data, "photo.jpg")]);
        Request::put("/api/v1/dossier/photo")
            .header("cookie", session.clone())
            .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
            .body(Body::from(body))
            .unwrap()
    };
    let early = s.send(put_photo(jpeg())).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert_eq!(early.problem_code(), "photo_not_requested");

    let refused =
        dev_event(&s, &number, json!({ "kind": "photo_refused", "reason": "Le visage est caché par une mèche." }))
            .await;
    assert_eq!(refused.json()["status"], "photo_refused");
    let d = with_cookie(&s, "GET", "/api/v1/dossier", &session, None).await.json();
    assert_eq!(d["progress"]["photo_refusal_reason"], "Le visage est caché par une mèche.");
    assert!(d["progress"]["tasks"].as_array().unwrap().contains(&json!("send_new_photo")));

    let bad = s.send(put_photo(pdf())).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = s.send(put_photo(jpeg())).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", String::from_utf8_lossy(&ok.body));
    assert_eq!(ok.json()["progress"]["status"], "awaiting_school");
    assert!(!ok.json()["progress"]["tasks"].as_array().unwrap().contains(&json!("send_new_photo")));
}

#[tokio::test]
async fn sessions_end_when_idle_at_the_absolute_limit_and_at_logout() {
    let s = Server::start();
    let number = activated_dossier(&s, "space-session").await;
    let session = cookie(&login(&s, &number, PASSWORD).await);
    s.clock.advance(19 * 60);
    // Looking does not extend; "Rester connecté" does.
    assert_eq!(with_cookie(&s, "GET", "/api/v1/sessions/current", &session, None).await.status, StatusCode::OK);
    let refreshed = with_cookie(&s, "POST", "/api/v1/sessions/current/refresh", &session, None).await;
    assert_eq!(refreshed.status, StatusCode::OK);
    s.clock.advance(19 * 60);
    assert_eq!(with_cookie(&s, "GET", "/api/v1/dossier", &session, None).await.status, StatusCode::OK);
    s.clock.advance(20 * 60);
    let gone = with_cookie(&s, "GET", "/api/v1/dossier", &session, None).await;
    assert_eq!(gone.status, StatusCode::UNAUTHORIZED);
    assert_eq!(gone.problem_code(), "session_required");

    // The absolute limit holds however active the person is.
    let session = cookie(&login(&s, &number, PASSWORD).await);
    for _ in 0..(12 * 3) {
        s.clock.advance(19 * 60);
        with_cookie(&s, "POST", "/api/v1/sessions/current/refresh", &session, None).await;
    }
    s.clock.advance(60 * 60);
    assert_eq!(with_cookie(&s, "GET", "/api/v1/dossier", &session, None).await.status, StatusCode::UNAUTHORIZED);

    let session = cookie(&login(&s, &number, PASSWORD).await);
    let out = with_cookie(&s, "DELETE", "/api/v1/sessions/current", &session, None).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.header("set-cookie").contains("Max-Age=0"));
    assert!(out.header("clear-site-data").contains("storage"), "a shared computer keeps nothing");
    assert_eq!(with_cookie(&s, "GET", "/api/v1/dossier", &session, None).await.status, StatusCode::UNAUTHORIZED);
}

/// What is left of a session, as a client reads it from an answer: the idle expiry against the server's clock.
fn seconds_left(info: &Value) -> i64 {
    let read = |k: &str| {
        passregion_core::date::parse_rfc3339(info[k].as_str().unwrap()).unwrap_or_else(|| panic!("{k}: {info}"))
    };
    read("idle_expires_at") - read("server_time")
}

#[tokio::test]
async fn the_session_s_real_expiry_is_in_every_get_answer_another_tab_moves_it_and_the_absolute_limit_caps_it() {
    let s = Server::start();
    let number = activated_dossier(&s, "space-expiry").await;
    let session = cookie(&login(&s, &number, PASSWORD).await);
    s.clock.advance(5 * 60);
    // A reload asks without moving the clock: 15 minutes left, not a fresh 20.
    let current = with_cookie(&s, "GET", "/api/v1/sessions/current", &session, None).await.json();
    assert_eq!(seconds_left(&current), 15 * 60);
    let read = |v: &Value, k: &str| passregion_core::date::parse_rfc3339(v[k].as_str().unwrap()).unwrap();
    assert_eq!(read(&current, "absolute_expires_at") - read(&current, "server_time"), 12 * 3600 - 5 * 60);
    // Another tab's request (the dossier) moves it, and says so; this tab sees it by asking again.
    let other_tab = with_cookie(&s, "GET", "/api/v1/dossier", &session, None).await.json();
    assert_eq!(seconds_left(&other_tab["session"]), 20 * 60);
    s.clock.advance(60);
    let current = with_cookie(&s, "GET", "/api/v1/sessions/current", &session, None).await.json();
    assert_eq!(seconds_left(&current), 19 * 60);
    let info: passregion_core::space::SessionInfo = serde_json::from_value(current).unwrap();
    assert_eq!(info.seconds_left(), Some(19 * 60), "core reads it as the test does");
    // Near the absolute limit the idle expiry is capped by it.
    with_cookie(&s, "POST", "/api/v1/sessions/current/refresh", &session, None).await;
    for _ in 0..37 {
        s.clock.advance(19 * 60);
        with_cookie(&s, "POST", "/api/v1/sessions/current/refresh", &session, None).await;
    }
    let late = with_cookie(&s, "GET", "/api/v1/sessions/current", &session, None).await;
    assert_eq!(late.status, StatusCode::OK, "{}", String::from_utf8_lossy(&late.body));
    let late = late.json();
    assert_eq!(late["idle_expires_at"], late["absolute_expires_at"]);
    assert!(seconds_left(&late) < 20 * 60, "{late}");
}

#[tokio::test]
async fn a_lost_password_is_reset_by_a_one_hour_single_use_link_that_ends_every_session() {
    let s = Server::start();
    let number = activated_dossier(&s, "space-reset").await;
    let old_session = cookie(&login(&s, &number, PASSWORD).await);
    let by_number = s.post_json("/api/v1/password-resets", &json!({ "dossier_number": number })).await;
    let by_unknown = s.post_json("/api/v1/password-resets", &json!({ "email": "nobody@gmail.com" })).await;
    assert_eq!(by_number.status, StatusCode::ACCEPTED);
    assert_eq!(by_number.body, by_unknown.body, "the same answer whether or not it matched");
    let first = outbox(&s).await[0]["link"].as_str().unwrap().to_string();
    assert!(first.contains("/espace/mot-de-passe?token="), "{first}");
    // A newer link (asked by email) replaces the first.
    s.post_json("/api/v1/password-resets", &json!({ "email": "Elise.Martin@gmail.com" })).await;
    let mails = outbox(&s).await;
    let second = mails[0]["link"].as_str().unwrap().to_string();
    assert_ne!(first, second);
    let token = |l: &str| l.split("token=").nth(1).unwrap().to_string();
    let replaced = s
        .post_json(
            "/api/v1/password-resets/confirm",
            &json!({ "token": token(&first), "password": "Nouveau-2026-vert" }),
        )
        .await;
    assert_eq!(replaced.problem_code(), "reset_used");
    let weak =
        s.post_json("/api/v1/password-resets/confirm", &json!({ "token": token(&second), "password": "court" })).await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = s
        .post_json(
            "/api/v1/password-resets/confirm",
            &json!({ "token": token(&second), "password": "Nouveau-2026-vert" }),
        )
        .await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", String::from_utf8_lossy(&ok.body));
    assert_eq!(outbox(&s).await[0]["subject"], "Ton mot de passe Pass'Région a été changé");
    assert_eq!(with_cookie(&s, "GET", "/api/v1/dossier", &old_session, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(login(&s, &number, PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(login(&s, &number, "Nouveau-2026-vert").await.status, StatusCode::CREATED);
    let again = s
        .post_json(
            "/api/v1/password-resets/confirm",
            &json!({ "token": token(&second), "password": "Encore-2026-jaune" }),
        )
        .await;
    assert_eq!(again.problem_code(), "reset_used");

    s.post_json("/api/v1/password-resets", &json!({ "dossier_number": number })).await;
    let late = token(outbox(&s).await[0]["link"].as_str().unwrap());
    s.clock.advance(3600);
    let expired = s
        .post_json("/api/v1/password-resets/confirm", &json!({ "token": late, "password": "Encore-2026-jaune" }))
        .await;
    assert_eq!(expired.status, StatusCode::GONE);
    assert_eq!(expired.problem_code(), "reset_expired");
    let unknown = s
        .post_json(
            "/api/v1/password-resets/confirm",
            &json!({ "token": "0".repeat(64), "password": "Encore-2026-jaune" }),
        )
        .await;
    assert_eq!(unknown.problem_code(), "reset_unknown");
}

#[tokio::test]
async fn a_lost_dossier_number_is_emailed_to_the_address_it_was_applied_with() {
    let s = Server::start();
    let number = activated_dossier(&s, "space-remind").await;
    let before = outbox(&s).await.len();
    let known = s.post_json("/api/v1/dossier-reminders", &json!({ "email": "elise.martin@gmail.com" })).await;
    let unknown = s.post_json("/api/v1/dossier-reminders", &json!({ "email": "nobody@gmail.com" })).await;
    assert_eq!(known.status, StatusCode::ACCEPTED);
    assert_eq!(known.body, unknown.body);
    let mails = outbox(&s).await;
    assert_eq!(mails.len(), before + 1, "nothing goes to an unknown address");
    assert!(mails[0]["body"].as_str().unwrap().contains(&passregion_core::dossier::format(&number)));
    assert_eq!(
        s.post_json("/api/v1/dossier-reminders", &json!({ "email": " " })).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn requests_from_another_site_cannot_change_anything() {
    let s = Server::start();
    let req = Request::post("/api/v1/sessions")
        .header("content-type", "application/json")
        .header("sec-fetch-site", "cross-site")
        .header("origin", "https://evil.example")
        .body(Body::from(json!({ "dossier_number": "1234567890", "password": "x" }).to_string()))
        .unwrap();
    let r = s.send(req).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.problem_code(), "forbidden_origin");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_account_logs_in_with_its_card_on_the_way() {
    let s = Server::start();
    let state = &s.state;
    let number = passregion_api_server::demo::ensure(&state.store, state.clock.now(), "http://app.test").unwrap();
    let again = passregion_api_server::demo::ensure(&state.store, state.clock.now(), "http://app.test").unwrap();
    assert_eq!(number, again, "one demo account per database");
    let session = cookie(&login(&s, &number, passregion_api_server::demo::PASSWORD).await);
    let d = with_cookie(&s, "GET", "/api/v1/dossier", &session, None).await.json();
    assert_eq!(d["progress"]["status"], "sent");
    assert_eq!(d["first_name"], "Camille");
    // Its life reads in order: applied first, then validated, made and sent, each day before today.
    let done: Vec<&str> =
        d["progress"]["timeline"].as_array().unwrap().iter().filter_map(|step| step["done_on"].as_str()).collect();
    assert_eq!(done.len(), 3, "registered, validated, made and sent: {done:?}");
    assert!(done.windows(2).all(|w| w[0] < w[1]), "dates in order: {done:?}");
    let today = passregion_core::date::paris_date(state.clock.now()).to_iso();
    assert!(done.iter().all(|d| *d < today.as_str()), "all in the past of {today}: {done:?}");
}
