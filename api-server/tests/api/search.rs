//! Establishment and stream search, one establishment, its streams by level, campaign and charter.

use crate::harness::Server;
use axum::http::StatusCode;
use serde_json::Value;

fn uais(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|e| e["uai"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn establishments_by_name_commune_and_uai_ignoring_case_and_accents() {
    let s = Server::start();
    let r = s.get("/api/v1/establishments?q=sidoine").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(uais(&r.json()), ["0630020E"]);

    let clermont = uais(&s.get("/api/v1/establishments?q=CLERMONT").await.json());
    assert!(clermont.contains(&"0630020E".to_string()) && clermont.len() >= 4, "{clermont:?}");
    for q in ["clermont-ferrand", "Cl%C3%A9rmont", "clermont%20ferrand", "%20CLERMONT%20"] {
        let mut got = uais(&s.get(&format!("/api/v1/establishments?q={q}")).await.json());
        let mut want = clermont.clone();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{q}");
    }

    // Several words must all match: name word + commune.
    assert_eq!(uais(&s.get("/api/v1/establishments?q=apollinaire%20clermont").await.json()), ["0630020E"]);

    // UAI: exact first, case-insensitive; prefix.
    let exact = s.get("/api/v1/establishments?q=0630020e").await.json();
    assert_eq!(uais(&exact)[0], "0630020E");
    let prefix = uais(&s.get("/api/v1/establishments?q=0630&per_page=50").await.json());
    assert!(
        prefix.len() >= 4 && prefix.contains(&"0630020E".to_string()) && prefix.iter().all(|u| u.starts_with("0630")),
        "{prefix:?}"
    );

    // Ranking: a word of the name starting with "mo" (Monnet, Mounier, Monnet-Mermoz), then a commune starting
    // with it (Moulins), then names or communes merely containing it (Clermont, Gimond).
    let ranked = uais(&s.get("/api/v1/establishments?q=mo&per_page=50").await.json());
    let pos = |u: &str| ranked.iter().position(|x| x == u).unwrap_or_else(|| panic!("{u} in {ranked:?}"));
    for name_match in ["0030038A", "0380032D", "0150006A"] {
        assert!(pos(name_match) < pos("0030036Y"), "{ranked:?}");
    }
    assert!(pos("0030036Y") < pos("0630020E") && pos("0030036Y") < pos("0070003R"), "{ranked:?}");

    assert_eq!(s.get("/api/v1/establishments?q=zzzzzz").await.json()["total"], 0);

    let one = s.get("/api/v1/establishments/0630020e").await;
    assert_eq!(one.status, StatusCode::OK);
    let e = one.json();
    assert_eq!(e["name"], "Lycée Sidoine Apollinaire");
    assert_eq!(e["commune"], "Clermont-Ferrand");
    assert_eq!(e["department"], "63");
}

#[tokio::test]
async fn establishments_are_paginated_and_per_page_is_capped() {
    let s = Server::start();
    let all = s.get("/api/v1/establishments?per_page=500").await.json();
    assert_eq!(all["per_page"], 50, "capped");
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 30, "a few dozen: {total}");

    let p1 = s.get("/api/v1/establishments?per_page=10&page=1").await.json();
    let p2 = s.get("/api/v1/establishments?per_page=10&page=2").await.json();
    assert_eq!(p1["items"].as_array().unwrap().len(), 10);
    assert_eq!(p2["page"], 2);
    let (a, b) = (uais(&p1), uais(&p2));
    assert!(a.iter().all(|u| !b.contains(u)), "pages do not overlap");
    let last_page = total.div_ceil(10);
    let last = s.get(&format!("/api/v1/establishments?per_page=10&page={last_page}")).await.json();
    assert_eq!(last["items"].as_array().unwrap().len() as u64, total - (last_page - 1) * 10);
    let beyond = s.get(&format!("/api/v1/establishments?per_page=10&page={}", last_page + 1)).await.json();
    assert!(beyond["items"].as_array().unwrap().is_empty());
    assert_eq!(beyond["total"].as_u64(), Some(total));
}

#[tokio::test]
async fn streams_of_sidoine_apollinaire_grouped_in_level_order() {
    let s = Server::start();
    let r = s.get("/api/v1/establishments/0630020E/streams").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    let levels: Vec<&str> = v["groups"].as_array().unwrap().iter().map(|g| g["level"].as_str().unwrap()).collect();
    assert_eq!(levels, ["2nde", "1re", "terminale", "bts", "autre"]);
    assert_eq!(v["groups"][0]["label"], "Seconde");
    let codes: Vec<&str> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["streams"].as_array().unwrap().iter().map(|s| s["code"].as_str().unwrap()))
        .collect();
    for code in ["2001001811", "2011001911", "2021001911", "2113101611", "2113310411", "2112000911", "32031408"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    // Every stream sits in its own level's group.
    for g in v["groups"].as_array().unwrap() {
        assert!(g["streams"].as_array().unwrap().iter().all(|s| s["level"] == g["level"]));
    }
    let en = s.get_lang("/api/v1/establishments/0630020E/streams", "en").await.json();
    assert_ne!(en["groups"][0]["label"], "Seconde");

    // A vocational lycée: CAP before bac pro.
    let lp = s.get("/api/v1/establishments/0631409P/streams").await.json();
    let levels: Vec<&str> = lp["groups"].as_array().unwrap().iter().map(|g| g["level"].as_str().unwrap()).collect();
    let pos = |l: &str| levels.iter().position(|x| *x == l);
    if let (Some(cap), Some(bp)) = (pos("cap"), pos("bac-pro")) {
        assert!(cap < bp, "{levels:?}");
    }
    assert!(!levels.is_empty());
}

#[tokio::test]
async fn find_your_stream_across_the_region_or_one_establishment() {
    let s = Server::start();
    let r = s.get("/api/v1/streams?q=comptabilite").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    let labels: Vec<&str> = v["items"].as_array().unwrap().iter().map(|s| s["label"].as_str().unwrap()).collect();
    assert!(labels.iter().any(|l| l.starts_with("Comptabilité")), "{labels:?}");

    let within = s.get("/api/v1/streams?q=STMG&uai=0630020E").await.json();
    assert_eq!(within["total"], 5, "1re STMG and four terminale specialities: {within}");
    let none = s.get("/api/v1/streams?q=electricien&uai=0630020E").await.json();
    assert_eq!(none["total"], 0);
    let elsewhere = s.get("/api/v1/streams?q=%C3%A9lectricien").await.json();
    assert!(elsewhere["total"].as_u64().unwrap() >= 1);

    let all = s.get("/api/v1/streams?per_page=5&page=2").await.json();
    assert_eq!(all["items"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn campaign_and_charter() {
    let s = Server::start();
    let c = s.get("/api/v1/campaign").await.json();
    assert_eq!(c["id"], "2026-2027");
    let fr = s.get("/api/v1/charter").await.json();
    assert_eq!(fr["lang"], "fr");
    assert_eq!(fr["version"], c["charter_version"]);
    let en = s.get("/api/v1/charter?lang=en").await.json();
    assert_eq!(en["lang"], "en");
    assert_eq!(s.get_lang("/api/v1/charter", "en").await.json()["lang"], "en");
    assert_eq!(s.get_lang("/api/v1/charter?lang=fr", "en").await.json()["lang"], "fr");

    // The charter covers what the Région asks of every holder, in both languages.
    for (charter, points) in [
        (&fr, ["personnelle", "comportement responsable", "suspension de tes avantages"]),
        (&en, ["personal card", "responsible", "suspend your advantages"]),
    ] {
        let text = charter["sections"].to_string();
        for point in points {
            assert!(text.contains(point), "charter {} lacks {point:?}", charter["lang"]);
        }
    }
}
