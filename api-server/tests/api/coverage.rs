//! Every operation documented in openapi.yaml is exercised by a test whose answer was validated against it. This test walks the whole journey itself so it does not depend on the
//! order in which the other tests run.

use crate::contract::contract;
use crate::fixtures::*;
use crate::harness::Server;
use serde_json::json;

#[tokio::test]
async fn every_documented_operation_is_exercised() {
    let s = Server::start();
    s.get("/api/v1/campaign").await;
    s.get("/api/v1/charter?lang=en").await;
    s.get("/api/v1/establishments?q=lyc%C3%A9e").await;
    s.get("/api/v1/establishments/0630020E").await;
    s.get("/api/v1/establishments/0630020E/streams").await;
    s.get("/api/v1/streams?q=bts").await;
    s.get("/api/v1/postal-codes/63000/communes").await;
    s.send(valid_create(&application(), "coverage")).await;
    let outbox = s.get("/api/v1/dev/outbox").await.json();
    let token = outbox[0]["link"].as_str().unwrap().split("token=").nth(1).unwrap().to_string();
    s.post_json("/api/v1/activations", &json!({ "token": token })).await;
    s.post_json("/api/v1/activations/resend", &json!({ "email": "nobody@gmail.com" })).await;

    // The beneficiary space.
    let number = outbox[0]["body"].as_str().unwrap().split("dossier est ").nth(1).unwrap()[..14].replace(' ', "");
    let login =
        s.post_json("/api/v1/sessions", &json!({ "dossier_number": number, "password": "Velo-2026-rouge" })).await;
    let cookie = login.header("set-cookie").split(';').next().unwrap().to_string();
    let authed = |method: &str, uri: &str| {
        axum::http::Request::builder()
            .method(method)
            .uri(uri)
            .header("cookie", &cookie)
            .body(axum::body::Body::empty())
            .unwrap()
    };
    s.send(authed("GET", "/api/v1/sessions/current")).await;
    s.send(authed("POST", "/api/v1/sessions/current/refresh")).await;
    s.send(authed("GET", "/api/v1/dossier")).await;
    s.send(authed("PUT", "/api/v1/dossier/photo")).await;
    s.send(authed("POST", "/api/v1/dossier/photo/handoffs")).await;
    s.post_json(&format!("/api/v1/dev/dossiers/{number}/events"), &json!({ "kind": "school_validated" })).await;
    s.post_json("/api/v1/password-resets", &json!({ "dossier_number": number })).await;
    s.post_json(
        "/api/v1/password-resets/confirm",
        &json!({ "token": "0".repeat(64), "password": "Nouveau-2026-vert" }),
    )
    .await;
    s.post_json("/api/v1/dossier-reminders", &json!({ "email": "nobody@gmail.com" })).await;
    let json_authed = |method: &str, uri: &str, body: serde_json::Value| {
        axum::http::Request::builder()
            .method(method)
            .uri(uri)
            .header("cookie", &cookie)
            .header("content-type", "application/json")
            .body(axum::body::Body::from(body.to_string()))
            .unwrap()
    };
    s.send(json_authed("PUT", "/api/v1/secret-code", json!({ "current_password": "Velo-2026-rouge", "code": "4829" })))
        .await;
    s.post_json("/api/v1/partner/checks", &json!({ "card_number": "0000000000000000", "code": "4829" })).await;
    s.send(json_authed(
        "POST",
        "/api/v1/card/declarations",
        json!({ "reason": "lost", "current_password": "Velo-2026-rouge", "send_to_establishment": true }),
    ))
    .await;
    s.send(authed("GET", "/api/v1/advantages")).await;
    s.post_json(
        &format!("/api/v1/dev/dossiers/{number}/uses"),
        &json!({ "kind": "museums", "partner": "Musée d'art Roger-Quilliot" }),
    )
    .await;
    let me = s.send(authed("GET", "/api/v1/me")).await.json();
    s.send(json_authed(
        "PUT",
        "/api/v1/me",
        json!({ "mobile_phone": me["mobile_phone"], "address": me["address"], "consents": me["consents"] }),
    ))
    .await;
    s.send(json_authed(
        "POST",
        "/api/v1/me/email",
        json!({ "new_email": "elise.m@free.fr", "current_password": "Velo-2026-rouge" }),
    ))
    .await;
    s.post_json("/api/v1/me/email/confirm", &json!({ "token": "0".repeat(64) })).await;
    s.send(json_authed(
        "POST",
        "/api/v1/me/password",
        json!({ "current_password": "Velo-2026-rouge", "new_password": "Nouveau-2026-vert" }),
    ))
    .await;
    s.send(authed("DELETE", "/api/v1/sessions/current")).await;

    // The guardian's consent (a 14-year-old's application).
    let mut minor = application();
    minor["identity"]["birth_date"] = json!("2012-05-10");
    minor["identity"]["email"] = json!("awa.diallo@gmail.com");
    minor["guardian"] = json!({ "civility": "monsieur", "last_name": "Diallo", "first_name": "Moussa", "email": "moussa.diallo@orange.fr", "phone": "+33473123456" });
    let minor_number =
        s.send(valid_create(&minor, "coverage-minor")).await.json()["dossier_number"].as_str().unwrap().to_string();
    let guardian_link = s.get("/api/v1/dev/outbox").await.json()[0]["link"].as_str().unwrap().to_string();
    let guardian_token = guardian_link.split('#').nth(1).unwrap();
    s.post_json("/api/v1/guardian-consents/lookup", &json!({ "token": guardian_token })).await;
    s.post_json("/api/v1/guardian-consents/resend", &json!({ "token": guardian_token })).await;
    s.post_json(&format!("/api/v1/dev/dossiers/{minor_number}/guardian-reminder"), &json!({})).await;
    s.post_json("/api/v1/guardian-consents/confirm", &json!({ "token": guardian_token })).await;

    // The phone handoff.
    let h = s.send(axum::http::Request::post("/api/v1/handoffs").body(axum::body::Body::empty()).unwrap()).await.json();
    let tab = |method: &str, uri: String| {
        axum::http::Request::builder()
            .method(method)
            .uri(uri)
            .header("handoff-secret", h["computer_secret"].as_str().unwrap())
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let id = h["id"].as_str().unwrap();
    s.send(tab("GET", format!("/api/v1/handoffs/{id}"))).await;
    let token = h["link"].as_str().unwrap().split('#').nth(1).unwrap();
    let phone = s.post_json("/api/v1/handoffs/claim", &json!({ "token": token })).await.json();
    let body = multipart_body(&[photo_part(jpeg(), "photo.jpg")]);
    s.send(
        axum::http::Request::put("/api/v1/handoffs/photo")
            .header("handoff-secret", phone["phone_secret"].as_str().unwrap())
            .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
            .body(axum::body::Body::from(body))
            .unwrap(),
    )
    .await;
    s.send(tab("GET", format!("/api/v1/handoffs/{id}/photo"))).await;
    s.send(tab("DELETE", format!("/api/v1/handoffs/{id}"))).await;

    let c = contract();
    let documented = c.documented_operations();
    let seen = c.seen.lock().unwrap().clone();
    let missing: Vec<_> = documented.difference(&seen).collect();
    assert!(missing.is_empty(), "documented but never exercised: {missing:?}");
    // Every tag is declared with a description (the ones still reserved say they come later).
    let tags = c.doc()["tags"].as_array().unwrap();
    for name in ["beneficiary-login", "dossier-status", "secret-code", "duplicate-card", "dev"] {
        let tag = tags.iter().find(|t| t["name"] == name).unwrap_or_else(|| panic!("tag {name}"));
        assert!(!tag["description"].as_str().unwrap().is_empty());
    }
}
