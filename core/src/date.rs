//! Calendar dates without a clock or a time zone.
//!
//! The application only ever needs whole days (a birth date, a campaign's opening and closing days, the date ages
//! are reckoned on), so a tiny proleptic-Gregorian type does the job and keeps the wasm bundle free of a date
//! library. "Today" is always passed in by the caller, which keeps every rule testable.

use crate::error::ErrorCode;
use std::fmt;

/// A real calendar day. Fields are ordered year, month, day so the derived ordering is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// Gregorian leap years: every fourth year, except centuries not divisible by 400 (1900 was not, 2000 was).
pub fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Number of days in a month (1–12) of a given year; 0 for a month that does not exist.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date if it exists on the calendar (years 1 to 9999, so it always prints as four digits).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let ok = (1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month);
        ok.then_some(Date { year, month, day })
    }

    /// Strict ISO 8601 calendar date, "YYYY-MM-DD", as found on the wire.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            let part = &s[r];
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        Date::new(num(0..4)?, num(5..7)? as u8, num(8..10)? as u8)
    }

    /// "YYYY-MM-DD".
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// French display order, "DD/MM/YYYY", for the review page.
    pub fn to_french(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// A date typed in three boxes (day, month, year), as the GOV.UK / DSFR date pattern does.
    ///
    /// Surrounding spaces are forgiven and one-digit days and months are fine ("3", "07"); the year needs its four
    /// digits, since "08" could be 1908 or 2008 and guessing a birth year wrong would misjudge the age.
    /// All three empty is [`ErrorCode::Required`]; some empty is [`ErrorCode::DateIncomplete`].
    pub fn from_fields(day: &str, month: &str, year: &str) -> Result<Date, ErrorCode> {
        let (d, m, y) = (day.trim(), month.trim(), year.trim());
        match [d, m, y].iter().filter(|p| p.is_empty()).count() {
            3 => return Err(ErrorCode::Required),
            0 => {}
            _ => return Err(ErrorCode::DateIncomplete),
        }
        let digits = |p: &str, max_len: usize| {
            (p.len() <= max_len && p.bytes().all(|c| c.is_ascii_digit()))
                .then(|| p.parse::<u16>().ok())?
        };
        let (Some(d), Some(m), Some(y)) = (digits(d, 2), digits(m, 2), digits(y, 4)) else {
            return Err(ErrorCode::DateInvalid);
        };
        if year.trim().len() != 4 || y < 1000 {
            return Err(ErrorCode::DateInvalid);
        }
        Date::new(y, m as u8, d as u8).ok_or(ErrorCode::DateInvalid)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Age in whole years on `reference`: the number of birthdays passed, 0 if `reference` is before `birth`.
///
/// Someone born on 29 February has, in a common year, their birthday on 1 March: on 28 February the day of
/// their birth has not come round yet. That is the reading of French civil practice (a time limit counted in years
/// ends on the same day number, and a day that does not exist means the limit ends at the close of the month)
/// applied the safe way for an age limit: nobody is counted older than they are.
pub fn age_on(birth: Date, reference: Date) -> u32 {
    if reference < birth {
        return 0;
    }
    let years = u32::from(reference.year - birth.year);
    let birthday_passed = (reference.month, reference.day) >= (birth.month, birth.day);
    if birthday_passed { years } else { years - 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap_or_else(|| panic!("bad test date {s}"))
    }

    #[test]
    fn leap_years() {
        for (y, leap) in [
            (2024, true),
            (2023, false),
            (1900, false),
            (2000, true),
            (2100, false),
            (2008, true),
        ] {
            assert_eq!(is_leap_year(y), leap, "{y}");
        }
    }

    #[test]
    fn parse_iso_table() {
        type Ymd = (u16, u8, u8);
        let cases: &[(&str, Option<Ymd>)] = &[
            ("2010-09-01", Some((2010, 9, 1))),
            ("2008-02-29", Some((2008, 2, 29))),
            ("2000-02-29", Some((2000, 2, 29))),
            ("1900-02-29", None),
            ("2009-02-29", None),
            ("2010-04-31", None),
            ("2010-13-01", None),
            ("2010-00-10", None),
            ("2010-01-00", None),
            ("2010-1-01", None),
            ("2010/01/01", None),
            ("10-01-2010", None),
            ("2010-01-01T00:00", None),
            ("+010-01-01", None),
            ("0000-01-01", None),
            ("", None),
        ];
        for (input, want) in cases {
            let got = Date::parse_iso(input).map(|x| (x.year, x.month, x.day));
            assert_eq!(got, *want, "{input}");
        }
    }

    #[test]
    fn iso_round_trip_and_french_display() {
        let x = d("2009-03-07");
        assert_eq!(x.to_iso(), "2009-03-07");
        assert_eq!(x.to_string(), "2009-03-07");
        assert_eq!(x.to_french(), "07/03/2009");
    }

    #[test]
    fn from_fields_table() {
        use ErrorCode::*;
        type Case<'a> = (&'a str, &'a str, &'a str, Result<&'a str, ErrorCode>);
        let cases: &[Case] = &[
            ("7", "3", "2009", Ok("2009-03-07")),
            ("07", "03", "2009", Ok("2009-03-07")),
            (" 7 ", " 03", "2009 ", Ok("2009-03-07")),
            ("29", "2", "2008", Ok("2008-02-29")),
            ("29", "2", "2009", Err(DateInvalid)),
            ("31", "4", "2010", Err(DateInvalid)),
            ("31", "12", "2010", Ok("2010-12-31")),
            ("0", "1", "2010", Err(DateInvalid)),
            ("1", "13", "2010", Err(DateInvalid)),
            ("1", "1", "09", Err(DateInvalid)),
            ("1", "1", "0999", Err(DateInvalid)),
            ("1", "1", "20100", Err(DateInvalid)),
            ("1er", "1", "2010", Err(DateInvalid)),
            ("1", "janvier", "2010", Err(DateInvalid)),
            ("-1", "1", "2010", Err(DateInvalid)),
            ("001", "1", "2010", Err(DateInvalid)),
            ("", "", "", Err(Required)),
            ("  ", "", " ", Err(Required)),
            ("1", "", "2010", Err(DateIncomplete)),
            ("", "", "2010", Err(DateIncomplete)),
        ];
        for (day, month, year, want) in cases {
            let got = Date::from_fields(day, month, year).map(Date::to_iso);
            assert_eq!(
                got.as_deref().map_err(|e| *e),
                *want,
                "{day}/{month}/{year}"
            );
        }
    }

    #[test]
    fn comparisons_are_chronological() {
        assert!(d("2009-12-31") < d("2010-01-01"));
        assert!(d("2010-02-01") > d("2010-01-31"));
        assert!(d("2010-01-02") > d("2010-01-01"));
        assert_eq!(d("2010-01-01"), Date::new(2010, 1, 1).unwrap());
    }

    #[test]
    fn age_on_table() {
        let cases = [
            ("2010-09-01", "2025-09-01", 15), // birthday on the reference day counts
            ("2010-09-02", "2025-09-01", 14), // one day short
            ("2010-08-31", "2025-09-01", 15),
            ("2010-12-31", "2025-01-01", 14),
            ("2008-02-29", "2025-02-28", 16), // leap-day birth: not yet in a common year…
            ("2008-02-29", "2025-03-01", 17), // …but on 1 March
            ("2008-02-29", "2024-02-29", 16), // and on the day itself in a leap year
            ("2008-02-29", "2024-02-28", 15),
            ("2025-09-01", "2025-09-01", 0),
            ("2026-01-01", "2025-09-01", 0), // born after the reference: 0, never an underflow
        ];
        for (birth, reference, age) in cases {
            assert_eq!(
                age_on(d(birth), d(reference)),
                age,
                "{birth} on {reference}"
            );
        }
    }
}
