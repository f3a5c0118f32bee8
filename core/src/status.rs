//! The life of a dossier after it is sent, as the beneficiary space shows it: what has happened, what comes next
//! and when, and what the young person still has to do. Pure: the events and "today" come in, the timeline and
//! the tasks come out, so the rules are tested natively and the server only stores events.
//!
//! The Région's order of things: the application is registered (and activated by the emailed link); the
//! establishment checks it, the photo first; the card is then manufactured and sent, to the establishment or
//! home, 10 to 15 days after that validation; the establishment (or the post) hands it over.

use crate::Date;
use serde::{Deserialize, Serialize};

/// What the Région's back office records about a dossier, in order.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// The application was stored.
    Registered { on: Date },
    /// The account was activated from the emailed link.
    Activated { on: Date },
    /// Under the campaign's guardian age: the guardian was emailed a link to give their consent.
    GuardianRequested { on: Date },
    /// The guardian gave their consent from that link.
    GuardianConsented { on: Date },
    /// The establishment validated the application.
    SchoolValidated { on: Date },
    /// The establishment refused the photo, saying why.
    PhotoRefused { on: Date, reason: String },
    /// A new photo was sent from the space, for the establishment to check again.
    PhotoResent { on: Date },
    /// The card went into manufacture.
    CardManufactured { on: Date },
    /// The card was posted, to the establishment or home.
    CardSent { on: Date, to_establishment: bool },
    /// The young person has the card.
    CardHandedOver { on: Date },
    /// The card was declared lost, stolen or damaged from the space: blocked at once, a duplicate requested.
    CardBlocked { on: Date, reason: BlockReason, duplicate_to_establishment: bool },
    /// The back office validated the duplicate request.
    DuplicateValidated { on: Date },
    /// The duplicate was posted.
    DuplicateSent { on: Date },
    /// The young person has the duplicate.
    DuplicateHandedOver { on: Date },
}

/// Why a card was blocked.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BlockReason {
    Lost,
    Stolen,
    Damaged,
}

impl Event {
    pub fn date(&self) -> Date {
        match self {
            Event::Registered { on }
            | Event::Activated { on }
            | Event::GuardianRequested { on }
            | Event::GuardianConsented { on }
            | Event::SchoolValidated { on }
            | Event::PhotoRefused { on, .. }
            | Event::PhotoResent { on }
            | Event::CardManufactured { on }
            | Event::CardSent { on, .. }
            | Event::CardHandedOver { on }
            | Event::CardBlocked { on, .. }
            | Event::DuplicateValidated { on }
            | Event::DuplicateSent { on }
            | Event::DuplicateHandedOver { on } => *on,
        }
    }
}

/// Where the dossier stands, in one word.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The guardian has not given their consent yet: the establishment does not see the application before.
    AwaitingGuardian,
    AwaitingActivation,
    AwaitingSchool,
    PhotoRefused,
    InManufacture,
    Sent,
    HandedOver,
    /// The campaign closed before the establishment validated: nothing more will happen this year.
    CampaignClosed,
    /// The card was declared lost, stolen or damaged and is blocked; its duplicate is on its way (until handed over,
    /// when the status is `HandedOver` again, on the duplicate's date).
    CardBlocked,
}

/// The four steps of the timeline.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Registered,
    SchoolValidation,
    Manufacture,
    HandedOver,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum StageState {
    Done,
    /// Waiting on someone else.
    Current,
    /// Waiting on the young person (a refused photo).
    ActionNeeded,
    Upcoming,
    /// Will not happen for this card: it was blocked (lost, stolen, damaged) before this stage; its duplicate's own
    /// timeline takes over. Without it a card declared lost on its way would read "En cours" for ever.
    Stopped,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct TimelineStep {
    pub stage: Stage,
    pub state: StageState,
    /// When it was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<Date>,
    /// When it is expected, as a range, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_from: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_to: Option<Date>,
}

/// Something the young person has to do.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    /// The establishment refused the photo: send another.
    SendNewPhoto,
    /// The card needs a 4-digit secret code before its first use at a partner (it works for the canteen and school
    /// access without one).
    SetSecretCode,
}

/// A blocked card and its duplicate.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    pub blocked_on: Date,
    pub reason: BlockReason,
    pub to_establishment: bool,
    /// Validation, manufacture and sending, handing over.
    pub timeline: Vec<TimelineStep>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub status: Status,
    pub timeline: Vec<TimelineStep>,
    pub tasks: Vec<Task>,
    /// The establishment's words when it refused the photo (the latest refusal still standing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_refusal_reason: Option<String>,
    /// Whether the card goes (or went) to the establishment rather than home.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_to_establishment: Option<bool>,
    /// The latest card declared lost, stolen or damaged, and its duplicate's progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<Duplicate>,
}

/// What happened to the latest duplicate, while the events are read.
struct DuplicateDates {
    blocked_on: Date,
    reason: BlockReason,
    to_establishment: bool,
    validated: Option<Date>,
    sent: Option<Date>,
    handed_over: Option<Date>,
}

impl Default for DuplicateDates {
    fn default() -> Self {
        DuplicateDates {
            blocked_on: Date { year: 1970, month: 1, day: 1 },
            reason: BlockReason::Lost,
            to_establishment: true,
            validated: None,
            sent: None,
            handed_over: None,
        }
    }
}

/// Days from the establishment's validation to the card's arrival, as the Région announces them.
pub const CARD_DAYS_AFTER_VALIDATION: (i64, i64) = (10, 15);

/// Days from a card's declaration (lost, stolen, damaged) to the Région's validation of its duplicate. No document
/// of the Région gives this figure: it is our assumption (README, "The beneficiary space"), one working week at
/// most, never the same day since the back office checks the request (and an optional new photo) first.
pub const DUPLICATE_VALIDATION_DAYS: (i64, i64) = (1, 5);

fn plus_days(d: Date, days: i64) -> Date {
    let (y, m, day) = crate::date::civil_from_days(d.days_since_epoch() + days);
    Date::new(y as u16, m as u8, day as u8).unwrap_or(d)
}

/// A step's expected range, `days` after `start`. Never a date already past: a late step is "expected any day
/// now", not "expected last week".
fn expect(step: &mut TimelineStep, start: Date, (from, to): (i64, i64), today: Date) {
    step.expected_from = Some(plus_days(start, from).max(today));
    step.expected_to = Some(plus_days(start, to).max(today));
}

/// The dossier's progress from its events (in the order they happened), on `today`, for a campaign that closes
/// (stops validating) after `campaign_closes_on`.
pub fn progress(events: &[Event], today: Date, campaign_closes_on: Date) -> Progress {
    let mut registered = None;
    let mut activated = false;
    let mut guardian_pending = false;
    let mut validated = None;
    let mut refusal: Option<String> = None;
    let mut manufactured = None;
    let mut sent: Option<(Date, bool)> = None;
    let mut handed_over = None;
    let mut duplicate: Option<DuplicateDates> = None;
    for e in events {
        match e {
            Event::Registered { on } => registered = Some(*on),
            Event::Activated { .. } => activated = true,
            Event::GuardianRequested { .. } => guardian_pending = true,
            Event::GuardianConsented { .. } => guardian_pending = false,
            Event::SchoolValidated { on } => {
                validated = Some(*on);
                refusal = None;
            }
            Event::PhotoRefused { reason, .. } => {
                refusal = Some(reason.clone());
                validated = None;
            }
            Event::PhotoResent { .. } => refusal = None,
            Event::CardManufactured { on } => manufactured = Some(*on),
            Event::CardSent { on, to_establishment } => sent = Some((*on, *to_establishment)),
            Event::CardHandedOver { on } => handed_over = Some(*on),
            Event::CardBlocked { on, reason, duplicate_to_establishment } => {
                // A new declaration starts a new duplicate.
                duplicate = Some(DuplicateDates {
                    blocked_on: *on,
                    reason: *reason,
                    to_establishment: *duplicate_to_establishment,
                    ..DuplicateDates::default()
                });
            }
            Event::DuplicateValidated { on } => {
                if let Some(d) = duplicate.as_mut() {
                    d.validated = Some(*on);
                }
            }
            Event::DuplicateSent { on } => {
                if let Some(d) = duplicate.as_mut() {
                    d.sent = Some(*on);
                }
            }
            Event::DuplicateHandedOver { on } => {
                if let Some(d) = duplicate.as_mut() {
                    d.handed_over = Some(*on);
                }
            }
        }
    }
    let closed = today > campaign_closes_on && validated.is_none();
    let status = if duplicate.as_ref().is_some_and(|d| d.handed_over.is_none()) {
        Status::CardBlocked
    } else if handed_over.is_some() || duplicate.is_some() {
        Status::HandedOver
    } else if sent.is_some() {
        Status::Sent
    } else if validated.is_some() || manufactured.is_some() {
        Status::InManufacture
    } else if closed {
        Status::CampaignClosed
    } else if guardian_pending {
        Status::AwaitingGuardian
    } else if refusal.is_some() {
        Status::PhotoRefused
    } else if !activated {
        Status::AwaitingActivation
    } else {
        Status::AwaitingSchool
    };

    let step = |stage, state, done_on| TimelineStep { stage, state, done_on, expected_from: None, expected_to: None };
    let mut timeline = vec![step(Stage::Registered, StageState::Done, registered)];
    // The back office may record a later step without the one before (a card sent with no "manufactured" event):
    // a later step done means the earlier ones are done too, even when their date is unknown.
    let school_state = match (validated.or(manufactured).or(sent.map(|(on, _)| on)).or(handed_over), &refusal) {
        (Some(_), _) => StageState::Done,
        (None, Some(_)) if !closed => StageState::ActionNeeded,
        _ if matches!(status, Status::AwaitingActivation | Status::AwaitingGuardian) || closed => StageState::Upcoming,
        _ => StageState::Current,
    };
    timeline.push(step(Stage::SchoolValidation, school_state, validated));
    let mut manufacture = step(
        Stage::Manufacture,
        match (sent.map(|(on, _)| on).or(handed_over), validated.or(manufactured)) {
            (Some(_), _) => StageState::Done,
            (None, Some(_)) => StageState::Current,
            _ => StageState::Upcoming,
        },
        sent.map(|(on, _)| on),
    );
    // A card declared lost before it arrived is not expected any more: its duplicate's timeline says when.
    if sent.is_none()
        && duplicate.is_none()
        && let Some(v) = validated.or(manufactured)
    {
        expect(&mut manufacture, v, CARD_DAYS_AFTER_VALIDATION, today);
    }
    timeline.push(manufacture);
    timeline.push(step(
        Stage::HandedOver,
        match (handed_over, sent) {
            (Some(_), _) => StageState::Done,
            (None, Some(_)) => StageState::Current,
            _ => StageState::Upcoming,
        },
        handed_over,
    ));
    // What the blocked card had not reached yet will not happen to it.
    if duplicate.is_some() {
        for s in timeline.iter_mut().filter(|s| s.state != StageState::Done) {
            *s = step(s.stage, StageState::Stopped, None);
        }
    }

    let mut tasks = Vec::new();
    if status == Status::PhotoRefused {
        tasks.push(Task::SendNewPhoto);
    }
    let duplicate = duplicate.map(
        |DuplicateDates { blocked_on, reason, to_establishment, validated, sent, handed_over: handed }| {
            let state = |done: Option<Date>, started: bool| match (done, started) {
                (Some(_), _) => StageState::Done,
                (None, true) => StageState::Current,
                _ => StageState::Upcoming,
            };
            // As for the first card, a later step recorded means the earlier ones are done.
            let made_done = sent.is_some() || handed.is_some();
            let check_done = validated.is_some() || made_done;
            let mut check = step(
                Stage::SchoolValidation,
                if check_done { StageState::Done } else { StageState::Current },
                validated,
            );
            if !check_done {
                expect(&mut check, blocked_on, DUPLICATE_VALIDATION_DAYS, today);
            }
            let mut made =
                step(Stage::Manufacture, if made_done { StageState::Done } else { state(None, check_done) }, sent);
            if !made_done && let Some(v) = validated {
                expect(&mut made, v, CARD_DAYS_AFTER_VALIDATION, today);
            }
            Duplicate {
                blocked_on,
                reason,
                to_establishment,
                timeline: vec![check, made, step(Stage::HandedOver, state(handed, sent.is_some()), handed)],
            }
        },
    );
    Progress {
        status,
        timeline,
        tasks,
        photo_refusal_reason: if status == Status::PhotoRefused { refusal } else { None },
        sent_to_establishment: sent.map(|(_, to)| to),
        duplicate,
    }
}

/// Why the space may take a new photo now, if it may: the establishment refused the photo, or a duplicate was
/// requested and its validation (which checks the photo printed on it) has not happened yet. Both the server (which
/// refuses a photo otherwise) and the space's pages (which offer it) ask this.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum NewPhotoFor {
    Refused,
    Duplicate,
}

pub fn new_photo_for(progress: &Progress) -> Option<NewPhotoFor> {
    if progress.status == Status::PhotoRefused {
        return Some(NewPhotoFor::Refused);
    }
    let duplicate = progress.duplicate.as_ref()?;
    let validated = duplicate.timeline.first().is_some_and(|s| s.state == StageState::Done);
    (!validated).then_some(NewPhotoFor::Duplicate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn while_a_duplicate_is_on_its_way_the_status_is_the_blocked_card() {
        let before = [
            Event::Registered { on: d("2026-09-02") },
            Event::Activated { on: d("2026-09-02") },
            Event::SchoolValidated { on: d("2026-09-10") },
            Event::CardSent { on: d("2026-09-20"), to_establishment: true },
        ];
        let blocked =
            Event::CardBlocked { on: d("2026-10-01"), reason: BlockReason::Lost, duplicate_to_establishment: true };
        let given = Event::CardHandedOver { on: d("2026-09-24") };
        let table: Vec<(&str, Vec<Event>, Status)> = vec![
            ("handed over, then lost", [&before[..], &[given.clone(), blocked.clone()]].concat(), Status::CardBlocked),
            (
                "lost before it was handed over",
                [&before[..], std::slice::from_ref(&blocked)].concat(),
                Status::CardBlocked,
            ),
            (
                "duplicate validated",
                [&before[..], &[given.clone(), blocked.clone(), Event::DuplicateValidated { on: d("2026-10-02") }]]
                    .concat(),
                Status::CardBlocked,
            ),
            (
                "duplicate sent",
                [&before[..], &[given.clone(), blocked.clone(), Event::DuplicateSent { on: d("2026-10-12") }]].concat(),
                Status::CardBlocked,
            ),
            (
                "duplicate handed over",
                [&before[..], &[given, blocked.clone(), Event::DuplicateHandedOver { on: d("2026-10-15") }]].concat(),
                Status::HandedOver,
            ),
            (
                "a duplicate handed over although the first card never was",
                [&before[..], &[blocked, Event::DuplicateHandedOver { on: d("2026-10-15") }]].concat(),
                Status::HandedOver,
            ),
        ];
        for (name, events, want) in table {
            let p = progress(&events, d("2026-10-16"), d(CLOSES));
            assert_eq!(p.status, want, "{name}");
            // The first card's own timeline keeps its history whatever happens to the duplicate.
            assert_eq!(p.timeline[2].state, StageState::Done, "{name}");
        }
        // Declared lost while still being made: the first card's expected days go, the duplicate's come once
        // validated.
        let made = [&before[..3], &[Event::CardManufactured { on: d("2026-09-12") }]].concat();
        assert!(progress(&made, d("2026-09-13"), d(CLOSES)).timeline[2].expected_from.is_some());
        let lost = [
            &made[..],
            &[Event::CardBlocked { on: d("2026-09-14"), reason: BlockReason::Lost, duplicate_to_establishment: true }],
        ]
        .concat();
        let p = progress(&lost, d("2026-09-14"), d(CLOSES));
        assert_eq!(
            (p.status, p.timeline[2].expected_from, p.timeline[2].expected_to),
            (Status::CardBlocked, None, None)
        );
    }

    #[test]
    fn what_a_blocked_card_had_not_reached_is_stopped_not_under_way() {
        use StageState::{Current as C, Done as D, Stopped as S};
        let reg = Event::Registered { on: d("2026-09-02") };
        let act = Event::Activated { on: d("2026-09-02") };
        let val = Event::SchoolValidated { on: d("2026-09-10") };
        let made = Event::CardManufactured { on: d("2026-09-12") };
        let sent = Event::CardSent { on: d("2026-09-20"), to_establishment: false };
        let given = Event::CardHandedOver { on: d("2026-09-24") };
        let blocked =
            Event::CardBlocked { on: d("2026-10-01"), reason: BlockReason::Stolen, duplicate_to_establishment: true };
        let table: Vec<(&str, Vec<Event>, Vec<StageState>)> = vec![
            (
                "blocked while being made",
                vec![reg.clone(), act.clone(), val.clone(), made, blocked.clone()],
                vec![D, D, S, S],
            ),
            (
                "blocked on its way",
                vec![reg.clone(), act.clone(), val.clone(), sent.clone(), blocked.clone()],
                vec![D, D, D, S],
            ),
            (
                "blocked once handed over",
                vec![reg.clone(), act.clone(), val, sent, given, blocked.clone()],
                vec![D, D, D, D],
            ),
            // Nothing blocked: the same dossier on its way reads "under way", not stopped.
            (
                "on its way, not blocked",
                vec![reg, act, Event::CardSent { on: d("2026-09-20"), to_establishment: true }],
                vec![D, D, D, C],
            ),
        ];
        for (name, events, want) in table {
            let p = progress(&events, d("2026-10-02"), d(CLOSES));
            assert_eq!(states(&p), want, "{name}");
            for s in p.timeline.iter().filter(|s| s.state == StageState::Stopped) {
                assert_eq!((s.done_on, s.expected_from, s.expected_to), (None, None, None), "{name}: {:?}", s.stage);
            }
        }
    }

    #[test]
    fn a_later_step_recorded_means_the_earlier_ones_are_done() {
        use StageState::{Current as C, Done as D, Upcoming as U};
        let first = [
            Event::Registered { on: d("2026-09-02") },
            Event::Activated { on: d("2026-09-02") },
            Event::SchoolValidated { on: d("2026-09-10") },
            Event::CardSent { on: d("2026-09-20"), to_establishment: true },
            Event::CardHandedOver { on: d("2026-09-24") },
            Event::CardBlocked { on: d("2026-11-02"), reason: BlockReason::Lost, duplicate_to_establishment: true },
        ];
        let dup = |extra: &[Event]| {
            let p = progress(&[&first[..], extra].concat(), d("2026-11-20"), d(CLOSES));
            p.duplicate.unwrap().timeline
        };
        let states = |t: &[TimelineStep]| t.iter().map(|s| s.state).collect::<Vec<_>>();
        // The back office posts the duplicate without recording its validation: validation is done, date unknown,
        // and no expected days are left on it.
        let t = dup(&[Event::DuplicateSent { on: d("2026-11-12") }]);
        assert_eq!(states(&t), [D, D, C]);
        assert_eq!((t[0].done_on, t[0].expected_from, t[0].expected_to), (None, None, None));
        assert_eq!(t[1].done_on, Some(d("2026-11-12")));
        let t = dup(&[Event::DuplicateHandedOver { on: d("2026-11-15") }]);
        assert_eq!(states(&t), [D, D, D]);
        assert_eq!(states(&dup(&[])), [C, U, U]);
        // The first card sent with no validation recorded.
        let p = progress(&[first[0].clone(), first[1].clone(), first[3].clone()], d("2026-09-21"), d(CLOSES));
        assert_eq!((p.status, states(&p.timeline)), (Status::Sent, vec![D, D, D, C]));
        assert_eq!(p.timeline[2].expected_from, None);
    }

    #[test]
    fn a_blocked_card_gets_a_duplicate_with_its_own_timeline() {
        let events = [
            Event::Registered { on: d("2026-09-02") },
            Event::Activated { on: d("2026-09-02") },
            Event::SchoolValidated { on: d("2026-09-10") },
            Event::CardSent { on: d("2026-09-20"), to_establishment: true },
            Event::CardHandedOver { on: d("2026-09-24") },
            Event::CardBlocked { on: d("2026-11-02"), reason: BlockReason::Stolen, duplicate_to_establishment: false },
        ];
        let p = progress(&events, d("2026-11-02"), d(CLOSES));
        let dup = p.duplicate.clone().unwrap();
        assert_eq!((dup.blocked_on, dup.reason, dup.to_establishment), (d("2026-11-02"), BlockReason::Stolen, false));
        let states: Vec<_> = dup.timeline.iter().map(|s| s.state).collect();
        assert_eq!(states, [StageState::Current, StageState::Upcoming, StageState::Upcoming]);
        let mut more = events.to_vec();
        more.push(Event::DuplicateValidated { on: d("2026-11-04") });
        let p = progress(&more, d("2026-11-05"), d(CLOSES));
        let made = &p.duplicate.as_ref().unwrap().timeline[1];
        assert_eq!(
            (made.state, made.expected_from, made.expected_to),
            (StageState::Current, Some(d("2026-11-14")), Some(d("2026-11-19")))
        );
        more.push(Event::DuplicateSent { on: d("2026-11-15") });
        let p = progress(&more, d("2026-11-16"), d(CLOSES));
        let states: Vec<_> = p.duplicate.unwrap().timeline.iter().map(|s| s.state).collect();
        assert_eq!(states, [StageState::Done, StageState::Done, StageState::Current]);
    }

    #[test]
    fn each_step_of_a_duplicate_shows_its_date_done_or_expected() {
        let first = [
            Event::Registered { on: d("2026-09-02") },
            Event::Activated { on: d("2026-09-02") },
            Event::SchoolValidated { on: d("2026-09-10") },
            Event::CardSent { on: d("2026-09-20"), to_establishment: true },
            Event::CardHandedOver { on: d("2026-09-24") },
        ];
        let blocked =
            Event::CardBlocked { on: d("2026-10-29"), reason: BlockReason::Lost, duplicate_to_establishment: true };
        let validated = Event::DuplicateValidated { on: d("2026-11-02") };
        let sent = Event::DuplicateSent { on: d("2026-11-13") };
        let given = Event::DuplicateHandedOver { on: d("2026-11-16") };
        type Dates = (Option<&'static str>, Option<&'static str>, Option<&'static str>);
        // (case, events after the first card, today, per step: (done on, expected from, expected to))
        let table: Vec<(&str, Vec<Event>, &str, [Dates; 3])> = vec![
            (
                "declared: validation 1 to 5 days after, across a month end",
                vec![blocked.clone()],
                "2026-10-29",
                [(None, Some("2026-10-30"), Some("2026-11-03")), (None, None, None), (None, None, None)],
            ),
            (
                "validation late: expected from today, never in the past",
                vec![blocked.clone()],
                "2026-11-05",
                [(None, Some("2026-11-05"), Some("2026-11-05")), (None, None, None), (None, None, None)],
            ),
            (
                "validated: its day, then the card 10 to 15 days after it",
                vec![blocked.clone(), validated.clone()],
                "2026-11-03",
                [(Some("2026-11-02"), None, None), (None, Some("2026-11-12"), Some("2026-11-17")), (None, None, None)],
            ),
            (
                "sent",
                vec![blocked.clone(), validated.clone(), sent.clone()],
                "2026-11-14",
                [(Some("2026-11-02"), None, None), (Some("2026-11-13"), None, None), (None, None, None)],
            ),
            (
                "handed over",
                vec![blocked.clone(), validated.clone(), sent.clone(), given],
                "2026-11-20",
                [(Some("2026-11-02"), None, None), (Some("2026-11-13"), None, None), (Some("2026-11-16"), None, None)],
            ),
            (
                "a second declaration starts again from its own day",
                vec![
                    blocked,
                    validated,
                    sent,
                    Event::CardBlocked {
                        on: d("2026-12-01"),
                        reason: BlockReason::Damaged,
                        duplicate_to_establishment: false,
                    },
                ],
                "2026-12-01",
                [(None, Some("2026-12-02"), Some("2026-12-06")), (None, None, None), (None, None, None)],
            ),
        ];
        let day = |s: Option<&str>| s.map(d);
        for (name, more, today, want) in table {
            let p = progress(&[&first[..], &more].concat(), d(today), d(CLOSES));
            let got: Vec<_> =
                p.duplicate.expect(name).timeline.iter().map(|s| (s.done_on, s.expected_from, s.expected_to)).collect();
            let want: Vec<_> = want.iter().map(|(done, from, to)| (day(*done), day(*from), day(*to))).collect();
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn a_new_photo_is_taken_after_a_refusal_or_for_a_duplicate_not_yet_validated() {
        let base = [Event::Registered { on: d("2026-09-02") }, Event::Activated { on: d("2026-09-02") }];
        let refused = Event::PhotoRefused { on: d("2026-09-05"), reason: "Floue".into() };
        let validated = Event::SchoolValidated { on: d("2026-09-10") };
        let sent = Event::CardSent { on: d("2026-09-20"), to_establishment: true };
        let blocked =
            Event::CardBlocked { on: d("2026-11-02"), reason: BlockReason::Damaged, duplicate_to_establishment: true };
        let dup_validated = Event::DuplicateValidated { on: d("2026-11-04") };
        let dup_sent = Event::DuplicateSent { on: d("2026-11-15") };
        let resent = Event::PhotoResent { on: d("2026-09-06") };
        let cases: Vec<(&str, Vec<Event>, Option<NewPhotoFor>)> = vec![
            ("waiting for the school", vec![], None),
            ("photo refused", vec![refused.clone()], Some(NewPhotoFor::Refused)),
            ("new photo sent after the refusal", vec![refused.clone(), resent], None),
            ("validated", vec![validated.clone()], None),
            ("card sent", vec![validated.clone(), sent.clone()], None),
            (
                "duplicate requested",
                vec![validated.clone(), sent.clone(), blocked.clone()],
                Some(NewPhotoFor::Duplicate),
            ),
            (
                "duplicate validated",
                vec![validated.clone(), sent.clone(), blocked.clone(), dup_validated.clone()],
                None,
            ),
            ("duplicate sent", vec![validated, sent, blocked, dup_validated, dup_sent], None),
        ];
        for (name, more, expected) in cases {
            let events: Vec<Event> = base.iter().cloned().chain(more).collect();
            let p = progress(&events, d("2026-11-05"), d(CLOSES));
            assert_eq!(new_photo_for(&p), expected, "{name}");
        }
    }

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }
    const CLOSES: &str = "2027-05-31";

    fn states(p: &Progress) -> Vec<StageState> {
        p.timeline.iter().map(|s| s.state).collect()
    }

    #[test]
    fn each_case_a_real_dossier_meets() {
        use StageState::{ActionNeeded as A, Current as C, Done as D, Upcoming as U};
        let reg = Event::Registered { on: d("2026-09-02") };
        let act = Event::Activated { on: d("2026-09-02") };
        let val = Event::SchoolValidated { on: d("2026-09-10") };
        let refused = Event::PhotoRefused { on: d("2026-09-08"), reason: "Photo floue".into() };
        let resent = Event::PhotoResent { on: d("2026-09-09") };
        let made = Event::CardManufactured { on: d("2026-09-12") };
        let sent = Event::CardSent { on: d("2026-09-20"), to_establishment: true };
        let given = Event::CardHandedOver { on: d("2026-09-24") };
        let guardian = Event::GuardianRequested { on: d("2026-09-02") };
        let agreed = Event::GuardianConsented { on: d("2026-09-04") };
        type Case = (&'static str, Vec<Event>, &'static str, Status, Vec<StageState>);
        let table: Vec<Case> = vec![
            ("not activated", vec![reg.clone()], "2026-09-03", Status::AwaitingActivation, vec![D, U, U, U]),
            (
                "waiting for the school",
                vec![reg.clone(), act.clone()],
                "2026-09-03",
                Status::AwaitingSchool,
                vec![D, C, U, U],
            ),
            (
                "photo refused",
                vec![reg.clone(), act.clone(), refused.clone()],
                "2026-09-08",
                Status::PhotoRefused,
                vec![D, A, U, U],
            ),
            (
                "new photo sent",
                vec![reg.clone(), act.clone(), refused.clone(), resent.clone()],
                "2026-09-09",
                Status::AwaitingSchool,
                vec![D, C, U, U],
            ),
            (
                "validated",
                vec![reg.clone(), act.clone(), val.clone()],
                "2026-09-11",
                Status::InManufacture,
                vec![D, D, C, U],
            ),
            (
                "manufactured",
                vec![reg.clone(), act.clone(), val.clone(), made.clone()],
                "2026-09-13",
                Status::InManufacture,
                vec![D, D, C, U],
            ),
            (
                "sent",
                vec![reg.clone(), act.clone(), val.clone(), made.clone(), sent.clone()],
                "2026-09-21",
                Status::Sent,
                vec![D, D, D, C],
            ),
            (
                "handed over",
                vec![reg.clone(), act.clone(), val.clone(), made, sent, given],
                "2026-09-25",
                Status::HandedOver,
                vec![D, D, D, D],
            ),
            (
                "guardian not yet agreed",
                vec![reg.clone(), guardian.clone()],
                "2026-09-03",
                Status::AwaitingGuardian,
                vec![D, U, U, U],
            ),
            (
                "guardian not yet agreed, account active",
                vec![reg.clone(), guardian.clone(), act.clone()],
                "2026-09-03",
                Status::AwaitingGuardian,
                vec![D, U, U, U],
            ),
            (
                "guardian agreed",
                vec![reg.clone(), guardian.clone(), agreed.clone(), act.clone()],
                "2026-09-05",
                Status::AwaitingSchool,
                vec![D, C, U, U],
            ),
            (
                "guardian agreed, not activated",
                vec![reg.clone(), guardian.clone(), agreed],
                "2026-09-05",
                Status::AwaitingActivation,
                vec![D, U, U, U],
            ),
            (
                "closed while waiting for the guardian",
                vec![reg.clone(), guardian, act.clone()],
                "2027-06-01",
                Status::CampaignClosed,
                vec![D, U, U, U],
            ),
            (
                "campaign closed before validation",
                vec![reg.clone(), act.clone()],
                "2027-06-01",
                Status::CampaignClosed,
                vec![D, U, U, U],
            ),
            (
                "closed with a refused photo",
                vec![reg.clone(), act.clone(), refused],
                "2027-06-01",
                Status::CampaignClosed,
                vec![D, U, U, U],
            ),
            (
                "validated, then the campaign closed",
                vec![reg, act, val],
                "2027-06-01",
                Status::InManufacture,
                vec![D, D, C, U],
            ),
        ];
        for (name, events, today, status, want) in table {
            let p = progress(&events, d(today), d(CLOSES));
            assert_eq!(p.status, status, "{name}");
            assert_eq!(states(&p), want, "{name}");
            assert_eq!(p.tasks == vec![Task::SendNewPhoto], status == Status::PhotoRefused, "{name}");
            assert_eq!(p.photo_refusal_reason.is_some(), status == Status::PhotoRefused, "{name}");
        }
    }

    #[test]
    fn the_card_is_expected_10_to_15_days_after_validation_never_in_the_past() {
        let events = [
            Event::Registered { on: d("2026-09-02") },
            Event::Activated { on: d("2026-09-02") },
            Event::SchoolValidated { on: d("2026-09-28") },
        ];
        let p = progress(&events, d("2026-09-29"), d(CLOSES));
        let m = &p.timeline[2];
        assert_eq!(
            (m.expected_from, m.expected_to),
            (Some(d("2026-10-08")), Some(d("2026-10-13"))),
            "across a month end"
        );
        assert_eq!(p.timeline[1].done_on, Some(d("2026-09-28")));
        // Late: on 20 October the card is expected from today, not on a date already gone.
        let late = progress(&events, d("2026-10-20"), d(CLOSES));
        assert_eq!(late.timeline[2].expected_from, Some(d("2026-10-20")));
        assert_eq!(late.timeline[2].expected_to, Some(d("2026-10-20")));
    }

    #[test]
    fn a_photo_refused_after_validation_reopens_the_check_and_keeps_the_reason() {
        let events = [
            Event::Registered { on: d("2026-09-02") },
            Event::Activated { on: d("2026-09-02") },
            Event::PhotoRefused { on: d("2026-09-05"), reason: "Visage caché par une mèche".into() },
        ];
        let p = progress(&events, d("2026-09-06"), d(CLOSES));
        assert_eq!(p.photo_refusal_reason.as_deref(), Some("Visage caché par une mèche"));
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["status"], "photo_refused");
        assert_eq!(json["timeline"][1]["state"], "action_needed");
        assert_eq!(json["tasks"][0], "send_new_photo");
    }
}
