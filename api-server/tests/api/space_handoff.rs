//! The space's new photo: the phone handoff started from the space is bound to the session that started it (not
//! only to the tab's secret), ends at logout with its photo, and the new photo is taken after a refusal or for a
//! duplicate card not yet validated.

use crate::fixtures::*;
use crate::harness::{Resp, Server};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};

const PASSWORD: &str = "Velo-2026-rouge";

/// Applies, activates, logs in: the session cookie ("name=value") and the dossier number.
async fn logged_in(s: &Server, key: &str) -> (String, String) {
    let created = s.send(valid_create(&application(), key)).await;
    let number = created.json()["dossier_number"].as_str().unwrap().to_string();
    let outbox = s.get("/api/v1/dev/outbox").await.json();
    let link = outbox
        .as_array()
        .unwrap()
        .iter()
        .find_map(|m| m["link"].as_str().filter(|l| l.contains("token=")))
        .unwrap()
        .to_string();
    s.post_json("/api/v1/activations", &json!({ "token": link.split("token=").nth(1).unwrap() })).await;
    (login(s, &number).await, number)
}

async fn login(s: &Server, number: &str) -> String {
    let r = s.post_json("/api/v1/sessions", &json!({ "dossier_number": number, "password": PASSWORD })).await;
    assert_eq!(r.status, StatusCode::CREATED);
    r.header("set-cookie").split(';').next().unwrap().to_string()
}

/// A computer-side request: the tab's secret, and a session cookie when given.
async fn as_tab(s: &Server, method: &str, uri: &str, secret: &str, cookie: Option<&str>) -> Resp {
    let mut req = Request::builder().method(method).uri(uri).header("handoff-secret", secret);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    s.send(req.body(Body::empty()).unwrap()).await
}

async fn start(s: &Server, cookie: &str) -> Value {
    let r = s
        .send(Request::post("/api/v1/dossier/photo/handoffs").header("cookie", cookie).body(Body::empty()).unwrap())
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&r.body));
    r.json()
}

/// The phone opens the link and sends a photo.
async fn phone_sends(s: &Server, h: &Value) -> String {
    let token = h["link"].as_str().unwrap().split('#').nth(1).unwrap();
    let phone = s.post_json("/api/v1/handoffs/claim", &json!({ "token": token })).await.json();
    let phone_secret = phone["phone_secret"].as_str().unwrap().to_string();
    assert_eq!(s.send(send_to_handoff(&phone_secret)).await.status, StatusCode::NO_CONTENT);
    phone_secret
}

fn send_to_handoff(phone_secret: &str) -> Request<Body> {
    Request::put("/api/v1/handoffs/photo")
        .header("handoff-secret", phone_secret)
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(Body::from(multipart_body(&[photo_part(jpeg(), "photo.jpg")])))
        .unwrap()
}

fn put_photo(cookie: &str, data: Vec<u8>) -> Request<Body> {
    Request::put("/api/v1/dossier/photo")
        .header("cookie", cookie)
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(Body::from(multipart_body(&[photo_part(data, "photo.jpg")])))
        .unwrap()
}

fn ids(h: &Value) -> (String, String) {
    (h["id"].as_str().unwrap().to_string(), h["computer_secret"].as_str().unwrap().to_string())
}

#[tokio::test]
async fn a_space_handoff_answers_only_its_tab_within_its_session() {
    let s = Server::start();
    let no_session = s.send(Request::post("/api/v1/dossier/photo/handoffs").body(Body::empty()).unwrap()).await;
    assert_eq!((no_session.status, no_session.problem_code().as_str()), (StatusCode::UNAUTHORIZED, "session_required"));

    let (cookie, number) = logged_in(&s, "space-handoff-1").await;
    s.post_json(
        &format!("/api/v1/dev/dossiers/{number}/events"),
        &json!({ "kind": "photo_refused", "reason": "Floue" }),
    )
    .await;
    let h = start(&s, &cookie).await;
    let (id, secret) = ids(&h);
    assert!(h["link"].as_str().unwrap().contains("/telephone#"), "the phone's page is the application's");
    let status = as_tab(&s, "GET", &format!("/api/v1/handoffs/{id}"), &secret, Some(&cookie)).await;
    assert_eq!((status.status, status.json()["state"].as_str()), (StatusCode::OK, Some("waiting")));
    phone_sends(&s, &h).await;

    // The tab's secret alone, or with another session (the same person logged in elsewhere), is not enough.
    let other = login(&s, &number).await;
    for cookie in [None, Some(other.as_str())] {
        for uri in [format!("/api/v1/handoffs/{id}"), format!("/api/v1/handoffs/{id}/photo")] {
            let r = as_tab(&s, "GET", &uri, &secret, cookie).await;
            assert_eq!(
                (r.status, r.problem_code().as_str()),
                (StatusCode::NOT_FOUND, "handoff_unknown"),
                "{uri} {cookie:?}"
            );
        }
        assert_eq!(
            as_tab(&s, "DELETE", &format!("/api/v1/handoffs/{id}"), &secret, cookie).await.status,
            StatusCode::NOT_FOUND
        );
    }
    let ready = as_tab(&s, "GET", &format!("/api/v1/handoffs/{id}"), &secret, Some(&cookie)).await;
    assert_eq!(ready.json()["state"], "photo_ready");
    let photo = as_tab(&s, "GET", &format!("/api/v1/handoffs/{id}/photo"), &secret, Some(&cookie)).await;
    assert_eq!(photo.status, StatusCode::OK);
    assert!(photo.body.starts_with(&[0xFF, 0xD8]));

    // The photo then goes to the dossier like any other.
    let sent = s.send(put_photo(&cookie, photo.body.to_vec())).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", String::from_utf8_lossy(&sent.body));
    assert_eq!(sent.json()["progress"]["status"], "awaiting_school");
}

#[tokio::test]
async fn logging_out_or_timing_out_ends_the_spaces_handoff_and_its_photo() {
    let s = Server::start();
    let (cookie, _) = logged_in(&s, "space-handoff-2").await;
    let h = start(&s, &cookie).await;
    let (id, secret) = ids(&h);
    let phone_secret = phone_sends(&s, &h).await;
    let logout = s
        .send(Request::delete("/api/v1/sessions/current").header("cookie", &cookie).body(Body::empty()).unwrap())
        .await;
    assert_eq!(logout.status, StatusCode::NO_CONTENT);
    let conn = rusqlite::Connection::open(s.dir.path().join("data/passregion.sqlite3")).unwrap();
    let (kept, cancelled): (i64, i64) = conn
        .query_row("SELECT COUNT(photo), COUNT(cancelled_at) FROM handoffs WHERE id = ?1", [&id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((kept, cancelled), (0, 1), "logging out deletes the photo on its way and cancels the handoff");
    assert_eq!(
        as_tab(&s, "GET", &format!("/api/v1/handoffs/{id}/photo"), &secret, Some(&cookie)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(s.send(send_to_handoff(&phone_secret)).await.status, StatusCode::GONE);

    // A session that timed out: the handoff no longer answers, even with the right secret and the old cookie.
    let (cookie, _) = logged_in(&s, "space-handoff-3").await;
    let h = start(&s, &cookie).await;
    let (id, secret) = ids(&h);
    s.clock.advance(21 * 60);
    assert_eq!(
        as_tab(&s, "GET", &format!("/api/v1/handoffs/{id}"), &secret, Some(&cookie)).await.status,
        StatusCode::NOT_FOUND
    );

    // The application's handoffs (no session) are not affected by any of this.
    let app = s.send(Request::post("/api/v1/handoffs").body(Body::empty()).unwrap()).await.json();
    let (id, secret) = ids(&app);
    assert_eq!(as_tab(&s, "GET", &format!("/api/v1/handoffs/{id}"), &secret, None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_duplicate_card_takes_a_new_photo_until_it_is_validated() {
    let s = Server::start();
    let (cookie, number) = logged_in(&s, "space-handoff-4").await;
    for kind in ["school_validated", "card_manufactured", "card_sent", "card_handed_over"] {
        s.post_json(&format!("/api/v1/dev/dossiers/{number}/events"), &json!({ "kind": kind })).await;
    }
    let early = s.send(put_photo(&cookie, jpeg())).await;
    assert_eq!((early.status, early.problem_code().as_str()), (StatusCode::CONFLICT, "photo_not_requested"));
    let declared = s
        .send(
            Request::post("/api/v1/card/declarations")
                .header("cookie", &cookie)
                .header("content-type", "application/json")
                .body(Body::from(
                    json!({ "reason": "damaged", "current_password": PASSWORD, "send_to_establishment": true })
                        .to_string(),
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(declared.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&declared.body));
    let sent = s.send(put_photo(&cookie, jpeg())).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", String::from_utf8_lossy(&sent.body));
    let d = sent.json();
    assert_eq!(
        d["progress"]["status"], "card_blocked",
        "the status stays the blocked card's until the duplicate arrives"
    );
    assert_eq!(d["progress"]["duplicate"]["timeline"][0]["state"], "current");
    s.post_json(&format!("/api/v1/dev/dossiers/{number}/events"), &json!({ "kind": "duplicate_validated" })).await;
    let late = s.send(put_photo(&cookie, jpeg())).await;
    assert_eq!((late.status, late.problem_code().as_str()), (StatusCode::CONFLICT, "photo_not_requested"));
}
