//! `--region-data`: the whole region from `../shared/data` (skipped when that folder is absent, e.g. on a fresh
//! clone without the shared material).

use crate::harness::Server;
use axum::http::StatusCode;

fn region_dir() -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
    dir.join("ara_etablissements.csv").exists().then_some(dir)
}

#[tokio::test]
async fn whole_region_loads_with_general_and_vocational_streams() {
    let Some(dir) = region_dir() else {
        eprintln!("skipped: ../shared/data is not there");
        return;
    };
    let s = Server::with(|c| c.region_data = Some(dir));
    let all = s.get("/api/v1/establishments?per_page=1").await.json();
    assert_eq!(all["total"], 1062);

    // Sidoine Apollinaire keeps its curated name and technological series, and gets its BTS from the constat file.
    let e = s.get("/api/v1/establishments/0630020E").await.json();
    assert_eq!(e["name"], "Lycée Sidoine Apollinaire");
    let streams = s.get("/api/v1/establishments/0630020E/streams").await.json();
    let levels: Vec<&str> = streams["groups"].as_array().unwrap().iter().map(|g| g["level"].as_str().unwrap()).collect();
    assert_eq!(levels, ["2nde", "1re", "terminale", "bts", "autre"]);

    // An establishment outside the sample: a name tidied from the upper-case source, streams from the data.
    let lp = s.get("/api/v1/establishments/0010001W").await.json();
    assert!(lp["name"].as_str().unwrap().starts_with("Lycée professionnel Alexandre Bérard"), "{lp}");
    let lp_streams = s.get("/api/v1/establishments/0010001W/streams").await.json();
    let lp_levels: Vec<&str> = lp_streams["groups"].as_array().unwrap().iter().map(|g| g["level"].as_str().unwrap()).collect();
    assert_eq!(&lp_levels[..2], ["cap", "bac-pro"]);

    // Every LEGT has the general track: pick one outside the sample.
    let legt = s.get("/api/v1/establishments/0010010F/streams").await;
    assert_eq!(legt.status, StatusCode::OK);
    assert_eq!(legt.json()["groups"][0]["streams"][0]["code"], "2001001811");

    let lyon = s.get("/api/v1/establishments?q=LYON&per_page=50").await.json();
    assert!(lyon["total"].as_u64().unwrap() > 50);
    assert_eq!(lyon["items"].as_array().unwrap().len(), 50);
    let cuisine = s.get("/api/v1/streams?q=cuisine").await.json();
    assert!(cuisine["total"].as_u64().unwrap() >= 2);
}
