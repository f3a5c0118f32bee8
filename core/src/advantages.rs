//! The card's advantages for one campaign and what is left of them: pure arithmetic on whole cents, so the
//! balance the space shows is tested natively and never drifts through floating point.
//!
//! From the Région's campaign document (as issue 10 quotes it; the document itself is not in the project): free
//! school textbooks; professional equipment aid (vocational streams only, €50 to €500 depending on the stream); a
//! €30 sports licence (€60 in the cases it lists); 5 cinema tickets at €1; €30 for shows; €15 for leisure books
//! (€35 in terminale); free museums; €60 for first-aid training (PSC1). Textbooks and equipment run from early June
//! to 31 May; culture, sport and health from 1 September to 30 June. Every figure is in [`AMOUNTS`], the one table
//! to replace by the Région's; the per-family equipment amounts and the €60 club case are our reading (README, "The
//! beneficiary space").

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
    pub const ALL: [Kind; 8] = [
        Kind::Textbooks,
        Kind::Equipment,
        Kind::Sport,
        Kind::Cinema,
        Kind::Shows,
        Kind::Books,
        Kind::Museums,
        Kind::FirstAid,
    ];
}

/// What an advantage gives: nothing to count, an amount in cents, or a number of tickets.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(tag = "unit", content = "value", rename_all = "snake_case")]
pub enum Measure {
    Free,
    Cents(u32),
    Tickets(u32),
}

/// Where a sports licence is taken: the Région's aid is €30, raised to €60 for a licence in a sports club.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum SportLicence {
    /// The establishment's sports association (UNSS, UGSEL): the €30 case.
    SchoolAssociation,
    /// A sports club affiliated to a federation: the €60 case.
    Club,
}

impl SportLicence {
    pub const ALL: [SportLicence; 2] = [SportLicence::SchoolAssociation, SportLicence::Club];

    /// What the sport advantage is worth for this kind of licence, in cents.
    pub fn cents(self) -> u32 {
        match self {
            SportLicence::SchoolAssociation => AMOUNTS.sport_school_association_cents,
            SportLicence::Club => AMOUNTS.sport_club_cents,
        }
    }
}

/// One use of an advantage at a partner.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Use {
    pub kind: Kind,
    pub partner: String,
    pub on: Date,
    pub amount: Measure,
    /// Sport only: the kind of licence the partner recorded (it decides the €30 or €60 case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<SportLicence>,
}

/// One case of an advantage whose amount depends on how it is used (the sports licence).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct LicenceCase {
    pub licence: SportLicence,
    pub granted: Measure,
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
    /// Equipment only: the family of trades the person's stream belongs to, which sets the amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<Family>,
    /// Sport only: what each kind of licence gives, the €30 case first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<LicenceCase>,
    /// Sport only, once a licence was recorded: the case that applies (a club licence raises the aid to €60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<SportLicence>,
}

/// Families of trades for the professional equipment aid. A cook's knives, a hairdresser's kit and a cabinet
/// maker's tools do not cost the same: the aid follows the stream's trade, read from its national diploma code.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Brevet des métiers d'art, whatever the craft: the tools of a luthier, a jeweller or a glassmaker.
    Crafts,
    HairBeauty,
    Woodwork,
    Cooking,
    Building,
    MotorVehicles,
    Fashion,
    Hospitality,
    Industry,
    Land,
    Media,
    Care,
    Community,
    Services,
    Other,
}

impl Family {
    pub const ALL: [Family; 15] = [
        Family::Crafts,
        Family::HairBeauty,
        Family::Woodwork,
        Family::Cooking,
        Family::Building,
        Family::MotorVehicles,
        Family::Fashion,
        Family::Hospitality,
        Family::Industry,
        Family::Land,
        Family::Media,
        Family::Care,
        Family::Community,
        Family::Services,
        Family::Other,
    ];
}

/// The levels whose streams are vocational: only they get the equipment aid.
pub const VOCATIONAL_LEVELS: [&str; 4] = ["cap", "bac-pro", "bma", "mc"];

/// The professional equipment aid per family of trades, in euros, within the campaign document's range (€50 to
/// €500). The family comes from the NSF speciality group, digits 4 to 6 of the stream's national diploma code
/// ("formation_diplome": 400 22 1 06 is a bac pro in group 221, cooking). The campaign document gives the range,
/// not the Région's per-stream figures: these are the reference server's, to be replaced by the Région's table
/// (README, "The beneficiary space"). The longest matching prefix wins.
pub const EQUIPMENT_BY_GROUP: &[(&str, Family, u32)] = &[
    ("336", Family::HairBeauty, 400),
    ("234", Family::Woodwork, 350),
    ("221", Family::Cooking, 300),
    ("23", Family::Building, 250),
    ("252", Family::MotorVehicles, 250),
    ("24", Family::Fashion, 250),
    ("334", Family::Hospitality, 200),
    ("2", Family::Industry, 200),
    ("21", Family::Land, 150),
    ("322", Family::Media, 150),
    ("323", Family::Media, 150),
    ("33", Family::Care, 100),
    ("34", Family::Community, 100),
    ("3", Family::Services, 50),
];

/// Every figure of the campaign's advantages. `document`: given by the campaign document; `ours`: our reading of
/// it, to check against the Région's text.
#[derive(Clone, Copy, Debug)]
pub struct CampaignAmounts {
    /// document: the range of the equipment aid, in euros.
    pub equipment_range_euros: (u32, u32),
    /// ours: one amount per family of trades, by NSF group (see [`EQUIPMENT_BY_GROUP`]).
    pub equipment_by_group: &'static [(&'static str, Family, u32)],
    /// ours: any Brevet des métiers d'art (the document's top figure).
    pub equipment_crafts_euros: u32,
    /// ours: a vocational stream whose code the table does not place (the document's lowest figure).
    pub equipment_other_euros: u32,
    /// document: the sports licence at the establishment's association (UNSS, UGSEL).
    pub sport_school_association_cents: u32,
    /// ours: "€60 in the cases the document lists", read as a licence in a club affiliated to a federation.
    pub sport_club_cents: u32,
    /// document.
    pub cinema_tickets: u32,
    /// document.
    pub shows_cents: u32,
    /// document; terminale as the stream catalogue tells it (general and technological only).
    pub books_cents: u32,
    pub books_terminale_cents: u32,
    /// document: first-aid training (PSC1).
    pub first_aid_cents: u32,
}

pub const AMOUNTS: CampaignAmounts = CampaignAmounts {
    equipment_range_euros: (50, 500),
    equipment_by_group: EQUIPMENT_BY_GROUP,
    equipment_crafts_euros: 500,
    equipment_other_euros: 50,
    sport_school_association_cents: 3000,
    sport_club_cents: 6000,
    cinema_tickets: 5,
    shows_cents: 3000,
    books_cents: 1500,
    books_terminale_cents: 3500,
    first_aid_cents: 6000,
};

/// The family and the equipment aid in euros of a stream, or `None` for a stream that is not vocational.
pub fn equipment(level: &str, stream_code: &str) -> Option<(Family, u32)> {
    if !VOCATIONAL_LEVELS.contains(&level) {
        return None;
    }
    if level == "bma" {
        return Some((Family::Crafts, AMOUNTS.equipment_crafts_euros));
    }
    let group = stream_code.get(3..6).filter(|g| g.bytes().all(|b| b.is_ascii_digit()));
    // "2" (industry) is listed after "21" and "23"… would shadow them: the longest matching prefix wins.
    let found = group.and_then(|g| {
        AMOUNTS
            .equipment_by_group
            .iter()
            .filter(|(prefix, ..)| g.starts_with(prefix))
            .max_by_key(|(prefix, ..)| prefix.len())
    });
    Some(found.map_or((Family::Other, AMOUNTS.equipment_other_euros), |(_, family, euros)| (*family, *euros)))
}

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap_or(Date { year: y, month: 1, day: 1 })
}

/// One advantage as granted, before any use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entitlement {
    pub kind: Kind,
    pub granted: Measure,
    pub valid_from: Date,
    pub valid_to: Date,
    pub family: Option<Family>,
}

/// The advantages of the campaign starting in `start_year` (2026 for 2026-2027) for a student at `level` in the
/// stream `stream_code`. The sport line is granted at its €30 case; a club licence raises it (see [`balance`]).
pub fn entitlements(start_year: u16, level: &str, stream_code: &str) -> Vec<Entitlement> {
    let school = (date(start_year, 6, 1), date(start_year + 1, 5, 31));
    let culture = (date(start_year, 9, 1), date(start_year + 1, 6, 30));
    let line = |kind, granted, (valid_from, valid_to): (Date, Date)| Entitlement {
        kind,
        granted,
        valid_from,
        valid_to,
        family: None,
    };
    let mut out = vec![line(Kind::Textbooks, Measure::Free, school)];
    if let Some((family, euros)) = equipment(level, stream_code) {
        out.push(Entitlement { family: Some(family), ..line(Kind::Equipment, Measure::Cents(euros * 100), school) });
    }
    // The campaign document: €35 of leisure books in terminale. The stream catalogue tells the year only for the
    // general and technological tracks ("terminale"); a vocational stream's year is not known, so it gets €15.
    let books = if level == "terminale" { AMOUNTS.books_terminale_cents } else { AMOUNTS.books_cents };
    out.extend([
        line(Kind::Sport, Measure::Cents(SportLicence::SchoolAssociation.cents()), culture),
        line(Kind::Cinema, Measure::Tickets(AMOUNTS.cinema_tickets), culture),
        line(Kind::Shows, Measure::Cents(AMOUNTS.shows_cents), culture),
        line(Kind::Books, Measure::Cents(books), culture),
        line(Kind::Museums, Measure::Free, culture),
        line(Kind::FirstAid, Measure::Cents(AMOUNTS.first_aid_cents), culture),
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
    /// A sports licence without its kind (school association or club), or a kind given for another advantage.
    LicenceKind,
}

/// The sport case that applies: a club licence among the uses raises the aid, otherwise the €30 case.
fn sport_licence<'a>(uses: impl Iterator<Item = &'a Use>) -> Option<SportLicence> {
    uses.filter(|u| u.kind == Kind::Sport).filter_map(|u| u.licence).max_by_key(|l| l.cents())
}

/// The balance: each advantage with what was used and what is left.
pub fn balance(start_year: u16, level: &str, stream_code: &str, uses: &[Use]) -> Vec<Line> {
    entitlements(start_year, level, stream_code)
        .into_iter()
        .map(|Entitlement { kind, granted, valid_from, valid_to, family }| {
            let used: Vec<Use> = uses.iter().filter(|u| u.kind == kind).cloned().collect();
            let (licence, cases) = if kind == Kind::Sport {
                let cases = SportLicence::ALL.map(|l| LicenceCase { licence: l, granted: Measure::Cents(l.cents()) });
                (sport_licence(used.iter()), cases.to_vec())
            } else {
                (None, Vec::new())
            };
            let granted = licence.map_or(granted, |l| Measure::Cents(l.cents()));
            let left = match granted {
                Measure::Free => Measure::Free,
                Measure::Cents(g) => Measure::Cents(g.saturating_sub(used.iter().map(|u| cents(u.amount)).sum())),
                Measure::Tickets(g) => Measure::Tickets(g.saturating_sub(used.iter().map(|u| tickets(u.amount)).sum())),
            };
            Line { kind, granted, left, used, valid_from, valid_to, family, cases, licence }
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
pub fn check_use(start_year: u16, level: &str, stream_code: &str, uses: &[Use], new: &Use) -> Result<(), UseRefusal> {
    if (new.kind == Kind::Sport) != new.licence.is_some() {
        return Err(UseRefusal::LicenceKind);
    }
    // A club licence raises what is left before it is spent: the balance is read with the new use's case.
    let mut with_case = uses.to_vec();
    if new.kind == Kind::Sport {
        with_case.push(Use { amount: Measure::Cents(0), ..new.clone() });
    }
    let lines = balance(start_year, level, stream_code, &with_case);
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
        let licence = (kind == Kind::Sport).then_some(SportLicence::SchoolAssociation);
        Use { kind, partner: "Librairie Les Volcans".into(), on: d(on), amount, licence }
    }
    fn licence(l: SportLicence, cents: u32, on: &str) -> Use {
        Use {
            kind: Kind::Sport,
            partner: "Clermont Foot 63".into(),
            on: d(on),
            amount: Measure::Cents(cents),
            licence: Some(l),
        }
    }
    const GENERAL: (&str, &str) = ("1re", "2011001911");

    #[test]
    fn equipment_follows_the_stream_s_trade_within_the_document_s_range() {
        // Real streams of the region's catalogue (api-server/region/streams.csv).
        let table: [(&str, &str, &str, Option<(Family, u32)>); 16] = [
            ("Cuisine (bac pro)", "bac-pro", "40022106", Some((Family::Cooking, 300))),
            ("Cuisine (CAP)", "cap", "50022139", Some((Family::Cooking, 300))),
            ("Coiffure coupe couleur (MC)", "mc", "01033605", Some((Family::HairBeauty, 400))),
            ("Technicien menuisier agenceur", "bac-pro", "40023405", Some((Family::Woodwork, 350))),
            ("Gros œuvre", "bac-pro", "40023203", Some((Family::Building, 250))),
            ("Maintenance des véhicules", "bac-pro", "40025214", Some((Family::MotorVehicles, 250))),
            ("Métiers de la mode - vêtement", "bac-pro", "40024203", Some((Family::Fashion, 250))),
            ("Accueil-réception (MC)", "mc", "01033413", Some((Family::Hospitality, 200))),
            ("Technicien du froid", "bac-pro", "40025509", Some((Family::Industry, 200))),
            ("Photographie", "bac-pro", "40032304", Some((Family::Media, 150))),
            ("Optique lunetterie", "bac-pro", "40033101", Some((Family::Care, 100))),
            ("Métiers de la sécurité", "bac-pro", "40034403", Some((Family::Community, 100))),
            ("Commerce", "bac-pro", "40031202", Some((Family::Services, 50))),
            ("Art du bijou (BMA)", "bma", "40122316", Some((Family::Crafts, 500))),
            ("a vocational code the table cannot place", "cap", "500??999", Some((Family::Other, 50))),
            ("Première générale", "1re", "2011001911", None),
        ];
        for (name, level, code, want) in table {
            assert_eq!(equipment(level, code), want, "{name}");
        }
        assert_eq!(equipment("bts", "32031408"), None, "BTS students are not in the scheme's vocational streams");
        assert_eq!(equipment("terminale", "2123101711"), None);
        let (low, high) = AMOUNTS.equipment_range_euros;
        assert_eq!((low, high), (50, 500), "the campaign document's range");
        let ours = AMOUNTS.equipment_by_group.iter().map(|(_, f, e)| (*f, *e));
        let all: Vec<(Family, u32)> = ours
            .chain([(Family::Crafts, AMOUNTS.equipment_crafts_euros), (Family::Other, AMOUNTS.equipment_other_euros)])
            .collect();
        for family in Family::ALL {
            let figures: std::collections::BTreeSet<u32> =
                all.iter().filter(|(f, _)| *f == family).map(|(_, e)| *e).collect();
            assert_eq!(figures.len(), 1, "{family:?}: one amount per family, the page names the family");
            assert!(figures.iter().all(|e| (low..=high).contains(e)), "{family:?} within the document's range");
        }
        let line = entitlements(2026, "bac-pro", "40022106").into_iter().find(|e| e.kind == Kind::Equipment).unwrap();
        assert_eq!((line.granted, line.family), (Measure::Cents(30000), Some(Family::Cooking)));
        assert_eq!((line.valid_from, line.valid_to), (d("2026-06-01"), d("2027-05-31")));
    }

    #[test]
    fn entitlements_follow_the_level() {
        let general = entitlements(2026, GENERAL.0, GENERAL.1);
        assert!(!general.iter().any(|e| e.kind == Kind::Equipment), "equipment is for vocational streams");
        let books =
            |level, code| entitlements(2026, level, code).into_iter().find(|e| e.kind == Kind::Books).unwrap().granted;
        assert_eq!(books("terminale", "2021001911"), Measure::Cents(3500));
        assert_eq!(books("1re", "2011001911"), Measure::Cents(1500));
        assert_eq!(books("bac-pro", "40022106"), Measure::Cents(1500));
        let kinds: Vec<Kind> = entitlements(2026, "bac-pro", "40022106").iter().map(|e| e.kind).collect();
        assert_eq!(kinds, Kind::ALL, "every advantage, in the order the page shows them");
        for e in entitlements(2026, GENERAL.0, GENERAL.1) {
            let culture = matches!(
                e.kind,
                Kind::Sport | Kind::Cinema | Kind::Shows | Kind::Books | Kind::Museums | Kind::FirstAid
            );
            let want = if culture { (d("2026-09-01"), d("2027-06-30")) } else { (d("2026-06-01"), d("2027-05-31")) };
            assert_eq!((e.valid_from, e.valid_to), want, "{:?}", e.kind);
        }
        let wanted = [
            (Kind::Textbooks, Measure::Free),
            (Kind::Sport, Measure::Cents(3000)),
            (Kind::Cinema, Measure::Tickets(5)),
            (Kind::Shows, Measure::Cents(3000)),
            (Kind::Books, Measure::Cents(1500)),
            (Kind::Museums, Measure::Free),
            (Kind::FirstAid, Measure::Cents(6000)),
        ];
        let got: Vec<(Kind, Measure)> = general.iter().map(|e| (e.kind, e.granted)).collect();
        assert_eq!(got, wanted);
    }

    #[test]
    fn the_sport_aid_is_30_euros_and_60_for_a_club_licence() {
        let sport = |uses: &[Use]| {
            balance(2026, GENERAL.0, GENERAL.1, uses).into_iter().find(|l| l.kind == Kind::Sport).unwrap()
        };
        let fresh = sport(&[]);
        assert_eq!((fresh.granted, fresh.left, fresh.licence), (Measure::Cents(3000), Measure::Cents(3000), None));
        assert_eq!(
            fresh.cases,
            [
                LicenceCase { licence: SportLicence::SchoolAssociation, granted: Measure::Cents(3000) },
                LicenceCase { licence: SportLicence::Club, granted: Measure::Cents(6000) },
            ]
        );
        type Case = (&'static str, Vec<Use>, Measure, Measure, Option<SportLicence>);
        let table: Vec<Case> = vec![
            (
                "school association, €25",
                vec![licence(SportLicence::SchoolAssociation, 2500, "2026-09-15")],
                Measure::Cents(3000),
                Measure::Cents(500),
                Some(SportLicence::SchoolAssociation),
            ),
            (
                "club, €45",
                vec![licence(SportLicence::Club, 4500, "2026-09-15")],
                Measure::Cents(6000),
                Measure::Cents(1500),
                Some(SportLicence::Club),
            ),
            (
                "school association then a club: the club's case",
                vec![
                    licence(SportLicence::SchoolAssociation, 3000, "2026-09-15"),
                    licence(SportLicence::Club, 2000, "2026-10-01"),
                ],
                Measure::Cents(6000),
                Measure::Cents(1000),
                Some(SportLicence::Club),
            ),
        ];
        for (name, uses, granted, left, case) in table {
            let line = sport(&uses);
            assert_eq!((line.granted, line.left, line.licence), (granted, left, case), "{name}");
        }
        // What a partner may record: €30 at the school association, €60 in a club, never without the kind.
        let checks = [
            (vec![], licence(SportLicence::SchoolAssociation, 3000, "2026-09-15"), Ok(())),
            (vec![], licence(SportLicence::SchoolAssociation, 3001, "2026-09-15"), Err(UseRefusal::OverBalance)),
            (vec![], licence(SportLicence::Club, 6000, "2026-09-15"), Ok(())),
            (vec![], licence(SportLicence::Club, 6001, "2026-09-15"), Err(UseRefusal::OverBalance)),
            (
                vec![licence(SportLicence::SchoolAssociation, 3000, "2026-09-15")],
                licence(SportLicence::Club, 3000, "2026-10-01"),
                Ok(()),
            ),
            (
                vec![licence(SportLicence::Club, 6000, "2026-09-15")],
                licence(SportLicence::SchoolAssociation, 100, "2026-10-01"),
                Err(UseRefusal::OverBalance),
            ),
            (
                vec![],
                Use { licence: None, ..licence(SportLicence::Club, 1000, "2026-09-15") },
                Err(UseRefusal::LicenceKind),
            ),
            (
                vec![],
                Use { licence: Some(SportLicence::Club), ..spend(Kind::Shows, Measure::Cents(100), "2026-09-15") },
                Err(UseRefusal::LicenceKind),
            ),
        ];
        for (uses, new, want) in checks {
            assert_eq!(check_use(2026, GENERAL.0, GENERAL.1, &uses, &new), want, "{new:?} after {uses:?}");
        }
        // Uses stored before the licence kind existed still read.
        let old: Use = serde_json::from_str(
            r#"{"kind":"shows","partner":"La Comédie","on":"2026-10-03","amount":{"unit":"cents","value":1250}}"#,
        )
        .unwrap();
        assert_eq!(old.licence, None);
    }

    #[test]
    fn the_balance_moves_with_each_use_and_never_goes_negative() {
        let uses = vec![
            spend(Kind::Shows, Measure::Cents(1250), "2026-10-03"),
            spend(Kind::Shows, Measure::Cents(800), "2026-11-12"),
            spend(Kind::Cinema, Measure::Tickets(2), "2026-10-10"),
        ];
        let lines = balance(2026, GENERAL.0, GENERAL.1, &uses);
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
            assert_eq!(check_use(2026, GENERAL.0, GENERAL.1, &uses, &new), want, "{new:?}");
        }
        // Equipment, for a vocational stream: its family's amount, spent in June already (its period starts then).
        let cook = [spend(Kind::Equipment, Measure::Cents(18_990), "2026-06-20")];
        let lines = balance(2026, "bac-pro", "40022106", &cook);
        let eq = lines.iter().find(|l| l.kind == Kind::Equipment).unwrap();
        assert_eq!(
            (eq.granted, eq.left, eq.family),
            (Measure::Cents(30000), Measure::Cents(11_010), Some(Family::Cooking))
        );
        assert_eq!(
            check_use(
                2026,
                "bac-pro",
                "40022106",
                &cook,
                &spend(Kind::Equipment, Measure::Cents(11_011), "2026-09-01")
            ),
            Err(UseRefusal::OverBalance)
        );
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
