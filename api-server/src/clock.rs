//! The server's notion of "now": the system clock, optionally shifted so that `--today` (and tests) can fix the
//! date while time still flows. "Today" is the day in Paris, the campaign's time zone, computed by the same core
//! function as the app's ([`passregion_core::date::paris_date`]), whatever the host's time zone: at 00:30 in
//! Paris (22:30 or 23:30 UTC the day before) both sides already agree it is the next day.

use passregion_core::date::{paris_date, paris_utc_offset_secs};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

const DAY: i64 = 86_400;

/// Shared, adjustable clock. Cloning shares the offset, so a test can move time for a running server.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_secs: Arc<AtomicI64>,
}

impl Clock {
    /// A clock whose current day in Paris is `today` (the time of day in Paris stays the real one).
    pub fn fixed_on(today: &str) -> Option<Clock> {
        let (y, m, d) = parse_date(today)?;
        let offset = offset_to_day(system_secs(), days_from_civil(y, m, d));
        Some(Clock { offset_secs: Arc::new(AtomicI64::new(offset)) })
    }

    /// Seconds since the Unix epoch, as this server sees them.
    pub fn now(&self) -> i64 {
        system_secs() + self.offset_secs.load(Ordering::SeqCst)
    }

    /// Moves the clock forward (tests: expire a token).
    pub fn advance(&self, secs: i64) {
        self.offset_secs.fetch_add(secs, Ordering::SeqCst);
    }

    /// Today's date in Paris, ISO 8601.
    pub fn today(&self) -> String {
        paris_date(self.now()).to_iso()
    }
}

/// The shift that moves `now` to the same wall-clock time in Paris on `day` (days since the epoch). Whole days,
/// plus the hour the Paris offset differs by when `now` and `day` are on both sides of a daylight-saving change.
fn offset_to_day(now: i64, day: i64) -> i64 {
    let paris_day = |t: i64| (t + paris_utc_offset_secs(t)).div_euclid(DAY);
    let shift = (day - paris_day(now)) * DAY;
    shift + paris_utc_offset_secs(now) - paris_utc_offset_secs(now + shift)
}

fn system_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Strict `YYYY-MM-DD` with a real calendar day.
pub fn parse_date(s: &str) -> Option<(i64, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = s[0..4].parse().ok()?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..10].parse().ok()?;
    if !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m as usize - 1];
    (d <= dim).then_some((y, m, d))
}

pub use passregion_core::date::{civil_from_days, days_from_civil};

/// RFC 3339 in UTC, e.g. "2026-09-01T08:30:00Z".
pub fn rfc3339(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(DAY));
    let s = secs.rem_euclid(DAY);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", s / 3600, s % 3600 / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_round_trips() {
        for (s, days) in [("1970-01-01", 0), ("2000-02-29", 11_016), ("2026-09-01", 20_697)] {
            let (y, m, d) = parse_date(s).unwrap();
            assert_eq!(days_from_civil(y, m, d), days, "{s}");
            assert_eq!(civil_from_days(days), (y, m, d));
        }
        assert!(parse_date("2026-02-29").is_none());
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2026-9-01").is_none());
    }

    /// `--today` must give that day in Paris at any real time of day, including the hour before midnight and
    /// across a daylight-saving change between the real date and the fixed one.
    #[test]
    fn fixing_the_day_keeps_the_paris_time_of_day() {
        let at = |day: &str, secs_utc: i64| {
            let (y, m, d) = parse_date(day).unwrap();
            days_from_civil(y, m, d) * DAY + secs_utc
        };
        let cases = [
            // (real instant, fixed day)
            (at("2026-01-15", 23 * 3600 + 30 * 60), "2026-09-01"), // 00:30 CET on the 16th, to a summer day
            (at("2026-01-15", 22 * 3600 + 59 * 60), "2026-09-01"), // 23:59 CET
            (at("2026-07-15", 22 * 3600 + 30 * 60), "2026-12-01"), // 00:30 CEST on the 16th, to a winter day
            (at("2026-07-15", 21 * 3600 + 59 * 60), "2026-12-01"), // 23:59 CEST
            (at("2026-07-15", 12 * 3600), "2026-07-15"),
            (at("2026-10-01", 10 * 3600), "2026-03-29"), // noon, onto the day the clocks spring forward
            (at("2026-10-01", 21 * 3600 + 59 * 60), "2026-10-25"), // 23:59 onto the day they fall back
        ];
        for (now, day) in cases {
            let shifted = now + offset_to_day(now, parse_date(day).map(|(y, m, d)| days_from_civil(y, m, d)).unwrap());
            assert_eq!(paris_date(shifted).to_iso(), day, "from {}", rfc3339(now));
            let wall = |t: i64| (t + paris_utc_offset_secs(t)).rem_euclid(DAY);
            assert_eq!(wall(shifted), wall(now), "time of day kept, from {}", rfc3339(now));
        }
    }

    #[test]
    fn fixed_clock_keeps_its_day_and_moves() {
        let c = Clock::fixed_on("2026-09-01").unwrap();
        assert_eq!(c.today(), "2026-09-01");
        c.advance(DAY);
        assert_eq!(c.today(), "2026-09-02");
        assert_eq!(rfc3339(20_697 * DAY + 3_723), "2026-09-01T01:02:03Z");
    }
}
