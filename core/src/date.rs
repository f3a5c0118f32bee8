//! Calendar dates without a clock, and the one time zone the campaign lives in.
//!
//! The application only ever needs whole days (a birth date, a campaign's opening and closing days, the date ages
//! are reckoned on), so a tiny proleptic-Gregorian type does the job and keeps the wasm bundle free of a date
//! library. "Today" is always passed in by the caller, which keeps every rule testable; callers get it from
//! [`paris_date`], so that the app and the server agree on the day (and on whether the campaign is open, or a
//! birth date is in the future) just after midnight in Paris, whatever the device's or the host's time zone.

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
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
        };
        Date::new(num(0..4)?, num(5..7)? as u8, num(8..10)? as u8)
    }

    /// "YYYY-MM-DD".
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The translation key of a month's name, `dates.month_1` to `dates.month_12` (the app's and the space's
    /// `locales/<lang>/dates.json`).
    pub fn month_key(month: u8) -> String {
        format!("dates.month_{month}")
    }

    /// The day of the month as written before the month's name: the first through `dates.day_first` (French writes
    /// it as an ordinal, « 1er octobre »; English keeps the number), every other day as its number.
    pub fn day_in_words(self, text: impl Fn(&str) -> String) -> String {
        Date::day_number_in_words(self.day, text)
    }

    /// [`Date::day_in_words`] for a day number alone, as the browser's `Intl` gives it in a date with a time.
    pub fn day_number_in_words(day: u8, text: impl Fn(&str) -> String) -> String {
        if day == 1 { text("dates.day_first") } else { day.to_string() }
    }

    /// The date in words, « 1er juin 2026 » / "1 June 2026": the `dates.long` template ("{day} {month} {year}") filled
    /// with [`Date::day_in_words`] and the month's name. `text` looks a key up in the language on screen; dates in
    /// words are for reading (the start page's campaign, the review's birth date, the space's dates).
    pub fn in_words(self, text: impl Fn(&str) -> String) -> String {
        let (day, month) = (self.day_in_words(&text), text(&Date::month_key(self.month)));
        text("dates.long").replace("{day}", &day).replace("{month}", &month).replace("{year}", &self.year.to_string())
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
            (p.len() <= max_len && p.bytes().all(|c| c.is_ascii_digit())).then(|| p.parse::<u16>().ok())?
        };
        let is_digits = |p: &str| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit());
        if !(is_digits(d) && is_digits(m) && is_digits(y)) {
            return Err(ErrorCode::DateInvalid);
        }
        // Say which part is wrong: the year first (a two-digit year makes the rest unknowable), then the month, then
        // the day, which depends on both.
        let Some(y) = digits(y, 4).filter(|y| *y >= 1000 && year.trim().len() == 4) else {
            return Err(ErrorCode::DateYearInvalid);
        };
        let Some(m) = digits(m, 2).filter(|m| (1..=12).contains(m)) else {
            return Err(ErrorCode::DateMonthInvalid);
        };
        let d = digits(d, 2).ok_or(ErrorCode::DateDayInvalid)?;
        Date::new(y, m as u8, d.min(99) as u8).ok_or(ErrorCode::DateDayInvalid)
    }

    /// A whole date typed or pasted into one of the three boxes — "14/03/2010", "14-03-2010", "14.03.2010",
    /// "14 03 2010", "14032010", or ISO "2010-03-14" — split into (day, month, year) as typed, for the three boxes.
    /// Anything else (a day alone, "14/03") is `None`: the box keeps what was typed.
    pub fn split_typed(input: &str) -> Option<(String, String, String)> {
        let s = input.trim();
        let parts: Vec<&str> = s.split(['/', '-', '.', ' ']).filter(|p| !p.is_empty()).collect();
        let all_digits = |p: &&str| p.bytes().all(|c| c.is_ascii_digit());
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 && parts.iter().all(all_digits) => {
                Some((d.to_string(), m.to_string(), y.to_string()))
            }
            [d, m, y] if d.len() <= 2 && m.len() <= 2 && y.len() == 4 && parts.iter().all(all_digits) => {
                Some((d.to_string(), m.to_string(), y.to_string()))
            }
            [one] if one.len() == 8 && all_digits(one) => Some((one[..2].into(), one[2..4].into(), one[4..].into())),
            _ => None,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

const SECS_PER_DAY: i64 = 86_400;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds since 1970 of an RFC 3339 instant as the API writes them: `2026-10-01T08:30:00Z`, or with an offset
/// (`+02:00`) and fractional seconds. `None` for anything else.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let (date, rest) = s.split_once(['T', 't'])?;
    let d = Date::parse_iso(date)?;
    let num =
        |t: &str| -> Option<i64> { (t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok())? };
    let (h, m, sec) = (num(rest.get(0..2)?)?, num(rest.get(3..5)?)?, num(rest.get(6..8)?)?);
    if rest.get(2..3)? != ":" || rest.get(5..6)? != ":" || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let mut zone = &rest[8..];
    if let Some(frac) = zone.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        zone = &frac[digits..];
    }
    let offset = match zone {
        "Z" | "z" => 0,
        _ => {
            let sign = match zone.get(0..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            if zone.len() != 6 || zone.get(3..4)? != ":" {
                return None;
            }
            sign * (num(zone.get(1..3)?)? * 3600 + num(zone.get(4..6)?)? * 60)
        }
    };
    Some(d.days_since_epoch() * SECS_PER_DAY + h * 3600 + m * 60 + sec - offset)
}

/// The (year, month, day) of a number of days since 1970-01-01 (H. Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

/// The instant within the years [`Date`] covers (1 to 9999, UTC), so that no computation below can overflow.
fn clamp_to_dates(unix_secs: i64) -> i64 {
    let first = days_from_civil(1, 1, 1) * SECS_PER_DAY;
    let last = (days_from_civil(9999, 12, 31) + 1) * SECS_PER_DAY - 1;
    unix_secs.clamp(first, last)
}

/// The instant (Unix seconds) of 01:00 UTC on the last Sunday of `month` (March or October: both have 31 days).
fn last_sunday_1h_utc(year: i64, month: u32) -> i64 {
    let day31 = days_from_civil(year, month, 31);
    // 1970-01-01 was a Thursday: with Sunday as 0, day `d` falls on weekday (d + 4) mod 7.
    let last_sunday = day31 - (day31 + 4).rem_euclid(7);
    last_sunday * SECS_PER_DAY + 3600
}

/// The offset of Paris from UTC at an instant, in seconds: CET (UTC+1), or CEST (UTC+2) from the last Sunday of
/// March 01:00 UTC to the last Sunday of October 01:00 UTC — the EU rule (directive 2000/84/EC) in force since
/// 1996. Earlier instants get today's rule too: the app never needs a past "today".
pub fn paris_utc_offset_secs(unix_secs: i64) -> i64 {
    let unix_secs = clamp_to_dates(unix_secs);
    let (year, _, _) = civil_from_days(unix_secs.div_euclid(SECS_PER_DAY));
    let summer = last_sunday_1h_utc(year, 3) <= unix_secs && unix_secs < last_sunday_1h_utc(year, 10);
    if summer { 7200 } else { 3600 }
}

/// The calendar day in Paris, the campaign's time zone, at an instant (Unix seconds): *the* "today" of the app and
/// the server. Instants beyond the years 1–9999 give the first or last day of that range.
pub fn paris_date(unix_secs: i64) -> Date {
    let unix_secs = clamp_to_dates(unix_secs);
    let local = unix_secs + paris_utc_offset_secs(unix_secs);
    let (year, month, day) = civil_from_days(local.div_euclid(SECS_PER_DAY));
    match u16::try_from(year) {
        Ok(y @ 1..=9999) => Date { year: y, month: month as u8, day: day as u8 },
        _ if year < 1 => Date { year: 1, month: 1, day: 1 },
        _ => Date { year: 9999, month: 12, day: 31 },
    }
}

impl Date {
    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i64 {
        days_from_civil(i64::from(self.year), u32::from(self.month), u32::from(self.day))
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

    #[test]
    fn rfc3339_instants_read_as_the_api_writes_them() {
        let base = Date::parse_iso("2026-10-01").unwrap().days_since_epoch() * 86_400;
        for (text, want) in [
            ("2026-10-01T00:00:00Z", Some(base)),
            ("2026-10-01T08:30:15Z", Some(base + 8 * 3600 + 30 * 60 + 15)),
            ("2026-10-01T10:30:15+02:00", Some(base + 8 * 3600 + 30 * 60 + 15)),
            ("2026-10-01T08:30:15.250Z", Some(base + 8 * 3600 + 30 * 60 + 15)),
            ("2026-09-30T23:00:00-01:00", Some(base)),
            ("2026-10-01 08:30:15Z", None),
            ("2026-10-01T8:30:15Z", None),
            ("2026-10-01T08:30:15", None),
            ("2026-10-01T24:00:00Z", None),
            ("2026-10-01T08:30:15.Z", None),
            ("2026-02-30T08:30:15Z", None),
            ("", None),
        ] {
            assert_eq!(parse_rfc3339(text), want, "{text}");
        }
    }

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap_or_else(|| panic!("bad test date {s}"))
    }

    #[test]
    fn leap_years() {
        for (y, leap) in [(2024, true), (2023, false), (1900, false), (2000, true), (2100, false), (2008, true)] {
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
    fn iso_round_trip() {
        let x = d("2009-03-07");
        assert_eq!(x.to_iso(), "2009-03-07");
        assert_eq!(x.to_string(), "2009-03-07");
    }

    #[test]
    fn whole_dates_typed_in_one_box_are_split() {
        let want = Some(("14".to_string(), "03".to_string(), "2010".to_string()));
        for typed in ["14/03/2010", "14-03-2010", "14 03 2010", "14.03.2010", " 14/03/2010 ", "2010-03-14", "14032010"]
        {
            assert_eq!(Date::split_typed(typed), want, "{typed}");
        }
        assert_eq!(Date::split_typed("7/3/2009"), Some(("7".into(), "3".into(), "2009".into())));
        for not_whole in ["14", "14/03", "14/03/10", "2010", "14/mars/2010", "1403201", ""] {
            assert_eq!(Date::split_typed(not_whole), None, "{not_whole}");
        }
        // A split impossible date then says which part is wrong.
        let (d, m, y) = Date::split_typed("31/04/2010").unwrap();
        assert_eq!(Date::from_fields(&d, &m, &y), Err(ErrorCode::DateDayInvalid));
    }

    #[test]
    fn dates_in_words_follow_the_language_s_texts() {
        let french = |key: &str| match key {
            "dates.long" => "{day} {month} {year}".to_string(),
            "dates.day_first" => "1er".to_string(),
            k => k.strip_prefix("dates.month_").map(|n| format!("mois{n}")).unwrap_or_else(|| panic!("{k}")),
        };
        let english = |key: &str| match key {
            "dates.long" => "{day} {month} {year}".to_string(),
            "dates.day_first" => "1".to_string(),
            k => k.strip_prefix("dates.month_").map(|n| format!("month{n}")).unwrap_or_else(|| panic!("{k}")),
        };
        for (iso, fr, en) in [
            ("2026-06-01", "1er mois6 2026", "1 month6 2026"),
            ("2027-05-31", "31 mois5 2027", "31 month5 2027"),
            ("2026-10-02", "2 mois10 2026", "2 month10 2026"),
            ("2027-01-10", "10 mois1 2027", "10 month1 2027"),
            ("2026-12-01", "1er mois12 2026", "1 month12 2026"),
        ] {
            let d = Date::parse_iso(iso).unwrap();
            assert_eq!(d.in_words(french), fr, "{iso}");
            assert_eq!(d.in_words(english), en, "{iso}");
        }
        assert_eq!(Date::month_key(12), "dates.month_12");
        assert_eq!(Date::day_number_in_words(1, french), "1er");
        assert_eq!(Date::day_number_in_words(21, french), "21");
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
            ("29", "2", "2009", Err(DateDayInvalid)),
            ("31", "4", "2010", Err(DateDayInvalid)),
            ("31", "12", "2010", Ok("2010-12-31")),
            ("0", "1", "2010", Err(DateDayInvalid)),
            ("32", "1", "2010", Err(DateDayInvalid)),
            ("1", "13", "2010", Err(DateMonthInvalid)),
            ("1", "0", "2010", Err(DateMonthInvalid)),
            ("1", "1", "09", Err(DateYearInvalid)),
            ("1", "1", "0999", Err(DateYearInvalid)),
            ("1", "1", "20100", Err(DateYearInvalid)),
            ("31", "13", "10", Err(DateYearInvalid)),
            ("1er", "1", "2010", Err(DateInvalid)),
            ("1", "janvier", "2010", Err(DateInvalid)),
            ("-1", "1", "2010", Err(DateInvalid)),
            ("001", "1", "2010", Err(DateDayInvalid)),
            ("", "", "", Err(Required)),
            ("  ", "", " ", Err(Required)),
            ("1", "", "2010", Err(DateIncomplete)),
            ("", "", "2010", Err(DateIncomplete)),
        ];
        for (day, month, year, want) in cases {
            let got = Date::from_fields(day, month, year).map(Date::to_iso);
            assert_eq!(got.as_deref().map_err(|e| *e), *want, "{day}/{month}/{year}");
        }
    }

    #[test]
    fn comparisons_are_chronological() {
        assert!(d("2009-12-31") < d("2010-01-01"));
        assert!(d("2010-02-01") > d("2010-01-31"));
        assert!(d("2010-01-02") > d("2010-01-01"));
        assert_eq!(d("2010-01-01"), Date::new(2010, 1, 1).unwrap());
    }

    /// Unix seconds of an RFC 3339 UTC instant "YYYY-MM-DDTHH:MM:SSZ" (test helper).
    fn utc(s: &str) -> i64 {
        let date = d(&s[0..10]);
        let hms: Vec<i64> = s[11..19].split(':').map(|p| p.parse().unwrap()).collect();
        date.days_since_epoch() * SECS_PER_DAY + hms[0] * 3600 + hms[1] * 60 + hms[2]
    }

    #[test]
    fn paris_date_table() {
        // (instant in UTC, offset, day in Paris)
        let cases = [
            // Midnight in winter (UTC+1) and in summer (UTC+2).
            ("2026-10-31T23:30:00Z", 3600, "2026-11-01"),
            ("2026-10-31T22:59:59Z", 3600, "2026-10-31"),
            ("2026-06-30T22:30:00Z", 7200, "2026-07-01"),
            ("2026-06-30T21:59:59Z", 7200, "2026-06-30"),
            ("2026-06-30T22:00:00Z", 7200, "2026-07-01"),
            // Spring forward: Sunday 29 March 2026, 01:00 UTC (02:00 CET becomes 03:00 CEST).
            ("2026-03-29T00:59:59Z", 3600, "2026-03-29"),
            ("2026-03-29T01:00:00Z", 7200, "2026-03-29"),
            ("2026-03-28T22:59:59Z", 3600, "2026-03-28"),
            ("2026-03-28T23:00:00Z", 3600, "2026-03-29"),
            ("2026-03-29T21:59:59Z", 7200, "2026-03-29"),
            ("2026-03-29T22:00:00Z", 7200, "2026-03-30"),
            // Fall back: Sunday 25 October 2026, 01:00 UTC (03:00 CEST becomes 02:00 CET).
            ("2026-10-25T00:59:59Z", 7200, "2026-10-25"),
            ("2026-10-25T01:00:00Z", 3600, "2026-10-25"),
            ("2026-10-24T21:59:59Z", 7200, "2026-10-24"),
            ("2026-10-24T22:00:00Z", 7200, "2026-10-25"),
            ("2026-10-25T22:59:59Z", 3600, "2026-10-25"),
            ("2026-10-25T23:00:00Z", 3600, "2026-10-26"),
            // Other years: 31 March 2024 and 27 October 2024 were the last Sundays, 2027's are 28 March and 31
            // October (the 31st itself).
            ("2024-03-31T00:59:59Z", 3600, "2024-03-31"),
            ("2024-03-31T01:00:00Z", 7200, "2024-03-31"),
            ("2024-10-27T00:59:59Z", 7200, "2024-10-27"),
            ("2024-10-27T01:00:00Z", 3600, "2024-10-27"),
            ("2027-03-28T01:00:00Z", 7200, "2027-03-28"),
            ("2027-10-30T22:00:00Z", 7200, "2027-10-31"),
            ("2027-10-31T00:59:59Z", 7200, "2027-10-31"),
            ("2027-10-31T01:00:00Z", 3600, "2027-10-31"),
            // New year, a leap day, the epoch.
            ("2026-12-31T22:59:59Z", 3600, "2026-12-31"),
            ("2026-12-31T23:00:00Z", 3600, "2027-01-01"),
            ("2028-02-28T23:30:00Z", 3600, "2028-02-29"),
            ("1970-01-01T00:00:00Z", 3600, "1970-01-01"),
            ("1969-12-31T23:00:00Z", 3600, "1970-01-01"),
        ];
        for (instant, offset, day) in cases {
            let secs = utc(instant);
            assert_eq!(paris_utc_offset_secs(secs), offset, "{instant}");
            assert_eq!(paris_date(secs), d(day), "{instant}");
        }
        assert_eq!(paris_date(i64::MIN), d("0001-01-01"));
        assert_eq!(paris_date(i64::MAX), d("9999-12-31"));
    }

    #[test]
    fn days_since_epoch_round_trips() {
        for (s, days) in [
            ("1970-01-01", 0),
            ("2000-02-29", 11_016),
            ("2026-09-01", 20_697),
            ("1969-12-31", -1),
            ("0001-01-01", -719_162),
            ("9999-12-31", 2_932_896),
        ] {
            let date = d(s);
            assert_eq!(date.days_since_epoch(), days, "{s}");
            let (y, m, dd) = civil_from_days(days);
            assert_eq!((y, m, dd), (i64::from(date.year), u32::from(date.month), u32::from(date.day)));
        }
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
            assert_eq!(age_on(d(birth), d(reference)), age, "{birth} on {reference}");
        }
    }
}
