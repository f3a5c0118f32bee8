//! The server's notion of "now": the system clock, optionally shifted so that `--today` (and tests) can fix the
//! date while time still flows.

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
    /// A clock whose current day is `today` (the time of day stays the real one).
    pub fn fixed_on(today: &str) -> Option<Clock> {
        let (y, m, d) = parse_date(today)?;
        let now = system_secs();
        let offset = (days_from_civil(y, m, d) - now.div_euclid(DAY)) * DAY;
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

    /// Today's date, ISO 8601.
    pub fn today(&self) -> String {
        let (y, m, d) = civil_from_days(self.now().div_euclid(DAY));
        format!("{y:04}-{m:02}-{d:02}")
    }
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

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

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

    #[test]
    fn fixed_clock_keeps_its_day_and_moves() {
        let c = Clock::fixed_on("2026-09-01").unwrap();
        assert_eq!(c.today(), "2026-09-01");
        c.advance(DAY);
        assert_eq!(c.today(), "2026-09-02");
        assert_eq!(rfc3339(20_697 * DAY + 3_723), "2026-09-01T01:02:03Z");
    }
}
