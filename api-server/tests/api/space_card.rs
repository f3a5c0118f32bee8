//! The beneficiary space, part 2: the secret code and the partner check, a lost or stolen card and its duplicate,
//! the advantages balance, my details and the password.

use crate::fixtures::*;
use crate::harness::{Resp, Server};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};

const PASSWORD: &str = "Velo-2026-rouge";

struct Person {
    number: String,
    cookie: String,
}

/// Applies, activates, logs in; the card is made (and has a number) when `with_card`.
async fn person(s: &Server, key: &str, with_card: bool) -> Person {
    person_of(s, &application(), key, with_card).await
}

async fn person_of(s: &Server, application: &Value, key: &str, with_card: bool) -> Person {
    let created = s.send(valid_create(application, key)).await;
    let number = created.json()["dossier_number"].as_str().unwrap().to_string();
    let link = s.get("/api/v1/dev/outbox").await.json()[0]["link"].as_str().unwrap().to_string();
    s.post_json("/api/v1/activations", &json!({ "token": link.split("token=").nth(1).unwrap() })).await;
    if with_card {
        for kind in ["school_validated", "card_manufactured", "card_sent", "card_handed_over"] {
            let r = s.post_json(&format!("/api/v1/dev/dossiers/{number}/events"), &json!({ "kind": kind })).await;
            assert_eq!(r.status, StatusCode::OK);
        }
    }
    let login = s.post_json("/api/v1/sessions", &json!({ "dossier_number": number, "password": PASSWORD })).await;
    let cookie = login.header("set-cookie").split(';').next().unwrap().to_string();
    Person { number, cookie }
}

async fn call(s: &Server, p: &Person, method: &str, uri: &str, body: Option<Value>) -> Resp {
    let mut req = Request::builder().method(method).uri(uri).header("cookie", &p.cookie);
    let body = match body {
        Some(v) => {
            req = req.header("content-type", "application/json");
            Body::from(v.to_string())
        }
        None => Body::empty(),
    };
    s.send(req.body(body).unwrap()).await
}

async fn dossier(s: &Server, p: &Person) -> Value {
    call(s, p, "GET", "/api/v1/dossier", None).await.json()
}

fn field_code(r: &Resp) -> String {
    r.json()["errors"][0]["code"].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn the_secret_code_refuses_guessable_codes_with_the_reason_and_partners_check_it() {
    let s = Server::start();
    let p = person(&s, "code-1", true).await;
    let d = dossier(&s, &p).await;
    assert!(d["progress"]["tasks"].as_array().unwrap().contains(&json!("set_secret_code")));
    let card = d["card"]["number"].as_str().unwrap().to_string();
    assert_eq!(card.len(), 16);
    assert_eq!(d["card"]["secret_code_set"], false);

    // The applicant of the fixture was born on 14 March 2008; today is 1 October 2026.
    for (code, why) in [
        ("1234", "code_sequence"),
        ("1403", "code_birth_date"),
        ("2008", "code_birth_date"),
        ("2026", "code_year"),
        ("1212", "code_too_common"),
        ("12a4", "code_not_four_digits"),
    ] {
        let r = call(&s, &p, "PUT", "/api/v1/secret-code", Some(json!({ "current_password": PASSWORD, "code": code })))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{code}");
        assert_eq!(field_code(&r), why, "{code}");
        assert!(!r.json()["errors"][0]["message"].as_str().unwrap().is_empty());
    }
    let wrong_password = call(
        &s,
        &p,
        "PUT",
        "/api/v1/secret-code",
        Some(json!({ "current_password": "Pas-le-bon-2026", "code": "4829" })),
    )
    .await;
    assert_eq!(field_code(&wrong_password), "password_wrong");
    // Partners cannot check a card whose code is not set yet.
    let not_set = s.post_json("/api/v1/partner/checks", &json!({ "card_number": card, "code": "4829" })).await;
    assert_eq!(not_set.problem_code(), "code_not_set");

    let ok =
        call(&s, &p, "PUT", "/api/v1/secret-code", Some(json!({ "current_password": PASSWORD, "code": "4829" }))).await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", String::from_utf8_lossy(&ok.body));
    let mails = s.get("/api/v1/dev/outbox").await.json();
    assert_eq!(mails[0]["subject"], "Ton code secret a été modifié");
    assert!(!mails[0]["body"].as_str().unwrap().contains("4829"), "the code is never shown back");
    let d = dossier(&s, &p).await;
    assert_eq!(d["card"]["secret_code_set"], true);
    assert!(!d["progress"]["tasks"].as_array().unwrap().contains(&json!("set_secret_code")));
    let conn = rusqlite::Connection::open(s.dir.path().join("data/passregion.sqlite3")).unwrap();
    let stored: String = conn.query_row("SELECT code_hash FROM secret_codes", [], |r| r.get(0)).unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.contains("4829"));

    // The terminal: right code; then three wrong ones lock the card, even for the right code.
    let spaced = format!("{} {} {} {}", &card[..4], &card[4..8], &card[8..12], &card[12..]);
    let right = s.post_json("/api/v1/partner/checks", &json!({ "card_number": spaced, "code": "4829" })).await;
    assert_eq!(right.json(), json!({ "accepted": true }));
    for left in [2, 1] {
        let wrong = s.post_json("/api/v1/partner/checks", &json!({ "card_number": card, "code": "4828" })).await;
        assert_eq!(wrong.json(), json!({ "accepted": false, "attempts_left": left }));
    }
    let third = s.post_json("/api/v1/partner/checks", &json!({ "card_number": card, "code": "4828" })).await;
    assert_eq!(third.status, StatusCode::LOCKED);
    assert_eq!(third.problem_code(), "code_locked");
    let locked = s.post_json("/api/v1/partner/checks", &json!({ "card_number": card, "code": "4829" })).await;
    assert_eq!(locked.problem_code(), "code_locked");
    assert_eq!(dossier(&s, &p).await["card"]["code_locked"], true);
    // A new code set from the space unblocks it.
    call(&s, &p, "PUT", "/api/v1/secret-code", Some(json!({ "current_password": PASSWORD, "code": "7351" }))).await;
    let again = s.post_json("/api/v1/partner/checks", &json!({ "card_number": card, "code": "7351" })).await;
    assert_eq!(again.json()["accepted"], true);
    let unknown =
        s.post_json("/api/v1/partner/checks", &json!({ "card_number": "0000000000000000", "code": "7351" })).await;
    assert_eq!(unknown.problem_code(), "card_unknown");
}

#[tokio::test]
async fn a_stolen_card_is_blocked_at_once_and_its_duplicate_followed() {
    let s = Server::start();
    let p = person(&s, "card-1", true).await;
    let old_card = dossier(&s, &p).await["card"]["number"].as_str().unwrap().to_string();
    call(&s, &p, "PUT", "/api/v1/secret-code", Some(json!({ "current_password": PASSWORD, "code": "4829" }))).await;

    let wrong_password = call(
        &s,
        &p,
        "POST",
        "/api/v1/card/declarations",
        Some(json!({ "reason": "stolen", "current_password": "Non-2026-non", "send_to_establishment": false })),
    )
    .await;
    assert_eq!(field_code(&wrong_password), "password_wrong");
    let bad_address = call(
        &s,
        &p,
        "POST",
        "/api/v1/card/declarations",
        Some(json!({
            "reason": "stolen", "current_password": PASSWORD, "send_to_establishment": false,
            "address": { "street": "", "postal_code": "6300", "commune": "Clermont-Ferrand" }
        })),
    )
    .await;
    assert_eq!(bad_address.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        s.post_json("/api/v1/partner/checks", &json!({ "card_number": old_card, "code": "4829" })).await.json()["accepted"]
            == true,
        "nothing blocked by a refused declaration"
    );

    let declared = call(
        &s,
        &p,
        "POST",
        "/api/v1/card/declarations",
        Some(json!({
            "reason": "stolen", "current_password": PASSWORD, "send_to_establishment": false,
            "address": { "street": "4 place de Jaude", "postal_code": "63000", "commune": "Clermont-Ferrand" }
        })),
    )
    .await;
    assert_eq!(declared.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&declared.body));
    assert_eq!(declared.json()["duplicate"]["reason"], "stolen");
    let blocked = s.post_json("/api/v1/partner/checks", &json!({ "card_number": old_card, "code": "4829" })).await;
    assert_eq!(blocked.problem_code(), "card_blocked");
    let d = dossier(&s, &p).await;
    assert_eq!(d["card"]["blocked_on"], "2026-10-01");
    let check = &d["progress"]["duplicate"]["timeline"][0];
    assert_eq!(check["state"], "current");
    assert_eq!(
        (check["expected_from"].as_str(), check["expected_to"].as_str()),
        (Some("2026-10-02"), Some("2026-10-06")),
        "1 to 5 days after the declaration"
    );
    assert_eq!(call(&s, &p, "GET", "/api/v1/me", None).await.json()["address"]["street"], "4 place de Jaude");
    assert_eq!(s.get("/api/v1/dev/outbox").await.json()[0]["subject"], "Ta carte Pass'Région est bloquée");

    for kind in ["duplicate_validated", "duplicate_sent"] {
        s.post_json(&format!("/api/v1/dev/dossiers/{}/events", p.number), &json!({ "kind": kind })).await;
    }
    let d = dossier(&s, &p).await;
    let new_card = d["card"]["number"].as_str().unwrap();
    assert_ne!(new_card, old_card);
    assert!(d["card"].get("blocked_on").is_none());
    assert_eq!(d["progress"]["duplicate"]["timeline"][1]["state"], "done");
    // The code set before still works on the duplicate.
    assert_eq!(
        s.post_json("/api/v1/partner/checks", &json!({ "card_number": new_card, "code": "4829" })).await.json()["accepted"],
        true
    );
}

#[tokio::test]
async fn the_balance_moves_when_a_partner_records_a_use() {
    let s = Server::start();
    let p = person(&s, "adv-1", true).await;
    let b = call(&s, &p, "GET", "/api/v1/advantages", None).await;
    assert_eq!(b.status, StatusCode::OK);
    let line =
        |b: &Value, kind: &str| b["lines"].as_array().unwrap().iter().find(|l| l["kind"] == kind).cloned().unwrap();
    let shows = line(&b.json(), "shows");
    assert_eq!(shows["left"], json!({ "unit": "cents", "value": 3000 }));
    assert_eq!(shows["valid_from"], "2026-09-01");
    let used = s
        .post_json(
            &format!("/api/v1/dev/dossiers/{}/uses", p.number),
            &json!({ "kind": "shows", "partner": "La Comédie de Clermont", "cents": 1250 }),
        )
        .await;
    assert_eq!(used.status, StatusCode::OK, "{}", String::from_utf8_lossy(&used.body));
    let b = call(&s, &p, "GET", "/api/v1/advantages", None).await.json();
    assert_eq!(line(&b, "shows")["left"]["value"], 1750);
    assert_eq!(line(&b, "shows")["used"][0]["partner"], "La Comédie de Clermont");
    let over = s
        .post_json(
            &format!("/api/v1/dev/dossiers/{}/uses", p.number),
            &json!({ "kind": "shows", "partner": "X", "cents": 1751 }),
        )
        .await;
    assert_eq!(over.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn equipment_follows_the_stream_and_a_club_licence_raises_the_sport_aid_to_60_euros() {
    let s = Server::start();
    let line = |b: &Value, kind: &str| b["lines"].as_array().unwrap().iter().find(|l| l["kind"] == kind).cloned();
    // Première générale: no equipment aid; the sport line at €30 with both cases listed.
    let general = person(&s, "adv-general", true).await;
    let b = call(&s, &general, "GET", "/api/v1/advantages", None).await.json();
    assert!(line(&b, "equipment").is_none());
    let sport = line(&b, "sport").unwrap();
    assert_eq!(sport["granted"], json!({ "unit": "cents", "value": 3000 }));
    assert_eq!(
        sport["cases"],
        json!([
            { "licence": "school_association", "granted": { "unit": "cents", "value": 3000 } },
            { "licence": "club", "granted": { "unit": "cents", "value": 6000 } },
        ])
    );
    assert!(sport.get("licence").is_none());
    let uses = format!("/api/v1/dev/dossiers/{}/uses", general.number);
    // A sports licence must say where it was taken; a licence kind means nothing for another advantage.
    let bare = s.post_json(&uses, &json!({ "kind": "sport", "partner": "Clermont Foot 63", "cents": 3000 })).await;
    assert_eq!(bare.status, StatusCode::BAD_REQUEST);
    let odd = s.post_json(&uses, &json!({ "kind": "shows", "partner": "X", "cents": 100, "licence": "club" })).await;
    assert_eq!(odd.status, StatusCode::BAD_REQUEST);
    let over = s
        .post_json(
            &uses,
            &json!({ "kind": "sport", "partner": "AS du lycée", "cents": 3500, "licence": "school_association" }),
        )
        .await;
    assert_eq!(over.status, StatusCode::BAD_REQUEST, "€30 at the school association");
    let club = s
        .post_json(&uses, &json!({ "kind": "sport", "partner": "Clermont Foot 63", "cents": 4500, "licence": "club" }))
        .await;
    assert_eq!(club.status, StatusCode::OK, "{}", String::from_utf8_lossy(&club.body));
    let sport = line(&club.json(), "sport").unwrap();
    assert_eq!((sport["granted"]["value"].as_u64(), sport["left"]["value"].as_u64()), (Some(6000), Some(1500)));
    assert_eq!((sport["licence"].as_str(), sport["used"][0]["licence"].as_str()), (Some("club"), Some("club")));

    // Bac pro Cuisine: the cooking family's aid, from June to May.
    let mut cook = application();
    cook["identity"]["email"] = json!("leo.cuisine@gmail.com");
    cook["schooling"] = json!({ "uai": "0030038A", "stream_code": "40022106" });
    let cook = person_of(&s, &cook, "adv-cook", true).await;
    let b = call(&s, &cook, "GET", "/api/v1/advantages", None).await.json();
    let eq = line(&b, "equipment").expect("vocational streams get the equipment aid");
    assert_eq!((eq["family"].as_str(), eq["granted"]["value"].as_u64()), (Some("cooking"), Some(30000)));
    assert_eq!((eq["valid_from"].as_str(), eq["valid_to"].as_str()), (Some("2026-06-01"), Some("2027-05-31")));
    let bought = s
        .post_json(
            &format!("/api/v1/dev/dossiers/{}/uses", cook.number),
            &json!({ "kind": "equipment", "partner": "Coutellerie Thiers", "cents": 18990 }),
        )
        .await;
    assert_eq!(line(&bought.json(), "equipment").unwrap()["left"]["value"], 11010);
}

#[tokio::test]
async fn details_change_with_the_application_rules_and_the_email_only_once_confirmed() {
    let s = Server::start();
    let p = person(&s, "me-1", false).await;
    let me = call(&s, &p, "GET", "/api/v1/me", None).await.json();
    assert_eq!((me["first_name"].as_str(), me["email"].as_str()), (Some("Élise"), Some("elise.martin@gmail.com")));
    let update = json!({
        "mobile_phone": "07 12 34 56 78",
        "address": { "street": "4 place de Jaude", "postal_code": "63000", "commune": "Clermont-Ferrand" },
        "consents": { "good_deals": true, "news": false }
    });
    let r = call(&s, &p, "PUT", "/api/v1/me", Some(update)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.json()["mobile_phone"], "+33712345678");
    assert_eq!(r.json()["consents"]["good_deals"], true);
    let bad = call(
        &s,
        &p,
        "PUT",
        "/api/v1/me",
        Some(json!({
            "mobile_phone": "01 23 45 67 89",
            "address": { "street": "4 place de Jaude\u{202E}", "postal_code": "63000", "commune": "Clermont-Ferrand" },
            "consents": { "good_deals": false, "news": false }
        })),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem = bad.json();
    let fields: Vec<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"contact.mobile_phone") && fields.contains(&"contact.address.street"), "{fields:?}");

    let change = call(
        &s,
        &p,
        "POST",
        "/api/v1/me/email",
        Some(json!({ "new_email": "elise.m@free.fr", "current_password": PASSWORD })),
    )
    .await;
    assert_eq!(change.status, StatusCode::ACCEPTED, "{}", String::from_utf8_lossy(&change.body));
    assert_eq!(change.json()["email"], "elise.martin@gmail.com", "not changed before confirmation");
    assert_eq!(change.json()["pending_email"], "elise.m@free.fr");
    let mails = s.get("/api/v1/dev/outbox").await.json();
    assert_eq!(mails[0]["to"], "elise.martin@gmail.com", "a notice to the old address");
    assert_eq!(mails[1]["to"], "elise.m@free.fr");
    let link = mails[1]["link"].as_str().unwrap();
    assert!(link.contains("/espace/confirmer-email?token="));
    let token = link.split("token=").nth(1).unwrap();
    assert_eq!(
        s.post_json("/api/v1/me/email/confirm", &json!({ "token": token })).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(call(&s, &p, "GET", "/api/v1/me", None).await.json()["email"], "elise.m@free.fr");
    assert_eq!(
        s.post_json("/api/v1/me/email/confirm", &json!({ "token": token })).await.problem_code(),
        "email_change_used"
    );
}

#[tokio::test]
async fn a_new_address_s_commune_must_belong_to_its_postcode_as_in_the_application() {
    let s = Server::start();
    let p = person(&s, "me-commune", true).await;
    let put = |commune: &str, not_listed: bool| {
        call(
            &s,
            &p,
            "PUT",
            "/api/v1/me",
            Some(json!({
                "mobile_phone": "07 12 34 56 78",
                "address": { "street": "4 place de Jaude", "postal_code": "63000", "commune": commune, "commune_not_listed": not_listed },
                "consents": { "good_deals": false, "news": false }
            })),
        )
    };
    // Lyon is not in 63000: refused on the commune, in French by default, nothing changed.
    let before = call(&s, &p, "GET", "/api/v1/me", None).await.json();
    let bad = put("Lyon", false).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = bad.json()["errors"].clone();
    assert_eq!(
        (errors[0]["field"].as_str(), errors[0]["code"].as_str()),
        (Some("contact.address.commune"), Some("commune_not_in_postal_code"))
    );
    assert!(!errors[0]["message"].as_str().unwrap().is_empty());
    assert_eq!(call(&s, &p, "GET", "/api/v1/me", None).await.json()["address"], before["address"]);
    // Typed loosely, stored as the list writes it; marked as not listed, kept as typed.
    let ok = put("clermont ferrand", false).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", String::from_utf8_lossy(&ok.body));
    assert_eq!(ok.json()["address"]["commune"], "Clermont-Ferrand");
    let manual = put("Le Bourg-Neuf", true).await;
    assert_eq!(manual.status, StatusCode::OK);
    assert_eq!(
        (manual.json()["address"]["commune"].as_str(), manual.json()["address"]["commune_not_listed"].as_bool()),
        (Some("Le Bourg-Neuf"), Some(true))
    );
    // The duplicate's home address goes through the same check.
    let declared = call(
        &s,
        &p,
        "POST",
        "/api/v1/card/declarations",
        Some(json!({
            "reason": "lost", "current_password": PASSWORD, "send_to_establishment": false,
            "address": { "street": "1 rue de la République", "postal_code": "69001", "commune": "Clermont-Ferrand" }
        })),
    )
    .await;
    assert_eq!(declared.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(declared.json()["errors"][0]["field"], "contact.address.commune");
    assert_eq!(declared.json()["errors"][0]["code"], "commune_not_in_postal_code");
    assert!(dossier(&s, &p).await["card"].get("blocked_on").is_none(), "a refused declaration blocks nothing");
    let unknown = call(
        &s,
        &p,
        "POST",
        "/api/v1/card/declarations",
        Some(json!({
            "reason": "lost", "current_password": PASSWORD, "send_to_establishment": false,
            "address": { "street": "1 rue de la République", "postal_code": "63999", "commune": "Nulle-Part" }
        })),
    )
    .await;
    assert_eq!(unknown.json()["errors"][0]["code"], "postal_code_unknown");
    // One of the postcode's communes, as the page's list offers it (or typed loosely): stored as the list writes it.
    let declared = call(&s, &p, "POST", "/api/v1/card/declarations", Some(json!({
        "reason": "lost", "current_password": PASSWORD, "send_to_establishment": false,
        "address": { "street": "1 rue de la République", "postal_code": "63122", "commune": "saint genes champanelle" }
    }))).await;
    assert_eq!(declared.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&declared.body));
    let address = call(&s, &p, "GET", "/api/v1/me", None).await.json()["address"].clone();
    assert_eq!(
        (address["postal_code"].as_str(), address["commune"].as_str()),
        (Some("63122"), Some("Saint-Genès-Champanelle"))
    );
    assert!(address.get("commune_not_listed").is_none());
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_the_other_sessions() {
    let s = Server::start();
    let p = person(&s, "pw-1", false).await;
    let login = s.post_json("/api/v1/sessions", &json!({ "dossier_number": p.number, "password": PASSWORD })).await;
    let other =
        Person { number: p.number.clone(), cookie: login.header("set-cookie").split(';').next().unwrap().to_string() };
    let wrong = call(
        &s,
        &p,
        "POST",
        "/api/v1/me/password",
        Some(json!({ "current_password": "Faux-2026-faux", "new_password": "Nouveau-2026-vert" })),
    )
    .await;
    assert_eq!(field_code(&wrong), "password_wrong");
    let weak = call(
        &s,
        &p,
        "POST",
        "/api/v1/me/password",
        Some(json!({ "current_password": PASSWORD, "new_password": "court" })),
    )
    .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = call(
        &s,
        &p,
        "POST",
        "/api/v1/me/password",
        Some(json!({ "current_password": PASSWORD, "new_password": "Nouveau-2026-vert" })),
    )
    .await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT);
    assert_eq!(call(&s, &p, "GET", "/api/v1/dossier", None).await.status, StatusCode::OK, "this session stays");
    assert_eq!(
        call(&s, &other, "GET", "/api/v1/dossier", None).await.status,
        StatusCode::UNAUTHORIZED,
        "the others end"
    );
    assert_eq!(s.get("/api/v1/dev/outbox").await.json()[0]["subject"], "Ton mot de passe Pass'Région a été changé");
}
