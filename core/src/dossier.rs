//! Dossier numbers: nine digits and a Damm check digit.
//!
//! The dossier number is the login of the beneficiary space and is read out over the phone and copied from paper,
//! so it carries a check digit. Damm's algorithm catches every single wrong digit and every swap of two
//! neighbouring digits — the two commonest copying slips — with one decimal digit and no letters (unlike
//! ISO 7064 mod 11, which sometimes needs an "X"), and is simpler to reason about than Verhoeff.

/// A totally anti-symmetric quasigroup of order 10 (Damm, 2004): row = running interim digit, column = next digit.
const TABLE: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/// Digits before the check digit.
pub const BODY_LEN: usize = 9;
/// Digits of a full dossier number.
pub const LEN: usize = BODY_LEN + 1;

fn interim(digits: &str) -> Option<u8> {
    digits.bytes().try_fold(0u8, |acc, b| b.is_ascii_digit().then(|| TABLE[acc as usize][(b - b'0') as usize]))
}

/// The check digit of a string of ASCII digits, `None` if it holds anything else or is empty.
pub fn check_digit(digits: &str) -> Option<u8> {
    if digits.is_empty() {
        return None;
    }
    interim(digits)
}

/// The full dossier number for nine digits, `None` unless exactly nine ASCII digits are given.
pub fn with_check_digit(body: &str) -> Option<String> {
    if body.len() != BODY_LEN {
        return None;
    }
    let check = check_digit(body)?;
    Some(format!("{body}{check}"))
}

/// The ten digits without the spaces (or dots, dashes) a person may type, whatever their validity.
pub fn normalize(input: &str) -> String {
    input.chars().filter(|c| !(c.is_whitespace() || matches!(c, '.' | '-'))).collect()
}

/// Whether the input, once spaces are removed, is ten digits whose Damm check comes out to zero.
pub fn is_valid(input: &str) -> bool {
    let s = normalize(input);
    s.len() == LEN && interim(&s) == Some(0)
}

/// Grouped in pairs for reading and dictating, the way French ten-digit phone numbers are: "46 75 82 35 65".
pub fn format(number: &str) -> String {
    let s = normalize(number);
    if s.len() != LEN || !s.is_ascii() {
        return number.to_string();
    }
    s.as_bytes().chunks(2).map(|pair| std::str::from_utf8(pair).unwrap_or_default()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Known values of Damm's algorithm (the worked example "572" → 4 from Damm's description).
    #[test]
    fn known_check_digits() {
        assert_eq!(check_digit("572"), Some(4));
        assert!(is_valid("1234567890") == (check_digit("123456789") == Some(0)));
        assert_eq!(with_check_digit("000000000").as_deref(), Some("0000000000"));
        assert_eq!(check_digit(""), None);
        assert_eq!(check_digit("12a"), None);
        assert_eq!(with_check_digit("12345678"), None);
        assert_eq!(with_check_digit("1234567890"), None);
    }

    #[test]
    fn table_is_a_totally_antisymmetric_quasigroup_with_zero_diagonal() {
        for (i, table_row) in TABLE.iter().enumerate() {
            assert_eq!(table_row[i], 0);
            let mut row: Vec<u8> = table_row.to_vec();
            let mut col: Vec<u8> = (0..10).map(|r| TABLE[r][i]).collect();
            row.sort();
            col.sort();
            assert_eq!(row, (0..10).collect::<Vec<u8>>(), "row {i}");
            assert_eq!(col, (0..10).collect::<Vec<u8>>(), "column {i}");
        }
        for c in 0..10 {
            for x in 0..10 {
                for y in 0..10 {
                    if x != y {
                        assert_ne!(TABLE[TABLE[c][x] as usize][y], TABLE[TABLE[c][y] as usize][x]);
                    }
                }
            }
        }
    }

    /// Bodies spread over the whole range, by a fixed linear congruential walk (reproducible, no clock).
    fn samples() -> impl Iterator<Item = String> {
        let mut x: u64 = 12_345;
        (0..2_000).map(move |_| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            format!("{:09}", (x >> 24) % 1_000_000_000)
        })
    }

    #[test]
    fn every_single_digit_error_is_caught() {
        for body in samples() {
            let good = with_check_digit(&body).unwrap();
            assert!(is_valid(&good), "{good}");
            for pos in 0..LEN {
                for digit in b'0'..=b'9' {
                    let mut bad = good.clone().into_bytes();
                    if bad[pos] == digit {
                        continue;
                    }
                    bad[pos] = digit;
                    let bad = String::from_utf8(bad).unwrap();
                    assert!(!is_valid(&bad), "{good} → {bad} not caught");
                }
            }
        }
    }

    #[test]
    fn every_adjacent_transposition_is_caught() {
        for body in samples() {
            let good = with_check_digit(&body).unwrap();
            for pos in 0..LEN - 1 {
                let mut bad = good.clone().into_bytes();
                if bad[pos] == bad[pos + 1] {
                    continue;
                }
                bad.swap(pos, pos + 1);
                let bad = String::from_utf8(bad).unwrap();
                assert!(!is_valid(&bad), "{good} → {bad} not caught");
            }
        }
    }

    #[test]
    fn typed_input_is_forgiven() {
        let good = with_check_digit("630020117").unwrap();
        let spaced = format(&good);
        assert_eq!(spaced.len(), 14);
        assert_eq!(format("4675823565"), "46 75 82 35 65");
        assert_eq!(format("46758"), "46758", "not a dossier number: left as it is");
        assert!(is_valid(&spaced));
        assert!(is_valid(&format!("  {good} ")));
        assert!(!is_valid(&good[..9]));
        assert!(!is_valid(&format!("{good}0")));
        assert!(!is_valid("abcdefghij"));
        assert!(!is_valid(""));
    }
}
