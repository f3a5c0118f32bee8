//! The journey through the form, as one table (in the manner of HMPO's form wizard).
//!
//! Each step has a stable French URL under `/demande/`, a title key, a condition saying when it is shown, and the
//! field paths it owns. Everything else — numbering ("Étape 3 sur 7", the same for everyone), next and previous, where a deep link may
//! land — is computed from the table and the draft, so the order of the form lives in exactly one place.
//!
//! Validity comes from [`Draft::issues`], the same check that builds the request, put in form order here
//! ([`issues`]: the order is the journey's, the draft knows nothing of it) and filtered to a step's fields: a step
//! is complete when none of its fields has an issue.
//!
//! The password is never saved, so after a reload it is gone. Rule: the identity step counts as complete for
//! navigation when everything but the password is valid and a valid password had been set
//! ([`Draft::password_lost`]); the review step then asks for it again, and its issues include the password until
//! it is typed. Nobody is sent back through the form for a field the storage policy erased.

pub mod fields;
pub mod review;

use crate::api::{Campaign, field};
use crate::date::Date;
use crate::draft::Draft;
use crate::error::FieldIssue;
use fields::Field;
use serde::{Deserialize, Serialize};

/// Where the journey lives in the app.
pub const BASE_PATH: &str = "/demande";

/// The query parameter that brings a step back to the review once corrected ("?retour=verification").
pub const RETURN_PARAM: &str = "retour";

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum StepId {
    Charter,
    Identity,
    Guardian,
    Contact,
    Establishment,
    Photo,
    Delivery,
    Review,
}

/// When a step is part of the journey.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    Always,
    /// Only while the birth date puts the applicant under the campaign's guardian threshold.
    GuardianNeeded,
}

/// Which issues stop the person on a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checks {
    /// Issues on these field paths.
    Fields(&'static [Field]),
    /// Every issue of the application (the review step, before sending).
    Everything,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub id: StepId,
    /// Last segment of the URL; French, stable (bookmarks and tests use it).
    pub slug: &'static str,
    /// Translation key of the step's title, e.g. "journey.identity" in `locales/<lang>/journey.json`.
    pub title_key: &'static str,
    pub condition: Condition,
    pub checks: Checks,
    /// The steps whose answers this one's page depends on: it opens out of order (from the list of a deep link's
    /// notice, see [`guard_detour`]) only once they are complete. The charter comes before any answer is given;
    /// the guardian step exists only once the birth date says so; the review shows everything.
    pub needs: &'static [StepId],
}

/// The journey, in order.
pub static STEPS: &[Step] = &[
    Step {
        id: StepId::Charter,
        slug: "charte",
        title_key: "journey.charter",
        condition: Condition::Always,
        checks: Checks::Fields(&[fields::CHARTER_VERSION]),
        needs: &[],
    },
    Step {
        id: StepId::Identity,
        slug: "identite",
        title_key: "journey.identity",
        condition: Condition::Always,
        checks: Checks::Fields(&[
            fields::CIVILITY,
            fields::LAST_NAME,
            fields::FIRST_NAME,
            fields::BIRTH_DATE,
            fields::EMAIL,
            fields::EMAIL_CONFIRM,
            fields::PASSWORD,
            fields::PASSWORD_CONFIRM,
        ]),
        needs: &[StepId::Charter],
    },
    Step {
        id: StepId::Guardian,
        slug: "representant-legal",
        title_key: "journey.guardian",
        condition: Condition::GuardianNeeded,
        checks: Checks::Fields(&[
            fields::GUARDIAN,
            fields::GUARDIAN_CIVILITY,
            fields::GUARDIAN_LAST_NAME,
            fields::GUARDIAN_FIRST_NAME,
            fields::GUARDIAN_EMAIL,
            fields::GUARDIAN_PHONE,
        ]),
        needs: &[StepId::Charter, StepId::Identity],
    },
    Step {
        id: StepId::Contact,
        slug: "coordonnees",
        title_key: "journey.contact",
        condition: Condition::Always,
        checks: Checks::Fields(&[
            fields::MOBILE_PHONE,
            fields::STREET,
            fields::COMPLEMENT,
            fields::CARE_OF,
            fields::POSTAL_CODE,
            fields::COMMUNE,
        ]),
        needs: &[StepId::Charter],
    },
    Step {
        id: StepId::Establishment,
        slug: "etablissement",
        title_key: "journey.establishment",
        condition: Condition::Always,
        checks: Checks::Fields(&[fields::UAI, fields::STREAM_CODE]),
        needs: &[StepId::Charter],
    },
    Step {
        id: StepId::Photo,
        slug: "photo",
        title_key: "journey.photo",
        condition: Condition::Always,
        checks: Checks::Fields(&[fields::PHOTO]),
        needs: &[StepId::Charter],
    },
    Step {
        id: StepId::Delivery,
        slug: "envoi",
        title_key: "journey.delivery",
        condition: Condition::Always,
        // Two yes/no choices with defaults: nothing can be wrong here.
        checks: Checks::Fields(&[]),
        needs: &[StepId::Charter],
    },
    Step {
        id: StepId::Review,
        slug: "verification",
        title_key: "journey.review",
        condition: Condition::Always,
        checks: Checks::Everything,
        needs: &[
            StepId::Charter,
            StepId::Identity,
            StepId::Guardian,
            StepId::Contact,
            StepId::Establishment,
            StepId::Photo,
            StepId::Delivery,
        ],
    },
];

/// Field paths in the order the form asks for them: each step's own fields, then the campaign, which only the
/// review step reports. Derived from [`STEPS`], so the order of the form is written once.
pub fn form_order() -> impl Iterator<Item = &'static str> {
    STEPS
        .iter()
        .flat_map(|s| match s.checks {
            Checks::Fields(fields) => fields,
            Checks::Everything => &[][..],
        })
        .map(|f| f.path)
        .chain([field::CAMPAIGN_ID])
}

/// Sorts issues into the order the form asks for them, so error summaries read top to bottom; unknown fields go
/// last, in their original order.
pub fn sort_issues(issues: &mut [FieldIssue]) {
    issues.sort_by_key(|(f, _)| form_order().position(|o| o == *f).unwrap_or(usize::MAX));
}

/// Every issue in the draft, in form order; empty when it can be sent.
pub fn issues(draft: &Draft, campaign: &Campaign, today: Date) -> Vec<FieldIssue> {
    let mut all = draft.issues(campaign, today);
    sort_issues(&mut all);
    all
}

impl StepId {
    pub fn step(self) -> &'static Step {
        STEPS.iter().find(|s| s.id == self).expect("every StepId has a row in STEPS")
    }

    pub fn slug(self) -> &'static str {
        self.step().slug
    }

    /// The full path, e.g. "/demande/identite".
    pub fn path(self) -> String {
        format!("{BASE_PATH}/{}", self.slug())
    }

    /// The step's path when opened to correct something from the review, which it then goes back to.
    pub fn path_back_to_review(self) -> String {
        format!("{}?{RETURN_PARAM}={}", self.path(), StepId::Review.slug())
    }

    pub fn title_key(self) -> &'static str {
        self.step().title_key
    }
}

/// The step for a URL slug ("identite"); `None` for anything else.
pub fn step_by_slug(slug: &str) -> Option<StepId> {
    STEPS.iter().find(|s| s.slug == slug).map(|s| s.id)
}

/// The step for a full path ("/demande/identite", trailing slash allowed).
pub fn step_by_path(path: &str) -> Option<StepId> {
    let rest = path.strip_prefix(BASE_PATH)?.strip_prefix('/')?;
    step_by_slug(rest.trim_end_matches('/'))
}

/// The step that owns a field path, to send the person to the right page when the server refuses a field.
/// Unknown paths belong to the review step.
pub fn step_for_field(field_path: &str) -> StepId {
    STEPS.iter().find(|s| s.field(field_path).is_some()).map_or(StepId::Review, |s| s.id)
}

/// Translation key of the label that names a field path in summaries and notices; `None` for a path no step owns.
pub fn label_key(field_path: &str) -> Option<&'static str> {
    STEPS.iter().find_map(|s| s.field(field_path)).map(|f| f.label_key)
}

impl Step {
    /// The row of one of this step's own fields.
    fn field(&self, path: &str) -> Option<&'static Field> {
        match self.checks {
            Checks::Fields(fields) => fields.iter().find(|f| f.path == path),
            Checks::Everything => None,
        }
    }
}

pub fn is_visible(step: StepId, draft: &Draft, campaign: &Campaign) -> bool {
    match step.step().condition {
        Condition::Always => true,
        Condition::GuardianNeeded => draft.guardian_needed(campaign),
    }
}

/// The steps this person goes through, in order.
pub fn visible_steps(draft: &Draft, campaign: &Campaign) -> Vec<StepId> {
    STEPS.iter().map(|s| s.id).filter(|&id| is_visible(id, draft, campaign)).collect()
}

/// A step's number as the helpdesk says it: "Étape 3 sur 7", or "Étape 2 bis sur 7" for a conditional step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepNumber {
    pub n: usize,
    /// A step only some people go through: it takes the number of the step before it with "bis", so that the
    /// numbers of every other step are the same for everyone.
    pub bis: bool,
    /// How many numbered steps there are (conditional ones do not count).
    pub of: usize,
}

/// The number of a step, the same for everyone: it depends on the table only, never on the answers. Steps shown
/// to everyone are numbered 1..=M in order; a conditional step is "N bis" after step N.
pub fn number(step: StepId) -> StepNumber {
    let of = STEPS.iter().filter(|s| s.condition == Condition::Always).count();
    let mut n = 0;
    for s in STEPS {
        let bis = s.condition != Condition::Always;
        if !bis {
            n += 1;
        }
        if s.id == step {
            return StepNumber { n, bis, of };
        }
    }
    unreachable!("every StepId has a row in STEPS")
}

/// The step after this one for this person (from a hidden step: the next visible one).
pub fn next(step: StepId, draft: &Draft, campaign: &Campaign) -> Option<StepId> {
    visible_steps(draft, campaign).into_iter().find(|&s| s > step)
}

/// The step before this one for this person, for the "back" link.
pub fn previous(step: StepId, draft: &Draft, campaign: &Campaign) -> Option<StepId> {
    visible_steps(draft, campaign).into_iter().rev().find(|&s| s < step)
}

/// What must be put right before leaving this step with "next", in form order.
pub fn step_errors(step: StepId, draft: &Draft, campaign: &Campaign, today: Date) -> Vec<FieldIssue> {
    let all = issues(draft, campaign, today);
    all.into_iter().filter(|issue| belongs_to(step, draft, issue)).collect()
}

/// Whether `issue`, one of the whole draft's, is this step's to put right.
fn belongs_to(step: StepId, draft: &Draft, (f, _): &FieldIssue) -> bool {
    match step.step().checks {
        Checks::Everything => true,
        Checks::Fields(fields) => {
            fields.iter().any(|field| field.path == *f)
                && !(draft.password_lost() && (*f == field::PASSWORD || *f == field::PASSWORD_CONFIRM))
        }
    }
}

pub fn is_complete(step: StepId, draft: &Draft, campaign: &Campaign, today: Date) -> bool {
    complete_given(step, draft, &issues(draft, campaign, today))
}

/// [`is_complete`] from the whole draft's issues, found once for all the steps a caller looks at: checking the
/// draft builds the whole request, and the guard looks at up to seven steps on a page's first render.
fn complete_given(step: StepId, draft: &Draft, all: &[FieldIssue]) -> bool {
    !all.iter().any(|issue| belongs_to(step, draft, issue))
}

/// The first visible step that still needs answers; the review step when all before it are complete.
pub fn first_incomplete(draft: &Draft, campaign: &Campaign, today: Date) -> StepId {
    let all = issues(draft, campaign, today);
    visible_steps(draft, campaign)
        .into_iter()
        .find(|&s| s == StepId::Review || !complete_given(s, draft, &all))
        .unwrap_or(StepId::Review)
}

/// Where a request for a step's URL really lands: the step itself when every visible step before it is
/// complete, otherwise the first step that still needs answers. Unknown slugs and hidden steps (the guardian
/// page for an adult) also go there. This keeps deep links, the back button and stale bookmarks from showing a
/// page whose earlier answers are missing.
pub fn guard(requested_slug: &str, draft: &Draft, campaign: &Campaign, today: Date) -> StepId {
    let first_gap = first_incomplete(draft, campaign, today);
    match step_by_slug(requested_slug) {
        Some(step) if is_visible(step, draft, campaign) && step <= first_gap => step,
        _ => first_gap,
    }
}

/// The steps this person still has to complete before `requested` can be shown, in order: what a deep link to a
/// step not reachable yet must name (empty when it is reachable, and for hidden steps and unknown slugs).
pub fn missing_before(requested: StepId, draft: &Draft, campaign: &Campaign, today: Date) -> Vec<StepId> {
    if !is_visible(requested, draft, campaign) {
        return Vec::new();
    }
    let all = issues(draft, campaign, today);
    visible_steps(draft, campaign)
        .into_iter()
        .take_while(|&s| s < requested)
        .filter(|&s| !complete_given(s, draft, &all))
        .collect()
}

/// Whether `step` may open out of order because a deep link to `asked_for` listed it among the steps still
/// missing: every step named there links to its own page so the person fills them in any order, as long as what
/// that page depends on ([`Step::needs`]) is complete.
fn open_on_detour(step: StepId, asked_for: StepId, draft: &Draft, campaign: &Campaign, today: Date) -> bool {
    missing_before(asked_for, draft, campaign, today).contains(&step)
        && step.step().needs.iter().all(|&n| !is_visible(n, draft, campaign) || is_complete(n, draft, campaign, today))
}

/// [`guard`] for a page opened from a deep link's notice (`asked_for`: the step the link asked for, carried in the
/// address): a step that notice lists opens even before the steps in front of it are complete.
pub fn guard_detour(
    requested_slug: &str,
    asked_for: Option<StepId>,
    draft: &Draft,
    campaign: &Campaign,
    today: Date,
) -> StepId {
    match (step_by_slug(requested_slug), asked_for) {
        (Some(step), Some(asked_for)) if open_on_detour(step, asked_for, draft, campaign, today) => step,
        _ => guard(requested_slug, draft, campaign, today),
    }
}

/// Where "Continue" leads on a detour towards `asked_for`, from a step just completed: the next step still missing
/// after this one, else the first still missing before it, else `asked_for` itself (now reachable).
pub fn next_on_detour(current: StepId, asked_for: StepId, draft: &Draft, campaign: &Campaign, today: Date) -> StepId {
    let missing = missing_before(asked_for, draft, campaign, today);
    missing.iter().copied().find(|&s| s > current).or_else(|| missing.first().copied()).unwrap_or(asked_for)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::test_campaign;
    use crate::draft::fixtures::{complete, complete_minor, today};
    use crate::draft::{EstablishmentChoice, StreamChoice};
    use crate::error::ErrorCode;
    use StepId::*;

    const ALL: [StepId; 8] = [Charter, Identity, Guardian, Contact, Establishment, Photo, Delivery, Review];

    #[test]
    fn table_is_complete_ordered_and_stable() {
        assert_eq!(STEPS.iter().map(|s| s.id).collect::<Vec<_>>(), ALL);
        let slugs: Vec<&str> = ALL.iter().map(|s| s.slug()).collect();
        assert_eq!(
            slugs,
            [
                "charte",
                "identite",
                "representant-legal",
                "coordonnees",
                "etablissement",
                "photo",
                "envoi",
                "verification"
            ]
        );
        for id in ALL {
            assert_eq!(step_by_slug(id.slug()), Some(id));
            assert_eq!(step_by_path(&id.path()), Some(id));
            assert!(id.title_key().starts_with("journey."));
        }
        assert_eq!(Identity.path(), "/demande/identite");
        assert_eq!(step_by_path("/demande/identite/"), Some(Identity));
        assert_eq!(step_by_path("/demandeidentite"), None);
        assert_eq!(step_by_path("/autre/identite"), None);
        assert_eq!(step_by_slug("Identite"), None);
    }

    /// Every field a step owns can be named in a summary; the campaign, which no step owns, cannot.
    #[test]
    fn every_owned_field_has_a_label() {
        for f in form_order().filter(|f| *f != field::CAMPAIGN_ID) {
            assert!(label_key(f).is_some(), "{f}");
        }
        assert_eq!(label_key(field::STREAM_CODE), Some("school.stream_label"));
        assert_eq!(label_key(field::GUARDIAN), Some("journey.guardian"));
        assert_eq!(label_key(field::CAMPAIGN_ID), None);
        assert_eq!(label_key("whatever"), None);
        assert_eq!(Contact.path_back_to_review(), "/demande/coordonnees?retour=verification");
    }

    /// Every field a draft can report on belongs to exactly one step, so no error is ever shown on no page.
    #[test]
    fn every_form_field_has_one_step() {
        for f in form_order() {
            let owners = STEPS.iter().filter(|s| s.field(f).is_some()).count();
            let expected = usize::from(f != field::CAMPAIGN_ID);
            assert_eq!(owners, expected, "{f}");
        }
        assert_eq!(step_for_field(field::GUARDIAN_PHONE), Guardian);
        assert_eq!(step_for_field(field::STREAM_CODE), Establishment);
        assert_eq!(step_for_field(field::PHOTO), Photo);
        assert_eq!(step_for_field(field::CAMPAIGN_ID), Review);
        assert_eq!(step_for_field("whatever"), Review);
    }

    #[test]
    fn guardian_step_only_under_15_on_the_reference_date() {
        let c = test_campaign(); // reference date 2026-09-01
        let cases = [
            (("1", "9", "2011"), false), // 15 that day
            (("2", "9", "2011"), true),  // 14 that day, 15 the next
            (("31", "12", "2011"), true),
            (("1", "1", "2009"), false),
            (("1", "1", "2016"), false), // too young: the identity step stops them, no guardian page
            (("", "", ""), false),       // not known yet
            (("31", "2", "2012"), false), // not a date
        ];
        for ((day, month, year), shown) in cases {
            let mut d = complete();
            (d.birth_day, d.birth_month, d.birth_year) = (day.into(), month.into(), year.into());
            assert_eq!(is_visible(Guardian, &d, &c), shown, "{day}/{month}/{year}");
            assert_eq!(visible_steps(&d, &c).contains(&Guardian), shown);
        }
    }

    /// The helpdesk's numbers: one table for everyone, whatever the age or the answers.
    #[test]
    fn numbers_are_the_same_for_everyone() {
        let num = |n, bis| StepNumber { n, bis, of: 7 };
        let want = [
            (Charter, num(1, false)),
            (Identity, num(2, false)),
            (Guardian, num(2, true)),
            (Contact, num(3, false)),
            (Establishment, num(4, false)),
            (Photo, num(5, false)),
            (Delivery, num(6, false)),
            (Review, num(7, false)),
        ];
        for (step, n) in want {
            assert_eq!(number(step), n, "{step:?}");
        }
        // The README's helpdesk table is written from these: a new step must be numbered there too.
        assert_eq!(ALL.len(), want.len());
    }

    #[test]
    fn missing_before_names_every_gap_before_the_requested_step() {
        let c = test_campaign();
        let t = today();
        let empty = Draft::new();
        assert_eq!(missing_before(Photo, &empty, &c, t), vec![Charter, Identity, Contact, Establishment]);
        assert!(missing_before(Charter, &empty, &c, t).is_empty());
        assert!(missing_before(Review, &complete(), &c, t).is_empty());
        assert!(missing_before(Guardian, &complete(), &c, t).is_empty(), "hidden for an adult");

        let mut minor = complete_minor();
        minor.guardian.last_name = String::new();
        minor.mobile_phone = String::new();
        assert_eq!(missing_before(Review, &minor, &c, t), vec![Guardian, Contact]);
        assert_eq!(missing_before(Contact, &minor, &c, t), vec![Guardian]);
        assert_eq!(guard("verification", &minor, &c, t), Guardian);
    }

    /// Issue 12: every step a deep link's notice lists opens from it, in any order, once what its page depends on
    /// is there; "Continue" then goes through what is still missing, and to the step asked for at the end.
    #[test]
    fn a_deep_links_notice_opens_every_step_it_lists() {
        let c = test_campaign();
        let t = today();
        let mut d = Draft::new();
        // Nothing answered: only the charter opens, whatever is asked (every page needs it accepted first).
        for slug in ["identite", "coordonnees", "etablissement", "photo"] {
            assert_eq!(guard_detour(slug, Some(Photo), &d, &c, t), Charter, "{slug}");
        }
        d.accept_charter(&c.charter_version, true);
        assert_eq!(missing_before(Photo, &d, &c, t), vec![Identity, Contact, Establishment]);
        for (slug, lands) in [
            ("identite", Identity),
            ("coordonnees", Contact),
            ("etablissement", Establishment),
            ("photo", Identity), // the step asked for waits for all of them
            ("envoi", Identity), // not listed: the usual guard
            ("verification", Identity),
        ] {
            assert_eq!(guard_detour(slug, Some(Photo), &d, &c, t), lands, "{slug}");
        }
        // Without the notice (no step asked for) the order holds as before.
        assert_eq!(guard_detour("etablissement", None, &d, &c, t), Identity);
        assert_eq!(next_on_detour(Contact, Photo, &d, &c, t), Establishment);
        assert_eq!(next_on_detour(Establishment, Photo, &d, &c, t), Identity, "back to the first still missing");

        // A minor: the guardian step needs the identity (it exists only once the birth date is known).
        let mut minor = complete_minor();
        minor.guardian.last_name = String::new();
        minor.mobile_phone = String::new();
        minor.last_name = String::new();
        assert_eq!(missing_before(Photo, &minor, &c, t), vec![Identity, Guardian, Contact]);
        assert_eq!(guard_detour("representant-legal", Some(Photo), &minor, &c, t), Identity);
        assert_eq!(guard_detour("coordonnees", Some(Photo), &minor, &c, t), Contact);
        assert_eq!(next_on_detour(Contact, Photo, &minor, &c, t), Identity);
        minor.last_name = "Diallo".into();
        assert_eq!(guard_detour("representant-legal", Some(Photo), &minor, &c, t), Guardian);
        assert_eq!(next_on_detour(Identity, Photo, &minor, &c, t), Guardian);
        minor.guardian.last_name = "Diallo".into();
        minor.mobile_phone = "06 12 34 56 78".into();
        assert_eq!(next_on_detour(Contact, Photo, &minor, &c, t), Photo, "nothing missing: the step asked for");
        assert_eq!(guard_detour("photo", Some(Photo), &minor, &c, t), Photo);
    }

    #[test]
    fn next_and_previous_skip_hidden_steps() {
        let c = test_campaign();
        let adult = complete();
        let minor = complete_minor();
        assert_eq!(next(Identity, &adult, &c), Some(Contact));
        assert_eq!(next(Identity, &minor, &c), Some(Guardian));
        assert_eq!(previous(Contact, &adult, &c), Some(Identity));
        assert_eq!(previous(Contact, &minor, &c), Some(Guardian));
        assert_eq!(previous(Charter, &adult, &c), None);
        assert_eq!(next(Review, &adult, &c), None);
        assert_eq!(next(Guardian, &adult, &c), Some(Contact));
    }

    #[test]
    fn step_errors_are_the_steps_own() {
        let c = test_campaign();
        let mut d = complete();
        d.last_name = String::new();
        d.postal_code = "6300".into();
        assert_eq!(step_errors(Identity, &d, &c, today()), vec![(field::LAST_NAME, ErrorCode::Required)]);
        assert_eq!(step_errors(Contact, &d, &c, today()), vec![(field::POSTAL_CODE, ErrorCode::PostalCodeInvalid)]);
        assert!(step_errors(Charter, &d, &c, today()).is_empty());
        assert!(step_errors(Delivery, &d, &c, today()).is_empty());
        assert_eq!(step_errors(Review, &d, &c, today()).len(), 2);
    }

    #[test]
    fn first_incomplete_and_guard() {
        let c = test_campaign();
        let t = today();
        let empty = Draft::new();
        assert_eq!(first_incomplete(&empty, &c, t), Charter);
        assert_eq!(first_incomplete(&complete(), &c, t), Review);

        let mut halfway = complete();
        halfway.set_establishment(Some(EstablishmentChoice {
            uai: "0630001J".into(),
            name: "Blaise Pascal".into(),
            commune: None,
        }));
        halfway.photo = None;
        assert_eq!(first_incomplete(&halfway, &c, t), Establishment);

        let mut minor_without_guardian = complete_minor();
        minor_without_guardian.guardian.phone.clear();

        let cases: &[(&Draft, &str, StepId)] = &[
            (&empty, "charte", Charter),
            (&empty, "photo", Charter), // deep link too far: back to the first gap
            (&empty, "verification", Charter),
            (&empty, "nimporte-quoi", Charter), // unknown slug
            (&halfway, "identite", Identity),   // going back is always fine
            (&halfway, "etablissement", Establishment),
            (&halfway, "photo", Establishment),
            (&halfway, "envoi", Establishment),
            (&complete(), "verification", Review),
            (&complete(), "photo", Photo),
            (&complete(), "representant-legal", Review), // hidden for an adult
            (&minor_without_guardian, "representant-legal", Guardian),
            (&minor_without_guardian, "coordonnees", Guardian),
        ];
        for (i, (draft, slug, want)) in cases.iter().enumerate() {
            assert_eq!(guard(slug, draft, &c, t), *want, "case {i}: {slug}");
        }

        // Picking a stream fixes the establishment step and the journey moves on.
        halfway.set_stream(Some(StreamChoice { code: "40025214".into(), label: "Bac pro".into() }));
        assert_eq!(first_incomplete(&halfway, &c, t), Photo);
    }

    /// After a reload the password is gone: navigation still works, the review step asks for it again.
    #[test]
    fn password_lost_after_reload() {
        let c = test_campaign();
        let t = today();
        let mut d = Draft::from_storage_json(&complete().to_storage_json()).unwrap();
        assert!(d.password_lost());
        assert!(is_complete(Identity, &d, &c, t));
        assert_eq!(guard("photo", &d, &c, t), Photo);
        assert_eq!(guard("verification", &d, &c, t), Review);
        assert_eq!(
            step_errors(Review, &d, &c, t),
            vec![(field::PASSWORD, ErrorCode::Required), (field::PASSWORD_CONFIRM, ErrorCode::Required)]
        );
        assert!(d.to_request(&c, t).is_err());

        // Typing it again on the review step is all it takes.
        d.set_password("nouveau2026");
        assert!(!is_complete(Review, &d, &c, t));
        d.set_password_confirm("nouveau2026");
        assert!(is_complete(Review, &d, &c, t));
        assert_eq!(d.to_request(&c, t).unwrap().identity.password, "nouveau2026");

        // A password that was never valid is not "lost": the identity step still needs it.
        let mut never = complete();
        never.set_password("");
        never.set_password_confirm("");
        assert!(!never.password_lost());
        assert!(!is_complete(Identity, &never, &c, t));
        assert_eq!(guard("coordonnees", &never, &c, t), Identity);
    }

    #[test]
    fn empty_draft_lists_every_issue_in_form_order() {
        use ErrorCode::{
            CharterNotAccepted, CivilityRequired, EstablishmentRequired, PhotoRequired, Required, StreamRequired,
        };
        let issues = issues(&Draft::new(), &test_campaign(), today());
        assert_eq!(
            issues,
            vec![
                (field::CHARTER_VERSION, CharterNotAccepted),
                (field::CIVILITY, CivilityRequired),
                (field::LAST_NAME, Required),
                (field::FIRST_NAME, Required),
                (field::BIRTH_DATE, Required),
                (field::EMAIL, Required),
                (field::EMAIL_CONFIRM, Required),
                (field::PASSWORD, Required),
                (field::PASSWORD_CONFIRM, Required),
                (field::MOBILE_PHONE, Required),
                (field::STREET, Required),
                (field::POSTAL_CODE, Required),
                (field::COMMUNE, Required),
                (field::UAI, EstablishmentRequired),
                (field::STREAM_CODE, StreamRequired),
                (field::PHOTO, PhotoRequired),
            ]
        );
    }

    #[test]
    fn sort_issues_follows_the_form() {
        use ErrorCode::{CivilityRequired, PhotoRequired, Required};
        let mut issues =
            vec![(field::PHOTO, PhotoRequired), ("unknown", Required), (field::CIVILITY, CivilityRequired)];
        sort_issues(&mut issues);
        assert_eq!(
            issues,
            vec![(field::CIVILITY, CivilityRequired), (field::PHOTO, PhotoRequired), ("unknown", Required)]
        );
    }
}
