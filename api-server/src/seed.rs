//! The reference data compiled into the binary, so that a fresh clone works from any directory without
//! `../shared/data`: the whole region (`api-server/region/*.csv`, made by `region::export`), which the server
//! loads by default, and a sample of 34 establishments (`api-server/seed/*.csv`) for fast tests.

use crate::csv;
use crate::refdata::RefData;
use passregion_core::api::{Establishment, Stream};

pub const ESTABLISHMENTS_CSV: &str = include_str!("../seed/establishments.csv");
pub const STREAMS_CSV: &str = include_str!("../seed/streams.csv");
pub const OFFERS_CSV: &str = include_str!("../seed/establishment_streams.csv");

pub const REGION_ESTABLISHMENTS_CSV: &str = include_str!("../region/establishments.csv");
pub const REGION_STREAMS_CSV: &str = include_str!("../region/streams.csv");
pub const REGION_OFFERS_CSV: &str = include_str!("../region/establishment_streams.csv");

/// File names of the three tables, in the order of [`to_csv`].
pub const FILES: [&str; 3] = ["establishments.csv", "streams.csv", "establishment_streams.csv"];

fn opt(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.trim().to_string())
}

/// The sample, checked (UAI check letters, levels, offers).
pub fn sample() -> Result<RefData, String> {
    parse(ESTABLISHMENTS_CSV, STREAMS_CSV, OFFERS_CSV)
}

/// The whole region as committed in `api-server/region/`, checked like the sample.
pub fn shipped_region() -> Result<RefData, String> {
    parse(REGION_ESTABLISHMENTS_CSV, REGION_STREAMS_CSV, REGION_OFFERS_CSV)
        .map_err(|e| format!("api-server/region/{e}"))
}

pub fn parse(establishments: &str, streams: &str, offers: &str) -> Result<RefData, String> {
    let mut data = RefData::default();
    for r in csv::parse(establishments).map_err(|e| format!("establishments.csv: {e}"))? {
        data.establishments.push(Establishment {
            uai: r["uai"].clone(),
            name: r["name"].clone(),
            kind: r["kind"].clone(),
            status: opt(&r["status"]),
            commune: opt(&r["commune"]),
            postal_code: opt(&r["postal_code"]),
            department: r["department"].clone(),
        });
    }
    for r in csv::parse(streams).map_err(|e| format!("streams.csv: {e}"))? {
        data.streams.push(Stream { code: r["code"].clone(), label: r["label"].clone(), level: r["level"].clone() });
    }
    for r in csv::parse(offers).map_err(|e| format!("establishment_streams.csv: {e}"))? {
        data.offers.push((r["uai"].clone(), r["stream_code"].clone()));
    }
    data.check()?;
    Ok(data)
}

/// The three files of reference data, in the order of [`FILES`].
pub fn to_csv(data: &RefData) -> [String; 3] {
    let mut est = csv::line(&["uai", "name", "kind", "status", "commune", "postal_code", "department"]);
    for e in &data.establishments {
        est += &csv::line(&[
            &e.uai,
            &e.name,
            &e.kind,
            e.status.as_deref().unwrap_or(""),
            e.commune.as_deref().unwrap_or(""),
            e.postal_code.as_deref().unwrap_or(""),
            &e.department,
        ]);
    }
    let mut streams = csv::line(&["code", "label", "level"]);
    for s in &data.streams {
        streams += &csv::line(&[&s.code, &s.label, &s.level]);
    }
    let mut offers = csv::line(&["uai", "stream_code"]);
    for (u, c) in &data.offers {
        offers += &csv::line(&[u, c]);
    }
    [est, streams, offers]
}

/// Writes reference data in the format [`parse`] reads (the sample, the region's compact copy).
pub fn write(data: &RefData, dir: &std::path::Path) -> std::io::Result<()> {
    for (name, text) in FILES.iter().zip(to_csv(data)) {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn shipped_sample_is_valid_and_has_sidoine_apollinaire() {
        let data = super::sample().unwrap();
        assert!(data.establishments.len() >= 24, "a few dozen establishments");
        let deps: std::collections::HashSet<_> = data.establishments.iter().map(|e| &e.department).collect();
        assert!(deps.len() >= 6, "several departments");
        let s = data.establishments.iter().find(|e| e.uai == "0630020E").expect("0630020E");
        assert_eq!(s.name, "Lycée Sidoine Apollinaire");
        let offers: Vec<_> = data.offers.iter().filter(|(u, _)| u == "0630020E").map(|(_, c)| c.as_str()).collect();
        assert!(offers.contains(&"2001001811") && offers.contains(&"2113101611"), "{offers:?}");
        assert!(offers.iter().any(|c| c.starts_with("32")), "BTS from the constat file");
    }

    #[test]
    fn shipped_region_is_whole_valid_and_cased() {
        let data = super::shipped_region().unwrap();
        assert_eq!(data.establishments.len(), 1062);
        let deps: std::collections::HashSet<_> = data.establishments.iter().map(|e| e.department.as_str()).collect();
        assert_eq!(deps.len(), 12, "{deps:?}");
        let legt_without_general = data
            .establishments
            .iter()
            .filter(|e| e.kind == "LEGT")
            .filter(|e| !data.offers.iter().any(|(u, c)| *u == e.uai && c == "2001001811"))
            .count();
        assert_eq!(legt_without_general, 0, "every LEGT offers the seconde générale et technologique");
        // No name or commune left as the upper-case source wrote it. (CFA names from InserJeunes are mixed case and
        // kept so, brand names in capitals included.)
        for e in &data.establishments {
            let one_word = !e.name.contains(' '); // "SUP2I", an acronym alone
            assert!(one_word || e.name.chars().any(char::is_lowercase), "{}: {}", e.uai, e.name);
            for shouted in ["LYCEE", "LYCÉE", "Lycee ", " lycee ", "Organisme de formation-"] {
                assert!(!e.name.contains(shouted), "{}: {}", e.uai, e.name);
            }
            if let Some(c) = &e.commune {
                assert!(c.chars().any(char::is_lowercase), "{}: {c}", e.uai);
            }
        }
        for s in &data.streams {
            assert!(s.label.chars().any(char::is_lowercase), "{}: {}", s.code, s.label);
        }
    }

    #[test]
    fn bad_check_letter_is_refused() {
        let err = super::parse(
            "uai,name,kind,status,commune,postal_code,department\n0630020F,X,LEGT,,,,63\n",
            "code,label,level\n",
            "uai,stream_code\n",
        )
        .unwrap_err();
        assert!(err.contains("check letter"), "{err}");
    }
}
