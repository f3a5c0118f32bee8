//! Turns the region's open-data files (`../shared/data/`) into reference data: every establishment, the general
//! track for every lycée that has one, the vocational and post-bac courses of the 2020 "constat" file, plus the
//! technological series the shipped sample records (the open data does not say which lycée has which series).
//!
//! [`export`] writes the result to `api-server/region/`, the copy the server loads by default; a test fails when
//! that copy no longer matches what this module makes of `../shared/data`.

use crate::catalogue::{GENERAL_AND_TECHNO, GENERAL_TRACK, KINDS_WITH_GENERAL_TRACK};
use crate::names::Speller;
use crate::refdata::RefData;
use crate::{csv, levels, names, seed};
use passregion_core::api::{Establishment, Stream};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

pub const ESTABLISHMENTS_FILE: &str = "ara_etablissements.csv";
pub const CONSTAT_FILE: &str = "ara_lycee_formations_constat2020.csv";

fn read(dir: &Path, name: &str) -> Result<Vec<HashMap<String, String>>, String> {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    csv::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn status(raw: &str) -> Option<String> {
    match raw.trim() {
        "" => None,
        "public" => Some("public".into()),
        _ => Some("private".into()),
    }
}

/// Loads the whole region; `sample` supplies curated labels and the technological series it knows.
pub fn load(dir: &Path, sample: &RefData) -> Result<RefData, String> {
    let sample_labels: HashMap<&str, &Stream> = sample.streams.iter().map(|s| (s.code.as_str(), s)).collect();
    let sample_names: HashMap<&str, &Establishment> =
        sample.establishments.iter().map(|e| (e.uai.as_str(), e)).collect();

    let rows = read(dir, ESTABLISHMENTS_FILE)?;
    let speller = speller(&rows);
    let mut data = RefData::default();
    for row in rows {
        let uai = row.get("uai").map(|s| s.trim().to_string()).unwrap_or_default();
        let e = match sample_names.get(uai.as_str()) {
            Some(curated) => (*curated).clone(),
            None => Establishment {
                name: speller.establishment_name(&row["name"]),
                kind: non_empty(&row["type"]).unwrap_or_else(|| "AUTRE".into()),
                status: status(&row["status"]),
                commune: non_empty(&row["commune"]).map(|c| speller.commune_name(&c)),
                postal_code: non_empty(&row["postal_code"]),
                department: row["department"].trim().to_string(),
                uai,
            },
        };
        data.establishments.push(e);
    }
    let known: HashSet<String> = data.establishments.iter().map(|e| e.uai.clone()).collect();

    let mut streams: BTreeMap<String, Stream> = BTreeMap::new();
    for (code, label, level) in GENERAL_AND_TECHNO {
        streams.insert(
            code.to_string(),
            Stream { code: code.to_string(), label: label.to_string(), level: level.to_string() },
        );
    }
    let mut offers: Vec<(String, String)> = Vec::new();
    for e in &data.establishments {
        if KINDS_WITH_GENERAL_TRACK.contains(&e.kind.as_str()) {
            offers.extend(GENERAL_TRACK.iter().map(|c| (e.uai.clone(), c.to_string())));
        }
    }
    for row in read(dir, CONSTAT_FILE)? {
        let (uai, code, raw_label) = (&row["uai"], &row["formation_diplome"], &row["libelle_diplome"]);
        if !known.contains(uai) || code.is_empty() {
            continue;
        }
        streams.entry(code.clone()).or_insert_with(|| match sample_labels.get(code.as_str()) {
            Some(s) => (*s).clone(),
            None => Stream {
                code: code.clone(),
                label: names::stream_label(raw_label),
                level: levels::of_diploma(code, raw_label).to_string(),
            },
        });
        offers.push((uai.clone(), code.clone()));
    }
    // The sample's curated offers (technological series) hold for the whole region too.
    for (uai, code) in &sample.offers {
        if known.contains(uai) && streams.contains_key(code) {
            offers.push((uai.clone(), code.clone()));
        }
    }
    // Sorted, so that the exported copy's diffs show what changed and nothing else.
    offers.sort();
    offers.dedup();
    data.establishments.sort_by(|a, b| a.uai.cmp(&b.uai));
    data.streams = streams.into_values().collect();
    data.offers = offers;
    data.check()?;
    Ok(data)
}

/// The spellings the establishments file itself gives: accented words anywhere in it, and the communes some of
/// its sources write in mixed case ("Clermont-Ferrand" for the rows that say "CLERMONT FERRAND").
fn speller(rows: &[HashMap<String, String>]) -> Speller {
    let mut speller = Speller::default();
    for row in rows {
        speller.learn(&row["name"]);
        speller.learn(&row["commune"]);
    }
    for row in rows {
        speller.learn_commune(&row["commune"]);
    }
    speller
}

/// Where the compact copy of the region lives, next to the sample in `seed/`.
pub fn shipped_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("region")
}

/// Writes the whole region, as [`load`] makes it of `region_dir`, in the sample's format to `out_dir`.
pub fn export(region_dir: &Path, out_dir: &Path) -> Result<(), String> {
    let data = load(region_dir, &seed::sample()?)?;
    seed::write(&data, out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `../shared/data`, beside the repository (there in CI, absent from a fresh clone).
    fn shared_data() -> Option<std::path::PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
        dir.join(ESTABLISHMENTS_FILE).exists().then_some(dir)
    }

    #[test]
    #[ignore = "regenerates api-server/region from ../shared/data"]
    fn export_region() {
        let dir = shared_data().expect("../shared/data beside the repository");
        export(&dir, &shipped_dir()).unwrap();
    }

    #[test]
    fn shipped_copy_matches_the_open_data() {
        let Some(dir) = shared_data() else {
            eprintln!("skipped: ../shared/data is not there to compare api-server/region with");
            return;
        };
        let made = seed::to_csv(&load(&dir, &seed::sample().unwrap()).unwrap());
        let shipped = [seed::REGION_ESTABLISHMENTS_CSV, seed::REGION_STREAMS_CSV, seed::REGION_OFFERS_CSV];
        for ((name, made), shipped) in seed::FILES.iter().zip(&made).zip(shipped) {
            if made != shipped {
                let line = made.lines().zip(shipped.lines()).position(|(a, b)| a != b).map_or_else(
                    || format!("{} lines made, {} shipped", made.lines().count(), shipped.lines().count()),
                    |n| format!("first difference on line {}", n + 1),
                );
                panic!(
                    "api-server/region/{name} is stale ({line}): regenerate it with \
                     `cargo test -p passregion-api-server --lib export_region -- --ignored` and commit it"
                );
            }
        }
    }
}
