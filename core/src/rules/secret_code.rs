//! The card's 4-digit secret code, typed at a partner's terminal before an advantage is used.
//!
//! Ten thousand codes exist, but people choose few of them: the twenty below make up about a quarter of all
//! 4-digit codes chosen (published analyses of leaked PIN sets), and schools tell a whole class to use the current
//! year. A thief tries those first, so they are refused with the reason, in plain words.

use crate::Date;

/// The most common 4-digit codes, most common first.
pub const MOST_COMMON: [&str; 20] = [
    "1234", "1111", "0000", "1212", "7777", "1004", "2000", "4444", "2222", "6969", "9999", "3333", "5555", "6666",
    "1122", "1313", "8888", "4321", "2001", "1010",
];

/// Why a code is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeRefusal {
    /// Not exactly four digits.
    NotFourDigits,
    /// One of the codes people choose most.
    TooCommon,
    /// The same digit four times.
    SameDigit,
    /// Digits that follow each other, up or down.
    Sequence,
    /// The person's birth date (day and month either way round, or the year).
    BirthDate,
    /// This year, last year or next year — what schools often suggest.
    Year,
}

impl CodeRefusal {
    /// Stable code for the API and the translations.
    pub fn as_str(self) -> &'static str {
        match self {
            CodeRefusal::NotFourDigits => "code_not_four_digits",
            CodeRefusal::TooCommon => "code_too_common",
            CodeRefusal::SameDigit => "code_same_digit",
            CodeRefusal::Sequence => "code_sequence",
            CodeRefusal::BirthDate => "code_birth_date",
            CodeRefusal::Year => "code_year",
        }
    }

    pub const ALL: [CodeRefusal; 6] = [
        CodeRefusal::NotFourDigits,
        CodeRefusal::TooCommon,
        CodeRefusal::SameDigit,
        CodeRefusal::Sequence,
        CodeRefusal::BirthDate,
        CodeRefusal::Year,
    ];
}

/// Whether `code` may be the card's secret code for someone born on `birth`, `today`. The first reason that
/// applies is given, most specific first (1111 is "the same digit", not merely "common").
pub fn check_secret_code(code: &str, birth: Date, today: Date) -> Result<(), CodeRefusal> {
    let digits: Vec<u8> = code.bytes().map(|b| b.wrapping_sub(b'0')).collect();
    if code.len() != 4 || digits.iter().any(|d| *d > 9) {
        return Err(CodeRefusal::NotFourDigits);
    }
    if digits.iter().all(|d| *d == digits[0]) {
        return Err(CodeRefusal::SameDigit);
    }
    let steps: Vec<i8> = digits.windows(2).map(|w| w[1] as i8 - w[0] as i8).collect();
    if steps.iter().all(|s| *s == 1) || steps.iter().all(|s| *s == -1) {
        return Err(CodeRefusal::Sequence);
    }
    let (dd, mm, yyyy) = (format!("{:02}", birth.day), format!("{:02}", birth.month), format!("{:04}", birth.year));
    if code == format!("{dd}{mm}") || code == format!("{mm}{dd}") || code == yyyy {
        return Err(CodeRefusal::BirthDate);
    }
    let year = i32::from(today.year);
    if (year - 1..=year + 1).any(|y| code == format!("{y:04}")) {
        return Err(CodeRefusal::Year);
    }
    if MOST_COMMON.contains(&code) {
        return Err(CodeRefusal::TooCommon);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use CodeRefusal::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn every_refused_family_and_some_good_codes() {
        let birth = d("2009-03-14");
        let today = d("2026-10-01");
        let table: &[(&str, Result<(), CodeRefusal>)] = &[
            ("4829", Ok(())),
            ("7351", Ok(())),
            ("0937", Ok(())),
            ("2029", Ok(())),
            ("1403", Err(BirthDate)),
            ("0314", Err(BirthDate)),
            ("2009", Err(BirthDate)),
            ("2026", Err(Year)),
            ("2025", Err(Year)),
            ("2027", Err(Year)),
            ("1234", Err(Sequence)),
            ("0123", Err(Sequence)),
            ("6789", Err(Sequence)),
            ("9876", Err(Sequence)),
            ("3210", Err(Sequence)),
            ("1111", Err(SameDigit)),
            ("0000", Err(SameDigit)),
            ("1212", Err(TooCommon)),
            ("6969", Err(TooCommon)),
            ("2000", Err(TooCommon)),
            ("1004", Err(TooCommon)),
            ("123", Err(NotFourDigits)),
            ("12345", Err(NotFourDigits)),
            ("12a4", Err(NotFourDigits)),
            ("١٢٣٤", Err(NotFourDigits)),
            ("", Err(NotFourDigits)),
        ];
        for (code, want) in table {
            assert_eq!(check_secret_code(code, birth, today), *want, "{code}");
        }
    }

    #[test]
    fn none_of_the_twenty_most_common_is_ever_accepted() {
        for birth in ["1990-01-01", "2009-12-31"] {
            for code in MOST_COMMON {
                assert!(check_secret_code(code, d(birth), d("2030-06-01")).is_err(), "{code}");
            }
        }
    }

    #[test]
    fn codes_are_stable_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for r in CodeRefusal::ALL {
            assert!(r.as_str().starts_with("code_") && seen.insert(r.as_str()));
        }
    }
}
