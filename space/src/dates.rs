//! Days as words ("11 octobre 2026") and the expected range of a card or of a duplicate's validation ("entre le 11
//! et le 16 octobre").

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

/// The three sentences of an expected range: one day (a late step, "any day now"), within a month, across months.
struct Sentences {
    on: &'static str,
    same_month: &'static str,
    range: &'static str,
}

const CARD: Sentences =
    Sentences { on: "dates.expected_on", same_month: "dates.expected_same_month", range: "dates.expected_range" };
const VALIDATION: Sentences =
    Sentences { on: "dates.validation_on", same_month: "dates.validation_same_month", range: "dates.validation_range" };

/// The sentence announcing the card, for a range of days (one day when both ends meet).
pub fn card_expected(from: Date, to: Date) -> String {
    expected_with(&CARD, from, to)
}

/// The sentence announcing the Région's validation of a duplicate request, likewise.
pub fn validation_expected(from: Date, to: Date) -> String {
    expected_with(&VALIDATION, from, to)
}

fn expected_with(keys: &Sentences, from: Date, to: Date) -> String {
    if from == to {
        return tf_now(keys.on, &[("date", &long(from))]);
    }
    let (day_from, day_to) = (from.day.to_string(), to.day.to_string());
    if (from.year, from.month) == (to.year, to.month) {
        tf_now(keys.same_month, &[("from", &day_from), ("to", &day_to), ("month", &month(to.month))])
    } else {
        let from_text = tf_now("dates.day_month", &[("day", &day_from), ("month", &month(from.month))]);
        let to_text = tf_now("dates.day_month", &[("day", &day_to), ("month", &month(to.month))]);
        tf_now(keys.range, &[("from", &from_text), ("to", &to_text)])
    }
}
