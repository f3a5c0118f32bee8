//! The commune of a postal address, checked against the official postcode list (INSEE's Code officiel
//! géographique, through the `codes-postaux` package: see `api-server/communes/README.md`).
//!
//! The list is the server's (half a megabyte: never in the app's first page); the app asks the server for the
//! communes of one postcode and both run the same check here. A commune typed as "clermont ferrand", "CLERMONT-FD"…
//! is not guessed at: it matches when it is the same name once case, accents, hyphens and "St"/"Ste" are set aside,
//! and is then stored as the list writes it ("Clermont-Ferrand").
//!
//! The list misses a few places (new communes before the next edition, some overseas collectivities, CEDEX codes):
//! the person then says "Ma commune n'est pas dans la liste" (`commune_not_listed`), and the commune is kept as
//! typed, after the address rules.

use crate::api::field;
use crate::error::{ErrorCode, FieldIssue};

/// The name reduced to what tells communes apart: lower case, no accents, words separated by single spaces, "st" and
/// "ste" spelled out, an arrondissement number dropped ("Lyon 3e" is Lyon: the postcode says which).
pub fn commune_key(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => "o",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'ý' | 'ÿ' => "y",
            'œ' => "oe",
            'æ' => "ae",
            // Combining accents, when the text was not put in NFC first.
            '\u{0300}'..='\u{036F}' => "",
            c if c.is_alphanumeric() => {
                folded.push(c);
                continue;
            }
            _ => " ",
        };
        folded.push_str(mapped);
    }
    folded
        .split_whitespace()
        .filter(|w| *w != "arrondissement" && !w.starts_with(|c: char| c.is_ascii_digit()))
        .map(|w| match w {
            "st" => "saint",
            "ste" => "sainte",
            w => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The list's spelling of `typed` among the communes of its postcode, if it is one of them.
pub fn find_listed<'a>(typed: &str, listed: &'a [String]) -> Option<&'a str> {
    let key = commune_key(typed);
    if key.is_empty() {
        return None;
    }
    listed.iter().find(|c| commune_key(c) == key).map(String::as_str)
}

/// The commune to store for an address whose postcode the list gives `listed` for (empty: a postcode the list does
/// not know), `commune` having passed the address rules already.
///
/// - one of the listed communes: stored as the list writes it;
/// - marked as not listed (`not_listed`): kept as typed;
/// - otherwise refused: on the postcode when the list does not know it, on the commune when the postcode has other
///   communes.
pub fn settle_commune(commune: &str, listed: &[String], not_listed: bool) -> Result<String, FieldIssue> {
    if let Some(found) = find_listed(commune, listed) {
        return Ok(found.to_string());
    }
    if not_listed {
        Ok(commune.to_string())
    } else if listed.is_empty() {
        Err((field::POSTAL_CODE, ErrorCode::PostalCodeUnknown))
    } else {
        Err((field::COMMUNE, ErrorCode::CommuneNotInPostalCode))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ErrorCode::*;

    #[test]
    fn key_table() {
        for (typed, key) in [
            ("Clermont-Ferrand", "clermont ferrand"),
            ("clermont ferrand", "clermont ferrand"),
            ("  CLERMONT--FERRAND ", "clermont ferrand"),
            ("Saint-Étienne", "saint etienne"),
            ("St Etienne", "saint etienne"),
            ("ST-ÉTIENNE", "saint etienne"),
            ("Saint-E\u{0301}tienne", "saint etienne"),
            ("Ste-Foy-lès-Lyon", "sainte foy les lyon"),
            ("L'Haÿ-les-Roses", "l hay les roses"),
            ("L’Haÿ-les-Roses", "l hay les roses"),
            ("Œuilly", "oeuilly"),
            ("Lyon 3e Arrondissement", "lyon"),
            ("Lyon 3e", "lyon"),
            ("Paris 1er", "paris"),
            ("Stella-Plage", "stella plage"),
            ("", ""),
            ("-", ""),
        ] {
            assert_eq!(commune_key(typed), key, "{typed:?}");
        }
    }

    fn list(names: &[&str]) -> Vec<String> {
        names.iter().map(std::string::ToString::to_string).collect()
    }

    #[test]
    fn settle_table() {
        let clermont = list(&["Clermont-Ferrand"]);
        let vitry = list(&["Bassu", "Vitry-en-Perthois", "Vitry-le-François"]);
        let cases: &[(&str, &[String], bool, Result<&str, FieldIssue>)] = &[
            ("Clermont-Ferrand", &clermont, false, Ok("Clermont-Ferrand")),
            ("clermont ferrand", &clermont, false, Ok("Clermont-Ferrand")),
            ("CLERMONT FERRAND", &clermont, true, Ok("Clermont-Ferrand")),
            ("vitry le francois", &vitry, false, Ok("Vitry-le-François")),
            ("Lyon", &clermont, false, Err((field::COMMUNE, CommuneNotInPostalCode))),
            ("Clermont", &clermont, false, Err((field::COMMUNE, CommuneNotInPostalCode))),
            ("Vitry", &vitry, false, Err((field::COMMUNE, CommuneNotInPostalCode))),
            ("Lyon", &[], false, Err((field::POSTAL_CODE, PostalCodeUnknown))),
            // The person says the list misses their commune: kept as typed.
            ("Hameau de Lyon", &clermont, true, Ok("Hameau de Lyon")),
            ("Nouméa", &[], true, Ok("Nouméa")),
        ];
        for (typed, listed, not_listed, want) in cases {
            let got = settle_commune(typed, listed, *not_listed);
            assert_eq!(got.as_deref().map_err(|e| *e), *want, "{typed:?} {not_listed}");
        }
        assert_eq!(find_listed("", &clermont), None);
    }
}
