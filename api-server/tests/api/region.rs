//! The whole region: the copy compiled in (`api-server/region/`), which a server started without options serves,
//! and `--region-data`, which rebuilds it from `../shared/data` (skipped when that folder is absent, e.g. on a fresh
//! clone without the shared material).

use crate::harness::Server;
use axum::http::StatusCode;
use passregion_api_server::config::RegionData;
use serde_json::Value;

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
    let s = Server::with(|c| c.region_data = RegionData::Dir(dir));
    let all = s.get("/api/v1/establishments?per_page=1").await.json();
    assert_eq!(all["total"], 1062);

    // Sidoine Apollinaire keeps its curated name and technological series, and gets its BTS from the constat file.
    let e = s.get("/api/v1/establishments/0630020E").await.json();
    assert_eq!(e["name"], "Lycée Sidoine Apollinaire");
    let streams = s.get("/api/v1/establishments/0630020E/streams").await.json();
    let levels: Vec<&str> =
        streams["groups"].as_array().unwrap().iter().map(|g| g["level"].as_str().unwrap()).collect();
    assert_eq!(levels, ["2nde", "1re", "terminale", "bts", "autre"]);

    // An establishment outside the sample: a name tidied from the upper-case source, streams from the data.
    let lp = s.get("/api/v1/establishments/0010001W").await.json();
    assert!(lp["name"].as_str().unwrap().starts_with("Lycée professionnel Alexandre Bérard"), "{lp}");
    let lp_streams = s.get("/api/v1/establishments/0010001W/streams").await.json();
    let lp_levels: Vec<&str> =
        lp_streams["groups"].as_array().unwrap().iter().map(|g| g["level"].as_str().unwrap()).collect();
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

fn whole_region() -> Server {
    // What `passregion-api` serves without options; the harness otherwise picks the sample for speed.
    Server::with(|c| c.region_data = RegionData::default())
}

fn names(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_server_without_options_serves_the_whole_region() {
    let s = whole_region();
    assert_eq!(s.get("/api/v1/establishments?per_page=1").await.json()["total"], 1062);

    // Lycée Ampère (Lyon 2e) is not in the sample: "ampere" finds it, without its accent.
    let ampere = s.get("/api/v1/establishments?q=ampere").await.json();
    let found = ampere["items"].as_array().unwrap().iter().find(|e| e["uai"] == "0690023A").expect("Lycée Ampère");
    assert_eq!(found["name"], "Lycée Ampère");
    assert_eq!(found["commune"], "Lyon 2e Arrondissement");

    // Lyon has dozens of lycées, not one.
    let lyon = s.get("/api/v1/establishments?q=lycee%20lyon&per_page=50").await.json();
    assert!(lyon["total"].as_u64().unwrap() >= 40, "{}", lyon["total"]);
    let in_lyon = lyon["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["commune"].as_str().is_some_and(|c| c.starts_with("Lyon ")))
        .count();
    assert!(in_lyon >= 30, "{in_lyon} of the first 50 in Lyon");

    let sidoine = s.get("/api/v1/establishments/0630020E").await.json();
    assert_eq!(sidoine["name"], "Lycée Sidoine Apollinaire");
    assert_eq!(sidoine["commune"], "Clermont-Ferrand");
    let streams = s.get("/api/v1/establishments/0630020E/streams").await.json();
    let codes: Vec<&str> = streams["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["streams"].as_array().unwrap())
        .map(|st| st["code"].as_str().unwrap())
        .collect();
    for code in ["2001001811", "2113101611", "2123310411"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    assert!(codes.iter().any(|c| c.starts_with("320")), "a BTS from the constat file: {codes:?}");

    // A search by commune, typed without accent or hyphen, meets the restored spelling.
    let saint_etienne = names(&s.get("/api/v1/establishments?q=urfe%20saint%20etienne").await.json());
    assert_eq!(saint_etienne, ["Lycée général et technologique Honoré d'Urfé"]);
}

#[tokio::test]
async fn upper_case_names_come_out_cased_and_accented() {
    let s = whole_region();
    for (uai, name, commune) in [
        // LYCEE PROFESSIONNEL ALEXANDRE BERARD LYCEE DES METIERS DE L ENERGIE ET DE L HABITAT, AMBERIEU EN BUGEY
        (
            "0010001W",
            "Lycée professionnel Alexandre Bérard, lycée des métiers de l'énergie et de l'habitat",
            "Ambérieu-en-Bugey",
        ),
        // LYCEE GENERAL DE LA COTIERE, LA BOISSE
        ("0011326L", "Lycée général de la Côtière", "La Boisse"),
        // LYCEE POLYVALENT PRIVE JEANNE D ARC, CESSY
        ("0010878Z", "Lycée polyvalent privé Jeanne d'Arc", "Cessy"),
        // LYCEE GENERAL ET TECHNOLOGIQUE HONORE D URFE, SAINT ETIENNE
        ("0420042T", "Lycée général et technologique Honoré d'Urfé", "Saint-Étienne"),
        // LYCEE CLIMATIQUE JEAN PREVOST, VILLARD DE LANS
        ("0380097Z", "Lycée climatique Jean Prévost", "Villard-de-Lans"),
        // LYCEE POLYVALENT L ARMAND, CHAMBERY
        ("0731248K", "Lycée polyvalent Louis Armand", "Chambéry"),
        // LYCEE GENERAL ET TECHNOLOGIQUE MARIE CURIE, ECHIROLLES
        ("0382920T", "Lycée général et technologique Marie Curie", "Échirolles"),
        // LYCEE GENERAL MADAME DE STAËL, MONTLUCON
        ("0030025L", "Lycée général Madame de Staël", "Montluçon"),
    ] {
        let e = s.get(&format!("/api/v1/establishments/{uai}")).await.json();
        assert_eq!((e["name"].as_str().unwrap(), e["commune"].as_str().unwrap()), (name, commune), "{uai}");
    }
}
