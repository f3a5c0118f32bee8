//! UAI, the national identifier of an establishment ("unité administrative immatriculée").
//!
//! Seven characters (the department on three, then a number) and a check letter: the seven characters read as a
//! number, modulo 23, index an alphabet without I, O and Q (too easily read as 1, 0 and 0). Checking the letter
//! catches a mistyped UAI before the server is asked about it.

use crate::error::ErrorCode;

const CHECK_ALPHABET: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";

/// The check letter of the seven leading characters, `None` unless they are seven ASCII digits.
pub fn uai_check_letter(seven: &str) -> Option<char> {
    if seven.len() != 7 || !seven.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = seven.parse().ok()?;
    Some(CHECK_ALPHABET[(n % 23) as usize] as char)
}

/// The UAI in canonical form (upper case, no spaces) if its check letter is right.
pub fn normalize_uai(input: &str) -> Result<String, ErrorCode> {
    let s: String = input.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    if s.is_empty() {
        return Err(ErrorCode::Required);
    }
    if s.len() != 8 || !s.is_ascii() {
        return Err(ErrorCode::UaiInvalid);
    }
    let (seven, letter) = s.split_at(7);
    match uai_check_letter(seven) {
        Some(expected) if letter.starts_with(expected) => Ok(s),
        _ => Err(ErrorCode::UaiInvalid),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_uai_table() {
        let cases: &[(&str, Result<&str, ErrorCode>)] = &[
            ("0630020E", Ok("0630020E")), // Lycée Sidoine Apollinaire, Clermont-Ferrand
            ("0630020e", Ok("0630020E")),
            (" 063 0020 E ", Ok("0630020E")),
            ("0630020F", Err(ErrorCode::UaiInvalid)),
            ("0630021E", Err(ErrorCode::UaiInvalid)),
            ("0360020E", Err(ErrorCode::UaiInvalid)), // swapped digits
            ("063002E", Err(ErrorCode::UaiInvalid)),
            ("06300200E", Err(ErrorCode::UaiInvalid)),
            ("A630020E", Err(ErrorCode::UaiInvalid)),
            ("0630020é", Err(ErrorCode::UaiInvalid)),
            ("", Err(ErrorCode::Required)),
        ];
        for (input, want) in cases {
            let got = normalize_uai(input);
            assert_eq!(got.as_deref().map_err(|e| *e), *want, "{input:?}");
        }
    }

    #[test]
    fn alphabet_skips_i_o_q() {
        assert!(!CHECK_ALPHABET.iter().any(|b| matches!(b, b'I' | b'O' | b'Q')));
        assert_eq!(uai_check_letter("0000000"), Some('A'));
        assert_eq!(uai_check_letter("0000022"), Some('Z'));
        assert_eq!(uai_check_letter("0000023"), Some('A'));
    }

    /// Real UAIs of the region's lycées and CFAs (from the Ministry's open data, see shared/data/README.md).
    #[test]
    fn real_uais_pass() {
        for uai in [
            "0630020E", "0010001W", "0010006B", "0030006R", "0070001N", "0150006A", "0260006R", "0420008F", "0430003V",
            "0630001J", "0690003D", "0730003G", "0740003B",
        ] {
            assert_eq!(normalize_uai(uai).as_deref(), Ok(uai), "{uai}");
        }
    }

    /// Every establishment of the region, when the shared data set sits beside the repository (it is not part of
    /// a fresh clone, so the test passes quietly without it).
    #[test]
    fn every_uai_of_the_region_passes_when_the_data_is_there() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data/ara_etablissements.csv");
        let Ok(csv) = std::fs::read_to_string(path) else {
            return;
        };
        let uais: Vec<&str> = csv.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
        assert!(uais.len() > 1000, "{}", uais.len());
        for uai in uais {
            assert_eq!(normalize_uai(uai).as_deref(), Ok(uai));
            // And one wrong letter is always caught.
            let (seven, letter) = uai.split_at(7);
            let other = if letter == "A" { "B" } else { "A" };
            assert_eq!(normalize_uai(&format!("{seven}{other}")), Err(ErrorCode::UaiInvalid));
        }
    }
}
