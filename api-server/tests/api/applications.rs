//! Creating an application, activating it, idempotency, validation errors.

use crate::fixtures::*;
use crate::harness::Server;
use axum::http::StatusCode;
use passregion_api_server::clock::rfc3339;
use serde_json::{Value, json};

fn token_of(link: &str) -> String {
    link.split("token=").nth(1).expect("a token in the link").to_string()
}

async fn outbox(s: &Server) -> Vec<Value> {
    let r = s.get("/api/v1/dev/outbox").await;
    assert_eq!(r.status, StatusCode::OK);
    r.json().as_array().unwrap().clone()
}

#[tokio::test]
async fn create_activate_and_the_link_works_once() {
    let s = Server::start();
    let before = s.clock.now();
    let r = s.send(valid_create(&application(), "key-happy-1")).await;
    let after = s.clock.now();
    assert_eq!(r.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.header("cache-control"), "no-store", "the dossier number is personal data");
    let created = r.json();
    let dossier = created["dossier_number"].as_str().unwrap().to_string();
    assert!(passregion_core::dossier::is_valid(&dossier), "check digit of {dossier}");
    assert_eq!(created["masked_email"], "el****@gmail.com");
    // Timestamps are UTC instants; the link lasts exactly 24 hours.
    let created_at = (before..=after).find(|t| created["created_at"] == rfc3339(*t)).expect("created now");
    assert_eq!(created["activation_expires_at"], rfc3339(created_at + 24 * 3600));
    assert_eq!(s.counts(), [1, 1, 1, 1, 1]);

    // The password is stored hashed, never in clear.
    let conn = rusqlite::Connection::open(s.dir.path().join("data/passregion.sqlite3")).unwrap();
    let (hash, json): (String, String) = conn
        .query_row("SELECT password_hash, request_json FROM applications", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert!(hash.starts_with("$argon2id$"));
    assert!(!json.contains("Velo-2026-rouge") && !hash.contains("Velo-2026-rouge"));

    let mails = outbox(&s).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0]["to"], "elise.martin@gmail.com");
    let link = mails[0]["link"].as_str().unwrap();
    assert!(link.starts_with("http://app.test/activation?token="), "{link}");
    assert!(mails[0]["body"].as_str().unwrap().contains(link));
    let token = token_of(link);

    let ok = s.post_json("/api/v1/activations", &json!({ "token": token })).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.json()["dossier_number"], dossier.as_str());
    assert_eq!(ok.header("cache-control"), "no-store", "the dossier number is personal data");

    let again = s.post_json("/api/v1/activations", &json!({ "token": token })).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.problem_code(), "activation_already_used");

    let unknown = s.post_json("/api/v1/activations", &json!({ "token": "0".repeat(64) })).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.problem_code(), "activation_unknown");
    let junk = s.post_json("/api/v1/activations", &json!({ "token": "not-a-token" })).await;
    assert_eq!(junk.problem_code(), "activation_unknown");

    // The HTML outbox page shows the link too.
    let page = s.get("/dev/outbox").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&page.body).contains(link));
}

#[tokio::test]
async fn expired_link_is_gone_and_a_new_one_can_be_asked_for() {
    let s = Server::start();
    assert_eq!(s.send(valid_create(&application(), "key-expiry")).await.status, StatusCode::CREATED);
    let token = token_of(outbox(&s).await[0]["link"].as_str().unwrap());

    s.clock.advance(24 * 3600 + 1);
    let r = s.post_json("/api/v1/activations", &json!({ "token": token })).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert_eq!(r.problem_code(), "activation_expired");

    // Resend: identical answers for a known address, an unknown one, and the expired token.
    let by_token = s.post_json("/api/v1/activations/resend", &json!({ "token": token })).await;
    let known = s.post_json("/api/v1/activations/resend", &json!({ "email": "elise.martin@gmail.com" })).await;
    let unknown = s.post_json("/api/v1/activations/resend", &json!({ "email": "nobody@gmail.com" })).await;
    for r in [&known, &unknown, &by_token] {
        assert_eq!(r.status, StatusCode::ACCEPTED);
    }
    assert_eq!(known.body, unknown.body);
    assert_eq!(known.body, by_token.body);
    let en = s
        .send(
            axum::http::Request::post("/api/v1/activations/resend")
                .header("content-type", "application/json")
                .header("accept-language", "en")
                .body(axum::body::Body::from(r#"{"email":"x@gmail.com"}"#))
                .unwrap(),
        )
        .await;
    assert!(en.json()["message"].as_str().unwrap().starts_with("If an account"));

    // Two new mails went out (by token, then by address); each new link retires the previous ones.
    let mails = outbox(&s).await;
    assert_eq!(mails.len(), 3, "unknown address sends nothing");
    let newest = token_of(mails[0]["link"].as_str().unwrap());
    let older = token_of(mails[1]["link"].as_str().unwrap());
    // A replaced link says so (it is not the person's mistake), and can still ask for a fresh one.
    let replaced = s.post_json("/api/v1/activations", &json!({ "token": older })).await;
    assert_eq!((replaced.status, replaced.problem_code().as_str()), (StatusCode::GONE, "activation_replaced"));
    assert_eq!(
        s.post_json("/api/v1/activations", &json!({ "token": token })).await.problem_code(),
        "activation_replaced"
    );
    let ok = s.post_json("/api/v1/activations", &json!({ "token": newest })).await;
    assert_eq!(ok.status, StatusCode::OK);
    // Once active, every link of the account says so and gives the login.
    for t in [&older, &newest] {
        let used = s.post_json("/api/v1/activations", &json!({ "token": t })).await;
        assert_eq!(used.problem_code(), "activation_already_used");
        assert_eq!(used.json()["dossier_number"], ok.json()["dossier_number"]);
    }
    // Once activated, asking again sends nothing (and answers the same).
    let after = s.post_json("/api/v1/activations/resend", &json!({ "email": "elise.martin@gmail.com" })).await;
    assert_eq!(after.body, unknown.body);
    assert_eq!(outbox(&s).await.len(), 3);
}

#[tokio::test]
async fn same_key_twice_gives_one_dossier() {
    let s = Server::start();
    let first = s.send(valid_create(&application(), "key-idem")).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let second = s.send(valid_create(&application(), "key-idem")).await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(second.header("idempotent-replayed"), "true");
    assert_eq!(first.json(), second.json());
    assert_eq!(s.counts(), [1, 1, 1, 1, 1]);
    // The same request laid out differently (spacing) is still the same request.
    let pretty = Part {
        name: "application",
        filename: Some("application.json"),
        content_type: "application/json",
        data: serde_json::to_string_pretty(&application()).unwrap().into_bytes(),
    };
    let third = s.send(create_request(&[pretty, photo_part(jpeg(), "photo.jpg")], Some("key-idem"), None)).await;
    assert_eq!(third.status, StatusCode::OK);
    assert_eq!(third.json(), first.json());

    let mut other = application();
    other["identity"]["first_name"] = json!("Louise");
    let reused = s.send(valid_create(&other, "key-idem")).await;
    assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reused.problem_code(), "idempotency_key_reused");
    assert_eq!(s.counts(), [1, 1, 1, 1, 1]);

    // Another key is another application.
    assert_eq!(s.send(valid_create(&other, "key-idem-2")).await.status, StatusCode::CREATED);
    assert_eq!(s.count("applications"), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_with_one_key_make_one_dossier() {
    let s = Server::start();
    let (a, b) = tokio::join!(
        s.send(valid_create(&application(), "key-race")),
        s.send(valid_create(&application(), "key-race"))
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 201]);
    assert_eq!(a.json()["dossier_number"], b.json()["dossier_number"]);
    assert_eq!(s.counts(), [1, 1, 1, 1, 1]);
}

#[tokio::test]
async fn validation_errors_carry_field_paths_in_the_asked_language() {
    let s = Server::start();
    let mut app = application();
    app["identity"]["birth_date"] = json!("2008-02-30");
    app["contact"]["mobile_phone"] = json!("12");
    let fr = s.send(create_request(&[json_part(&app), photo_part(jpeg(), "p.jpg")], Some("k-val-fr"), None)).await;
    assert_eq!(fr.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fr.problem_code(), "validation_failed");
    let p = fr.json();
    let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&passregion_core::api::field::BIRTH_DATE), "{fields:?}");
    assert!(fields.contains(&passregion_core::api::field::MOBILE_PHONE), "{fields:?}");
    let birth = p["errors"].as_array().unwrap().iter().find(|e| e["field"] == "identity.birth_date").unwrap().clone();
    let fr_message = birth["message"].as_str().unwrap().to_string();
    assert_eq!(fr.header("content-language"), "fr");

    let en = s
        .send(create_request(&[json_part(&app), photo_part(jpeg(), "p.jpg")], Some("k-val-en"), Some("en-GB,en;q=0.9")))
        .await;
    assert_eq!(en.status, StatusCode::UNPROCESSABLE_ENTITY);
    let p_en = en.json();
    let birth_en =
        p_en["errors"].as_array().unwrap().iter().find(|e| e["field"] == "identity.birth_date").unwrap().clone();
    assert_eq!(birth_en["code"], birth["code"]);
    assert_ne!(birth_en["message"].as_str().unwrap(), fr_message, "English message differs from French");
    assert_eq!(
        birth_en["message"].as_str().unwrap(),
        passregion_core::messages::error_message(
            "en",
            passregion_core::ErrorCode::from_code(birth["code"].as_str().unwrap()).unwrap()
        )
        .unwrap()
    );
    assert_ne!(p_en["title"], p["title"]);
    assert_eq!(s.counts(), [0, 0, 0, 0, 0]);
}

#[tokio::test]
async fn establishment_and_stream_are_checked_against_the_database() {
    let s = Server::start();
    // A CAP of other establishments, not offered at Sidoine Apollinaire.
    let mut app = application();
    app["schooling"]["stream_code"] = json!("50025524");
    let r = s.send(valid_create(&app, "k-stream")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = r.json()["errors"].clone();
    assert_eq!(errors[0]["field"], "schooling.stream_code", "{errors}");
    assert_eq!(errors[0]["code"], "stream_unknown");

    // A well-formed UAI (right check letter) that is not in the data.
    let mut app = application();
    app["schooling"]["uai"] = json!("0630999U");
    assert!(passregion_api_server::uai::is_valid("0630999U"));
    let r = s.send(valid_create(&app, "k-uai")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = r.json()["errors"].clone();
    assert_eq!(errors[0]["field"], "schooling.uai", "{errors}");
    assert_eq!(s.counts(), [0, 0, 0, 0, 0]);

    // A lower-case UAI with spaces is normalised and accepted.
    let mut app = application();
    app["schooling"]["uai"] = json!(" 0630020e ");
    assert_eq!(s.send(valid_create(&app, "k-uai-lower")).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn closed_campaign_refuses_applications() {
    let s = Server::with(|c| c.today = Some("2027-06-15".into()));
    let r = s.send(valid_create(&application(), "k-closed")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.problem_code(), "campaign_closed");
    assert_eq!(r.json()["errors"][0]["field"], "campaign_id");
    assert_eq!(s.counts(), [0, 0, 0, 0, 0]);
}

/// The refused character reaches the message in both languages, while the wire code stays the bare code.
#[tokio::test]
async fn a_refused_character_is_named_in_the_message() {
    let s = Server::start();
    let mut app = application();
    app["contact"]["address"]["street"] = json!("12 rue Blatin 😀");
    app["identity"]["first_name"] = json!("Léa\u{200B}");
    for (lang, key, street_msg, name_msg) in [
        (None, "k-char-fr", "Le caractère « 😀 » n'est pas accepté dans une adresse.", "(U+200B)"),
        (Some("en"), "k-char-en", "The character “😀” is not accepted in an address.", "(U+200B)"),
    ] {
        let res = s.send(create_request(&[json_part(&app), photo_part(jpeg(), "p.jpg")], Some(key), lang)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        let p = res.json();
        let error = |field: &str| p["errors"].as_array().unwrap().iter().find(|e| e["field"] == field).unwrap().clone();
        let street = error(passregion_core::api::field::STREET);
        assert_eq!(street["code"], "address_character_not_accepted");
        assert_eq!(street["message"], street_msg);
        let name = error(passregion_core::api::field::FIRST_NAME);
        assert_eq!(name["code"], "invisible_character");
        assert!(name["message"].as_str().unwrap().contains(name_msg), "{name}");
    }
    assert_eq!(s.counts(), [0, 0, 0, 0, 0]);
}
