//! Days as words ("11 octobre 2026") and the card's expected range ("entre le 11 et le 16 octobre").

use passregion_core::Date;

use crate::i18n::{t_now, tf_now};

pub fn month_keys() -> Vec<String> {
    (1..=12).map(|m| format!("dates.month_{m}")).collect()
}

fn month(m: u8) -> String {
    t_now(&format!("dates.month_{m}"))
}

/// "11 octobre 2026" / "11 October 2026".
pub fn long(d: Date) -> String {
    tf_now("dates.long", &[("day", &d.day.to_string()), ("month", &month(d.month)), ("year", &d.year.to_string())])
}

/// The sentence announcing the card, for a range of days (one day when both ends meet).
pub fn card_expected(from: Date, to: Date) -> String {
    if from == to {
        return tf_now("dates.expected_on", &[("date", &long(from))]);
    }
    let (day_from, day_to) = (from.day.to_string(), to.day.to_string());
    if (from.year, from.month) == (to.year, to.month) {
        tf_now("dates.expected_same_month", &[("from", &day_from), ("to", &day_to), ("month", &month(to.month))])
    } else {
        let from_text = tf_now("dates.day_month", &[("day", &day_from), ("month", &month(from.month))]);
        let to_text = tf_now("dates.day_month", &[("day", &day_to), ("month", &month(to.month))]);
        tf_now("dates.expected_range", &[("from", &from_text), ("to", &to_text)])
    }
}
