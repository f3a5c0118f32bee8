//! The official postcode → communes list (`communes/communes.tsv`, made from the `codes-postaux` package by
//! `build-tools/communes.mjs`: see `communes/README.md`), compiled in and read once, on first use.

use passregion_core::api::Address;
use passregion_core::application::check_listed_commune;
use passregion_core::error::FieldIssue;
use std::collections::HashMap;
use std::sync::LazyLock;

pub const COMMUNES_TSV: &str = include_str!("../communes/communes.tsv");

#[derive(Debug, Default)]
pub struct PostalCodes {
    by_code: HashMap<String, Vec<String>>,
}

impl PostalCodes {
    /// One line per postcode: five digits, then its communes, tab-separated. Refuses what would make the server
    /// turn away real addresses: a malformed or repeated postcode, a line without a commune, an empty name.
    pub fn parse(tsv: &str) -> Result<PostalCodes, String> {
        let mut by_code = HashMap::new();
        for (n, line) in tsv.lines().enumerate() {
            let mut cells = line.split('\t');
            let code = cells.next().unwrap_or_default();
            if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("line {}: {code:?} is not a postcode", n + 1));
            }
            let communes: Vec<String> = cells.map(str::to_string).collect();
            if communes.is_empty() || communes.iter().any(|c| c.trim().is_empty() || c.trim() != c) {
                return Err(format!("line {}: postcode {code} needs communes without blanks", n + 1));
            }
            if by_code.insert(code.to_string(), communes).is_some() {
                return Err(format!("line {}: postcode {code} listed twice", n + 1));
            }
        }
        Ok(PostalCodes { by_code })
    }

    /// The communes of a (normalised) postcode; empty when the list does not know it.
    pub fn communes(&self, postal_code: &str) -> &[String] {
        self.by_code.get(postal_code).map_or(&[], Vec::as_slice)
    }

    /// (postcodes, postcode–commune pairs)
    pub fn size(&self) -> (usize, usize) {
        (self.by_code.len(), self.by_code.values().map(Vec::len).sum())
    }

    /// The commune to store for an application's address, or the issue: see
    /// [`passregion_core::rules::commune::settle_commune`]. `None` when the postcode or the commune already fails
    /// its own rule (that issue is reported by the request check).
    pub fn check(&self, address: &Address) -> Option<Result<String, FieldIssue>> {
        check_listed_commune(address, |code| Some(self.communes(code)))
    }
}

/// The shipped list. Its test (`shipped_list_reads`) keeps the `expect` from ever firing.
pub fn official() -> &'static PostalCodes {
    static LIST: LazyLock<PostalCodes> =
        LazyLock::new(|| PostalCodes::parse(COMMUNES_TSV).expect("communes/communes.tsv is well formed"));
    &LIST
}

#[cfg(test)]
mod tests {
    use super::*;
    use passregion_core::ErrorCode;
    use passregion_core::api::field;

    #[test]
    fn shipped_list_reads() {
        let list = official();
        // codes-postaux 4.1.2: 35,684 entries, less 11 arrondissements of Marseille sharing a postcode and one
        // commune listed twice under the same postcode (Thièvres, on the Somme/Pas-de-Calais border).
        assert_eq!(list.size(), (6201, 35672));
        assert_eq!(list.communes("63000"), ["Clermont-Ferrand"]);
        assert_eq!(list.communes("69003"), ["Lyon"]);
        assert_eq!(list.communes("75116"), ["Paris"]);
        assert_eq!(list.communes("97400"), ["Saint-Denis"]);
        assert!(list.communes("42000").contains(&"Saint-Étienne".to_string()));
        assert_eq!(list.communes("51300").len(), 46);
        assert!(list.communes("63999").is_empty());
    }

    #[test]
    fn malformed_lists_are_refused() {
        for bad in ["6300\tX", "63000", "63000\t", "63000\tA\t", "63000\t X", "63000\tA\n63000\tB", "6300A\tX"] {
            assert!(PostalCodes::parse(bad).is_err(), "{bad:?}");
        }
        let ok = PostalCodes::parse("63000\tClermont-Ferrand\n51300\tBassu\tVitry-le-François\n").unwrap();
        assert_eq!(ok.size(), (2, 3));
    }

    fn address(postal_code: &str, commune: &str, not_listed: bool) -> Address {
        Address {
            street: "12 rue Blatin".into(),
            complement: None,
            care_of: None,
            postal_code: postal_code.into(),
            commune: commune.into(),
            commune_not_listed: not_listed,
        }
    }

    #[test]
    fn addresses_are_checked_against_the_list() {
        let list = official();
        let cases: &[(&str, &str, bool, Option<Result<&str, FieldIssue>>)] = &[
            ("63000", "Clermont-Ferrand", false, Some(Ok("Clermont-Ferrand"))),
            ("63 000", "clermont  ferrand", false, Some(Ok("Clermont-Ferrand"))),
            ("42000", "St-Etienne", false, Some(Ok("Saint-Étienne"))),
            ("69003", "Lyon 3e", false, Some(Ok("Lyon"))),
            ("63000", "Lyon", false, Some(Err((field::COMMUNE, ErrorCode::CommuneNotInPostalCode)))),
            ("63999", "Clermont-Ferrand", false, Some(Err((field::POSTAL_CODE, ErrorCode::PostalCodeUnknown)))),
            ("63999", "Clermont-Ferrand", true, Some(Ok("Clermont-Ferrand"))),
            ("63000", "Le Bourg de Clermont", true, Some(Ok("Le Bourg de Clermont"))),
            // Their own rules speak first.
            ("6300", "Clermont-Ferrand", false, None),
            ("63000", "", false, None),
        ];
        for (code, commune, not_listed, want) in cases {
            let got = list.check(&address(code, commune, *not_listed));
            let got = got.as_ref().map(|r| r.as_deref().map_err(|e| *e));
            assert_eq!(got, *want, "{code} {commune}");
        }
    }
}
