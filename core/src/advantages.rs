//! The card's advantages for one campaign and what is left of them: pure arithmetic on whole cents, so the
//! balance the space shows is tested natively and never drifts through floating point.
//!
//! From the Région's campaign document: free school textbooks; professional equipment aid (vocational streams
//! only, €50 to €500 depending on the stream); a €30 sports licence; 5 cinema tickets at €1; €30 for shows; €15 for
//! leisure books (€35 in terminale); free museums; €60 for first-aid training (PSC1). Textbooks and equipment run
//! from early June to 31 May; culture, sport and health from 1 September to 30 June.

use crate::Date;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Textbooks,
    Equipment,
    Sport,
    Cinema,
    Shows,
    Books,
    Museums,
    FirstAid,
}

impl Kind {
    pub const ALL: [Kind; 8] =
        [Kind::Textbooks, Kind::Equipment, Kind::Sport, Kind::Cinema, Kind::Shows, Kind::Books, Kind::Museums, Kind::FirstAid];
}

/// What an advantage gives: nothing to count, an amount in cents, or a number of tickets.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(tag = "unit", content = "value", rename_all = "snake_case")]
pub enum Measure {
    Free,
    Cents(u32),
    Tickets(u32),
}

/// One use of an advantage at a partner.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Use {
    pub kind: Kind,
    pub partner: String,
    pub on: Date,
    pub amount: Measure,
}

/// One line of the balance.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub kind: Kind,
    pub granted: Measure,
    pub left: Measure,
    pub used: Vec<Use>,
    pub valid_from: Date,
    pub valid_to: Date,
}

/// Professional equipment aid by level, in euros: vocational streams only. The Région's real table is per stream
/// (a cook's knives and a hairdresser's kit do not cost the same); the reference server uses one figure per level
/// within the document's range.
pub fn equipment_euros(level: &str) -> Option<u32> {
    match level {
        "cap" | "bac-pro" => Some(300),
        "bma" => Some(200),
        "mc" => Some(50),
        _ => None,
    }
}

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap_or(Date { year: y, month: 1, day: 1 })
}

/// The advantages of the campaign starting in `start_year` (2026 for 2026-2027) for a student at `level`.
pub fn entitlements(start_year: u16, level: &str) -> Vec<(Kind, Measure, Date, Date)> {
    let school = (date(start_year, 6, 1), date(start_year + 1, 5, 31));
    let culture = (date(start_year, 9, 1), date(start_year + 1, 6, 30));
    let mut out = vec![(Kind::Textbooks, Measure::Free, school.0, school.1)];
    if let Some(euros) = equipment_euros(level) {
        out.push((Kind::Equipment, Measure::Cents(euros * 100), school.0, school.1));
    }
    let books = if level == "terminale" { 35 } else { 15 };
    out.extend([
        (Kind::Sport, Measure::Cents(3000), culture.0, culture.1),
        (Kind::Cinema, Measure::Tickets(5), culture.0, culture.1),
        (Kind::Shows, Measure::Cents(3000), culture.0, culture.1),
        (Kind::Books, Measure::Cents(books * 100), culture.0, culture.1),
        (Kind::Museums, Measure::Free, culture.0, culture.1),
        (Kind::FirstAid, Measure::Cents(6000), culture.0, culture.1),
    ]);
    out
}

/// Why a use cannot be recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UseRefusal {
    /// The person has no such advantage.
    NotEntitled,
    /// Outside the advantage's period.
    OutOfPeriod,
    /// More than what is left, or the wrong unit.
    OverBalance,
}

/// The balance: each advantage with what was used and what is left.
pub fn balance(start_year: u16, level: &str, uses: &[Use]) -> Vec<Line> {
    entitlements(start_year, level)
        .into_iter()
        .map(|(kind, granted, valid_from, valid_to)| {
            let used: Vec<Use> = uses.iter().filter(|u| u.kind == kind).cloned().collect();
            let left = match granted {
                Measure::Free => Measure::Free,
                Measure::Cents(g) => Measure::Cents(g.saturating_sub(used.iter().map(|u| cents(u.amount)).sum())),
                Measure::Tickets(g) => Measure::Tickets(g.saturating_sub(used.iter().map(|u| tickets(u.amount)).sum())),
            };
            Line { kind, granted, left, used, valid_from, valid_to }
        })
        .collect()
}

fn cents(m: Measure) -> u32 {
    if let Measure::Cents(c) = m { c } else { 0 }
}
fn tickets(m: Measure) -> u32 {
    if let Measure::Tickets(t) = m { t } else { 0 }
}

/// Whether a partner may record this use now.
pub fn check_use(start_year: u16, level: &str, uses: &[Use], new: &Use) -> Result<(), UseRefusal> {
    let lines = balance(start_year, level, uses);
    let line = lines.iter().find(|l| l.kind == new.kind).ok_or(UseRefusal::NotEntitled)?;
    if new.on < line.valid_from || new.on > line.valid_to {
        return Err(UseRefusal::OutOfPeriod);
    }
    match (line.left, new.amount) {
        (Measure::Free, Measure::Free) => Ok(()),
        (Measure::Cents(left), Measure::Cents(c)) if c > 0 && c <= left => Ok(()),
        (Measure::Tickets(left), Measure::Tickets(t)) if t > 0 && t <= left => Ok(()),
        _ => Err(UseRefusal::OverBalance),
    }
}

/// An amount as people read it: "1 234,56 €" in French (no-break spaces), "€1,234.56" in English.
pub fn format_euros(cents: u32, lang: &str) -> String {
    let (euros, rest) = (cents / 100, cents % 100);
    let digits = euros.to_string();
    let sep = if lang == "en" { "," } else { "\u{a0}" };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push_str(sep);
        }
        grouped.push(c);
    }
    if lang == "en" { format!("€{grouped}.{rest:02}") } else { format!("{grouped},{rest:02}\u{a0}€") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }
    fn spend(kind: Kind, amount: Measure, on: &str) -> Use {
        Use { kind, partner: "Librairie Les Volcans".into(), on: d(on), amount }
    }

    #[test]
    fn entitlements_follow_the_level() {
        let general = entitlements(2026, "1re");
        assert!(!general.iter().any(|(k, ..)| *k == Kind::Equipment), "equipment is for vocational streams");
        let books = |level| entitlements(2026, level).into_iter().find(|(k, ..)| *k == Kind::Books).unwrap().1;
        assert_eq!(books("terminale"), Measure::Cents(3500));
        assert_eq!(books("1re"), Measure::Cents(1500));
        let pro = entitlements(2026, "bac-pro");
        let eq = pro.iter().find(|(k, ..)| *k == Kind::Equipment).unwrap();
        assert_eq!((eq.1, eq.2, eq.3), (Measure::Cents(30000), d("2026-06-01"), d("2027-05-31")));
        let sport = pro.iter().find(|(k, ..)| *k == Kind::Sport).unwrap();
        assert_eq!((sport.2, sport.3), (d("2026-09-01"), d("2027-06-30")));
    }

    #[test]
    fn the_balance_moves_with_each_use_and_never_goes_negative() {
        let uses = vec![
            spend(Kind::Shows, Measure::Cents(1250), "2026-10-03"),
            spend(Kind::Shows, Measure::Cents(800), "2026-11-12"),
            spend(Kind::Cinema, Measure::Tickets(2), "2026-10-10"),
        ];
        let lines = balance(2026, "1re", &uses);
        let line = |k| lines.iter().find(|l| l.kind == k).unwrap();
        assert_eq!(line(Kind::Shows).left, Measure::Cents(950));
        assert_eq!(line(Kind::Shows).used.len(), 2);
        assert_eq!(line(Kind::Cinema).left, Measure::Tickets(3));
        assert_eq!(line(Kind::Sport).left, Measure::Cents(3000));
        assert_eq!(line(Kind::Museums).left, Measure::Free);

        let table = [
            (spend(Kind::Shows, Measure::Cents(950), "2026-12-01"), Ok(())),
            (spend(Kind::Shows, Measure::Cents(951), "2026-12-01"), Err(UseRefusal::OverBalance)),
            (spend(Kind::Shows, Measure::Cents(0), "2026-12-01"), Err(UseRefusal::OverBalance)),
            (spend(Kind::Shows, Measure::Tickets(1), "2026-12-01"), Err(UseRefusal::OverBalance)),
            (spend(Kind::Cinema, Measure::Tickets(3), "2026-12-01"), Ok(())),
            (spend(Kind::Cinema, Measure::Tickets(4), "2026-12-01"), Err(UseRefusal::OverBalance)),
            (spend(Kind::Sport, Measure::Cents(3000), "2027-07-01"), Err(UseRefusal::OutOfPeriod)),
            (spend(Kind::Sport, Measure::Cents(3000), "2026-08-31"), Err(UseRefusal::OutOfPeriod)),
            (spend(Kind::Equipment, Measure::Cents(100), "2026-10-01"), Err(UseRefusal::NotEntitled)),
            (spend(Kind::Museums, Measure::Free, "2026-10-01"), Ok(())),
        ];
        for (new, want) in table {
            assert_eq!(check_use(2026, "1re", &uses, &new), want, "{new:?}");
        }
    }

    #[test]
    fn amounts_as_people_read_them() {
        for (cents, fr, en) in [
            (123_456, "1\u{a0}234,56\u{a0}€", "€1,234.56"),
            (3000, "30,00\u{a0}€", "€30.00"),
            (5, "0,05\u{a0}€", "€0.05"),
            (100_000_000, "1\u{a0}000\u{a0}000,00\u{a0}€", "€1,000,000.00"),
        ] {
            assert_eq!(format_euros(cents, "fr"), fr);
            assert_eq!(format_euros(cents, "en"), en);
        }
    }
}
