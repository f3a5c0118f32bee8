//! The legal guardian's consent: the child cannot give their own address, the guardian is emailed a link, reads
//! only their own name before agreeing, agrees once; links expire after 7 days, one reminder after 3, a new link on
//! request; the dossier waits for the consent.

use crate::fixtures::*;
use crate::harness::Server;
use axum::http::StatusCode;
use serde_json::{Value, json};

const DAY: i64 = 86_400;

/// A 14-year-old's application (born 10 May 2012; ages are reckoned on 1 September 2026).
fn minor() -> Value {
    let mut a = application();
    a["identity"]["first_name"] = json!("Awa");
    a["identity"]["last_name"] = json!("Diallo");
    a["identity"]["birth_date"] = json!("2012-05-10");
    a["identity"]["email"] = json!("awa.diallo@gmail.com");
    a["guardian"] = json!({
        "civility": "monsieur", "last_name": "Diallo", "first_name": "Moussa",
        "email": "moussa.diallo@orange.fr", "phone": "+33473123456"
    });
    a
}

async fn outbox(s: &Server) -> Vec<Value> {
    s.get("/api/v1/dev/outbox").await.json().as_array().unwrap().clone()
}

/// The token of the newest email to `to`.
async fn token_for(s: &Server, to: &str) -> String {
    let mail = outbox(s).await.into_iter().find(|m| m["to"] == to).unwrap_or_else(|| panic!("no email to {to}"));
    let link = mail["link"].as_str().unwrap();
    assert!(link.starts_with("http://app.test/accord-parental#"), "{link}");
    link.split('#').nth(1).unwrap().to_string()
}

async fn apply(s: &Server, key: &str) -> Value {
    let r = s.send(valid_create(&minor(), key)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&r.body));
    r.json()
}

#[tokio::test]
async fn the_guardian_address_cannot_be_the_childs_own() {
    let s = Server::start();
    for same in ["awa.diallo@gmail.com", "Awa.Diallo@GMAIL.com", "awadiallo+papa@gmail.com"] {
        let mut a = minor();
        a["guardian"]["email"] = json!(same);
        let r = s.send(create_request(&[json_part(&a), photo_part(jpeg(), "p.jpg")], Some(same), Some("fr"))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{same}");
        assert_eq!(r.problem_code(), "validation_failed");
        let errors = r.json()["errors"].clone();
        assert_eq!(errors.as_array().unwrap().len(), 1, "{errors}");
        assert_eq!(errors[0]["field"], "guardian.email");
        assert_eq!(errors[0]["code"], "guardian_email_same_as_applicant");
        assert!(errors[0]["message"].as_str().unwrap().contains("pas la tienne"), "{errors}");
    }
    assert_eq!(s.counts(), [0, 0, 0, 0, 0], "nothing stored, nothing sent");
    // The old checkbox is gone from the contract: a client still sending it has a bug to see.
    let mut a = minor();
    a["guardian"]["consent"] = json!(true);
    let r = s.send(create_request(&[json_part(&a), photo_part(jpeg(), "p.jpg")], Some("old"), None)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_guardian_confirms_once_from_the_emailed_link_and_the_dossier_moves_on() {
    let s = Server::start();
    let created = apply(&s, "g-1").await;
    let number = created["dossier_number"].as_str().unwrap().to_string();
    assert_eq!(created["guardian_consent"]["masked_email"], "mo****@orange.fr");
    let expires = passregion_api_server::clock::rfc3339(s.clock.now() + 7 * DAY);
    assert_eq!(created["guardian_consent"]["expires_at"].as_str().unwrap()[..13], expires[..13], "7 days");
    let mails = outbox(&s).await;
    assert_eq!(mails.len(), 2, "the child's activation and the guardian's consent");
    let to_guardian = &mails[0];
    assert_eq!(to_guardian["to"], "moussa.diallo@orange.fr");
    let body = to_guardian["body"].as_str().unwrap();
    assert!(
        body.contains("Bonjour Monsieur Diallo") && body.contains("7 jours") && body.contains("0810 559 559"),
        "{body}"
    );
    assert!(
        !body.contains("Awa") && !body.contains(&number[..4]),
        "nothing of the child in an email the child addressed: {body}"
    );

    // The child activates and logs in: the dossier waits for the guardian.
    let activation = mails[1]["link"].as_str().unwrap().split("token=").nth(1).unwrap().to_string();
    assert_eq!(s.post_json("/api/v1/activations", &json!({ "token": activation })).await.status, StatusCode::OK);
    let login =
        s.post_json("/api/v1/sessions", &json!({ "dossier_number": number, "password": "Velo-2026-rouge" })).await;
    let cookie = login.header("set-cookie").split(';').next().unwrap().to_string();
    let dossier = || async {
        s.send(
            axum::http::Request::get("/api/v1/dossier")
                .header("cookie", &cookie)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .json()
    };
    let before = dossier().await;
    assert_eq!(before["progress"]["status"], "awaiting_guardian");
    assert_eq!(before["progress"]["timeline"][1]["state"], "upcoming", "the establishment does not see it yet");

    let token = token_for(&s, "moussa.diallo@orange.fr").await;
    let seen = s.post_json("/api/v1/guardian-consents/lookup", &json!({ "token": token })).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.header("cache-control"), "no-store");
    let page = seen.json();
    assert_eq!(page["guardian"], json!({ "civility": "monsieur", "first_name": "Moussa", "last_name": "Diallo" }));
    assert_eq!(page["campaign_id"], "2026-2027");
    let text = page.to_string();
    assert!(
        !text.contains("Awa") && !text.contains("gmail") && !text.contains(&number),
        "before agreeing, nothing of the child: {text}"
    );

    let given = s.post_json("/api/v1/guardian-consents/confirm", &json!({ "token": token.to_uppercase() })).await;
    assert_eq!(given.status, StatusCode::OK);
    assert_eq!(given.header("cache-control"), "no-store");
    assert_eq!(given.json()["child_first_name"], "Awa");
    assert_eq!(dossier().await["progress"]["status"], "awaiting_school");

    // Single use: the link (and any other of the dossier) now says it is done.
    for path in ["/api/v1/guardian-consents/confirm", "/api/v1/guardian-consents/lookup"] {
        let again = s.post_json(path, &json!({ "token": token })).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{path}");
        assert_eq!(again.problem_code(), "guardian_consent_given");
    }
    // Nothing more to send once given, and the answer does not say so.
    let n = outbox(&s).await.len();
    let r = s.post_json("/api/v1/guardian-consents/resend", &json!({ "dossier_number": number })).await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    assert_eq!(outbox(&s).await.len(), n);
}

#[tokio::test]
async fn unknown_and_malformed_links_are_unknown() {
    let s = Server::start();
    for token in ["0".repeat(64), "not-a-token".into(), String::new()] {
        for path in ["/api/v1/guardian-consents/lookup", "/api/v1/guardian-consents/confirm"] {
            let r = s.post_json(path, &json!({ "token": token })).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path} {token}");
            assert_eq!(r.problem_code(), "guardian_consent_unknown");
        }
    }
    let r = s.post_json("/api/v1/guardian-consents/lookup", &json!({ "token": "0".repeat(64), "child": "x" })).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "unknown fields are refused");
    let r = s.post_json("/api/v1/guardian-consents/resend", &json!({})).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "one of token or dossier_number");
    let r = s.post_json("/api/v1/guardian-consents/resend", &json!({ "token": "a", "dossier_number": "1" })).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_link_expires_after_seven_days_and_a_new_one_can_be_asked_for_with_it() {
    let s = Server::start();
    apply(&s, "g-2").await;
    let old = token_for(&s, "moussa.diallo@orange.fr").await;
    s.clock.advance(7 * DAY);
    let r = s.post_json("/api/v1/guardian-consents/lookup", &json!({ "token": old })).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert_eq!(r.problem_code(), "guardian_consent_expired");
    assert_eq!(
        s.post_json("/api/v1/guardian-consents/confirm", &json!({ "token": old })).await.status,
        StatusCode::GONE
    );
    // No automatic reminder once expired: the family asks.
    assert_eq!(passregion_api_server::routes::guardian::send_due_reminders(&s.state).await.unwrap(), 0);

    let r = s.post_json("/api/v1/guardian-consents/resend", &json!({ "token": old })).await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    assert!(r.json()["message"].as_str().unwrap().contains("7 jours"));
    let fresh = token_for(&s, "moussa.diallo@orange.fr").await;
    assert_ne!(fresh, old);
    assert_eq!(
        s.post_json("/api/v1/guardian-consents/lookup", &json!({ "token": fresh })).await.status,
        StatusCode::OK
    );
    assert_eq!(
        s.post_json("/api/v1/guardian-consents/confirm", &json!({ "token": fresh })).await.status,
        StatusCode::OK
    );
    // The expired link now says it is done rather than expired.
    assert_eq!(
        s.post_json("/api/v1/guardian-consents/lookup", &json!({ "token": old })).await.problem_code(),
        "guardian_consent_given"
    );
}

#[tokio::test]
async fn one_reminder_after_three_days_and_the_first_link_still_works() {
    let s = Server::start();
    apply(&s, "g-3").await;
    let first = token_for(&s, "moussa.diallo@orange.fr").await;
    let remind = || passregion_api_server::routes::guardian::send_due_reminders(&s.state);
    s.clock.advance(3 * DAY - 60);
    assert_eq!(remind().await.unwrap(), 0, "not before three days");
    s.clock.advance(60);
    assert_eq!(remind().await.unwrap(), 1);
    assert_eq!(remind().await.unwrap(), 0, "only one");
    let mail = outbox(&s).await[0].clone();
    assert_eq!(mail["to"], "moussa.diallo@orange.fr");
    assert!(mail["subject"].as_str().unwrap().starts_with("Rappel"));
    s.clock.advance(3 * DAY);
    assert_eq!(remind().await.unwrap(), 0);
    assert_eq!(
        s.post_json("/api/v1/guardian-consents/lookup", &json!({ "token": first })).await.status,
        StatusCode::OK
    );
}

/// `--dev`: the demo's and the E2E tests' way to get the reminder without waiting 3 days; still only one.
#[tokio::test]
async fn the_dev_reminder_move_sends_the_one_reminder_now() {
    let s = Server::start();
    let created = apply(&s, "g-dev").await;
    let number = created["dossier_number"].as_str().unwrap().to_string();
    let n = outbox(&s).await.len();
    let path = format!("/api/v1/dev/dossiers/{number}/guardian-reminder");
    let first = s.post_json(&path, &json!({})).await;
    assert_eq!(first.status, StatusCode::OK, "{}", String::from_utf8_lossy(&first.body));
    assert_eq!(first.json(), json!({ "reminders_sent": 1 }));
    let mails = outbox(&s).await;
    assert_eq!(mails.len(), n + 1);
    assert_eq!(mails[0]["to"], "moussa.diallo@orange.fr");
    assert!(mails[0]["subject"].as_str().unwrap().starts_with("Rappel"));
    // Neither the move again nor the background sweep sends a second one.
    assert_eq!(s.post_json(&path, &json!({})).await.json(), json!({ "reminders_sent": 0 }));
    s.clock.advance(3 * DAY);
    assert_eq!(passregion_api_server::routes::guardian::send_due_reminders(&s.state).await.unwrap(), 0);
    assert_eq!(outbox(&s).await.len(), n + 1);
    // A dossier without a pending consent, and an unknown one.
    let adult = s.send(valid_create(&application(), "g-dev-adult")).await.json();
    let adult_path = format!("/api/v1/dev/dossiers/{}/guardian-reminder", adult["dossier_number"].as_str().unwrap());
    assert_eq!(s.post_json(&adult_path, &json!({})).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        s.post_json("/api/v1/dev/dossiers/4821930576/guardian-reminder", &json!({})).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_new_link_by_dossier_number_goes_to_the_guardian_on_file_three_an_hour() {
    let s = Server::start();
    let created = apply(&s, "g-4").await;
    let number = created["dossier_number"].as_str().unwrap().to_string();
    let unknown = s.post_json("/api/v1/guardian-consents/resend", &json!({ "dossier_number": "4821930576" })).await;
    assert_eq!(unknown.status, StatusCode::ACCEPTED);
    let n = outbox(&s).await.len();
    let spaced = passregion_core::dossier::format(&number);
    let r = s.post_json("/api/v1/guardian-consents/resend", &json!({ "dossier_number": spaced })).await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    assert_eq!(r.json(), unknown.json(), "the same answer whatever matched");
    let all = outbox(&s).await;
    assert_eq!(all.len(), n + 1);
    assert_eq!(all[0]["to"], "moussa.diallo@orange.fr");
    for _ in 0..2 {
        s.post_json("/api/v1/guardian-consents/resend", &json!({ "dossier_number": number })).await;
    }
    let limited = s.post_json("/api/v1/guardian-consents/resend", &json!({ "dossier_number": number })).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.problem_code(), "rate_limited");
}

#[tokio::test]
async fn opening_links_is_limited_per_client_address() {
    let s = Server::with(|c| c.limits.set("guardian_link_ip=2/3600").unwrap());
    for _ in 0..2 {
        s.post_json("/api/v1/guardian-consents/lookup", &json!({ "token": "0".repeat(64) })).await;
    }
    let r = s.post_json("/api/v1/guardian-consents/confirm", &json!({ "token": "0".repeat(64) })).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn an_adult_application_asks_no_consent() {
    let s = Server::start();
    let r = s.send(valid_create(&application(), "adult")).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert!(r.json().get("guardian_consent").is_none());
    assert_eq!(outbox(&s).await.len(), 1);
}
