//! The official postcode list: the communes of a postcode (public, cacheable reference data), and an application's
//! commune checked against its postcode.

use crate::fixtures::*;
use crate::harness::Server;
use axum::http::StatusCode;
use serde_json::{Value, json};

fn stored_address(s: &Server) -> Value {
    let conn = rusqlite::Connection::open(s.dir.path().join("data/passregion.sqlite3")).unwrap();
    let json: String = conn.query_row("SELECT request_json FROM applications", [], |r| r.get(0)).unwrap();
    serde_json::from_str::<Value>(&json).unwrap()["contact"]["address"].clone()
}

#[tokio::test]
async fn communes_of_a_postcode_are_public_and_cacheable() {
    let s = Server::start();
    let r = s.get("/api/v1/postal-codes/63000/communes").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({ "postal_code": "63000", "communes": ["Clermont-Ferrand"] }));
    assert_eq!(r.header("cache-control"), "public, max-age=604800");

    // Several communes, in French order, spelled as the list spells them.
    let many = s.get("/api/v1/postal-codes/63122/communes").await.json();
    assert_eq!(many["communes"], json!(["Ceyrat", "Saint-Genès-Champanelle"]));
    // Lyon by its name, not "Lyon 3e Arrondissement"; spaces in the path are ignored.
    assert_eq!(
        s.get("/api/v1/postal-codes/69%20003/communes").await.json(),
        json!({ "postal_code": "69003", "communes": ["Lyon"] })
    );
    // A well-formed postcode the list does not know: an empty list, still cacheable.
    let unknown = s.get("/api/v1/postal-codes/63999/communes").await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert_eq!(unknown.json()["communes"], json!([]));
    assert_eq!(unknown.header("cache-control"), "public, max-age=604800");

    for bad in ["6300", "630000", "98000", "abcde", "63-000"] {
        let r = s.get(&format!("/api/v1/postal-codes/{bad}/communes")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(r.problem_code(), "malformed_request");
        assert_eq!(r.json()["errors"][0]["field"], "contact.address.postal_code", "{bad}");
        assert_ne!(r.header("cache-control"), "public, max-age=604800", "{bad}");
    }
}

#[tokio::test]
async fn an_application_commune_must_belong_to_its_postcode() {
    let s = Server::start();
    // Lyon is not in 63000: refused on the commune, in the asked language, nothing stored.
    let mut app = application();
    app["contact"]["address"]["commune"] = json!("Lyon");
    let r = s.send(create_request(&[json_part(&app), photo_part(jpeg(), "p.jpg")], Some("k-lyon"), Some("en"))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = r.json()["errors"].clone();
    assert_eq!(errors.as_array().unwrap().len(), 1, "{errors}");
    assert_eq!(errors[0]["field"], "contact.address.commune");
    assert_eq!(errors[0]["code"], "commune_not_in_postal_code");
    assert!(errors[0]["message"].as_str().unwrap().contains("postcode"), "{errors}");

    // A postcode the list does not know: refused on the postcode.
    let mut app = application();
    app["contact"]["address"]["postal_code"] = json!("63999");
    let r = s.send(valid_create(&app, "k-unknown")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = r.json()["errors"].clone();
    assert_eq!(
        (errors[0]["field"].as_str(), errors[0]["code"].as_str()),
        (Some("contact.address.postal_code"), Some("postal_code_unknown"))
    );
    assert_eq!(s.counts(), [0, 0, 0, 0, 0]);

    // Typed loosely, stored as the list writes it.
    let mut app = application();
    app["contact"]["address"]["commune"] = json!("clermont ferrand");
    let r = s.send(valid_create(&app, "k-loose")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(stored_address(&s)["commune"], "Clermont-Ferrand");
    assert!(stored_address(&s).get("commune_not_listed").is_none());
}

#[tokio::test]
async fn a_commune_marked_as_not_listed_is_kept_as_typed() {
    let s = Server::start();
    let mut app = application();
    app["contact"]["address"]["postal_code"] = json!("63999");
    app["contact"]["address"]["commune"] = json!("Le  Bourg-Neuf");
    app["contact"]["address"]["commune_not_listed"] = json!(true);
    let r = s.send(valid_create(&app, "k-not-listed")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&r.body));
    let stored = stored_address(&s);
    assert_eq!(
        (stored["commune"].as_str(), stored["commune_not_listed"].as_bool()),
        (Some("Le Bourg-Neuf"), Some(true))
    );
}
