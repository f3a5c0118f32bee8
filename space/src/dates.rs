//! Days as words ("11 octobre 2026", "1er octobre 2026") and the expected range of a card or of a duplicate's
//! validation ("entre le 11 et le 16 octobre").

use passregion_core::Date;

use crate::i18n::{Lang, current_lang, fill, text};

pub fn month_keys() -> Vec<String> {
    (1..=12).map(Date::month_key).collect()
}

fn month(lang: Lang, m: u8) -> String {
    text(lang, &Date::month_key(m))
}

/// « 1er », « 2 »… (core's [`Date::day_in_words`]).
fn day(lang: Lang, d: Date) -> String {
    d.day_in_words(|key| text(lang, key))
}

/// "11 octobre 2026" / "11 October 2026", in the language on screen.
pub fn long(d: Date) -> String {
    long_in(current_lang(), d)
}

fn long_in(lang: Lang, d: Date) -> String {
    d.in_words(|key| text(lang, key))
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
    expected_in(current_lang(), &CARD, from, to)
}

/// The sentence announcing the Région's validation of a duplicate request, likewise.
pub fn validation_expected(from: Date, to: Date) -> String {
    expected_in(current_lang(), &VALIDATION, from, to)
}

fn expected_in(lang: Lang, keys: &Sentences, from: Date, to: Date) -> String {
    if from == to {
        return fill(&text(lang, keys.on), &[("date", &long_in(lang, from))]);
    }
    let (day_from, day_to) = (day(lang, from), day(lang, to));
    if (from.year, from.month) == (to.year, to.month) {
        fill(&text(lang, keys.same_month), &[("from", &day_from), ("to", &day_to), ("month", &month(lang, to.month))])
    } else {
        let day_month =
            |d: &str, m: u8| fill(&text(lang, "dates.day_month"), &[("day", d), ("month", &month(lang, m))]);
        fill(
            &text(lang, keys.range),
            &[("from", &day_month(&day_from, from.month)), ("to", &day_month(&day_to, to.month))],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date::new(year, month, day).unwrap()
    }

    #[test]
    fn long_dates_write_the_first_of_the_month_as_french_does() {
        for (lang, d, want) in [
            (Lang::Fr, date(2026, 10, 1), "1er octobre 2026"),
            (Lang::Fr, date(2026, 10, 2), "2 octobre 2026"),
            (Lang::Fr, date(2027, 6, 30), "30 juin 2027"),
            (Lang::Fr, date(2026, 8, 11), "11 août 2026"),
            (Lang::En, date(2026, 10, 1), "1 October 2026"),
            (Lang::En, date(2027, 6, 30), "30 June 2027"),
        ] {
            assert_eq!(long_in(lang, d), want, "{lang:?} {d:?}");
        }
    }

    #[test]
    fn expected_ranges_read_as_sentences() {
        for (lang, from, to, want) in [
            (
                Lang::Fr,
                date(2026, 10, 1),
                date(2026, 10, 1),
                "Ta carte devrait arriver d'un jour à l'autre (à partir du 1er octobre 2026).",
            ),
            (Lang::Fr, date(2026, 10, 1), date(2026, 10, 6), "Ta carte devrait arriver entre le 1er et le 6 octobre."),
            (
                Lang::Fr,
                date(2026, 10, 11),
                date(2026, 10, 16),
                "Ta carte devrait arriver entre le 11 et le 16 octobre.",
            ),
            (
                Lang::Fr,
                date(2026, 10, 27),
                date(2026, 11, 1),
                "Ta carte devrait arriver entre le 27 octobre et le 1er novembre.",
            ),
            (
                Lang::En,
                date(2026, 10, 27),
                date(2026, 11, 1),
                "Your card should arrive between 27 October and 1 November.",
            ),
            (Lang::En, date(2026, 10, 1), date(2026, 10, 6), "Your card should arrive between 1 and 6 October."),
        ] {
            assert_eq!(expected_in(lang, &CARD, from, to), want);
        }
        assert_eq!(
            expected_in(Lang::Fr, &VALIDATION, date(2026, 12, 28), date(2027, 1, 1)),
            "La Région devrait valider ta demande entre le 28 décembre et le 1er janvier."
        );
    }
}
