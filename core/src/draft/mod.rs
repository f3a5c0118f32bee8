//! The application form as the person is filling it in, exactly as typed.
//!
//! The draft holds raw strings (a half-typed date, a phone with spaces) so that nothing typed is ever lost or
//! rewritten under the person's fingers; [`Draft::to_request`] normalises it into the wire request with the same
//! rules the server runs. It is saved to `sessionStorage` after every change so a reload or a closed tab does
//! not lose the work — except the password and its confirmation, which are never serialised (see
//! [`Draft::password_lost`] for how the journey copes).
//!
//! Dependent answers:
//! - choosing another establishment clears the stream (streams belong to an establishment), through
//!   [`Draft::set_establishment`];
//! - the guardian's answers are **kept** when a birth-date change makes a guardian unnecessary, but hidden by the
//!   journey and never sent (`to_request` only includes them while a guardian is needed). Keeping them means a
//!   mistyped year corrected back does not wipe what the guardian had entered; not sending them keeps an adult's
//!   application free of someone else's data.

use crate::api::{Campaign, Civility};
use crate::campaign::{AgeCheck, age_check};
use crate::date::Date;
use crate::error::ErrorCode;
use crate::rules::password::{validate_password, validate_password_confirmation};
use serde::{Deserialize, Serialize};
use std::fmt;

mod idempotency;
mod request;

pub use idempotency::FingerprintBody;

/// A string that must not leave memory: not serialised, not printed by `Debug`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() { "\"\"" } else { "\"•••\"" })
    }
}

/// The guardian's answers, as typed.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(default)]
pub struct GuardianDraft {
    pub civility: Option<Civility>,
    pub last_name: String,
    pub first_name: String,
    pub email: String,
    pub phone: String,
}

/// The establishment picked in the search, with what the review page shows of it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct EstablishmentChoice {
    pub uai: String,
    pub name: String,
    pub commune: Option<String>,
}

/// The stream picked in the establishment's list.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct StreamChoice {
    pub code: String,
    pub label: String,
}

/// What the app knows of the prepared photo; the bytes themselves are kept by the app (IndexedDB or memory).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhotoMeta {
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
}

/// The in-progress application. Plain fields may be set directly; fields with dependants are private and set
/// through their setters.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(default)]
pub struct Draft {
    pub charter_accepted: bool,
    /// The version of the charter that was on screen when the box was ticked.
    pub charter_version: String,

    pub civility: Option<Civility>,
    pub last_name: String,
    pub first_name: String,
    pub birth_day: String,
    pub birth_month: String,
    pub birth_year: String,
    pub email: String,
    pub email_confirm: String,
    #[serde(skip)]
    password: Secret,
    #[serde(skip)]
    password_confirm: Secret,
    /// A valid password with a matching confirmation was entered at some point (survives a reload; the password
    /// itself does not).
    password_was_set: bool,

    pub guardian: GuardianDraft,

    pub mobile_phone: String,
    pub street: String,
    pub complement: String,
    pub care_of: String,
    pub postal_code: String,
    pub commune: String,
    /// "Ma commune n'est pas dans la liste": the commune is typed freely and not checked against the postcode.
    pub commune_not_listed: bool,
    /// The communes the official list gives for a postcode, as the server answered (reference data, not an answer:
    /// not saved, asked again after a reload). See [`Draft::set_listed_communes`].
    #[serde(skip)]
    listed_communes: Option<(String, Vec<String>)>,

    establishment: Option<EstablishmentChoice>,
    stream: Option<StreamChoice>,

    pub photo: Option<PhotoMeta>,

    /// Recommended: the establishment hands the card over, so it cannot get lost in a letter box.
    pub send_to_establishment: bool,
    /// Opt-in, so off until ticked.
    pub consent_good_deals: bool,
    pub consent_news: bool,

    idempotency_key: Option<String>,
    /// What the key was issued for (a hash of the request without the password), see [`Draft::idempotency_key_for`].
    idempotency_fingerprint: Option<String>,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            charter_accepted: false,
            charter_version: String::new(),
            civility: None,
            last_name: String::new(),
            first_name: String::new(),
            birth_day: String::new(),
            birth_month: String::new(),
            birth_year: String::new(),
            email: String::new(),
            email_confirm: String::new(),
            password: Secret::default(),
            password_confirm: Secret::default(),
            password_was_set: false,
            guardian: GuardianDraft::default(),
            mobile_phone: String::new(),
            street: String::new(),
            complement: String::new(),
            care_of: String::new(),
            postal_code: String::new(),
            commune: String::new(),
            commune_not_listed: false,
            listed_communes: None,
            establishment: None,
            stream: None,
            photo: None,
            send_to_establishment: true,
            consent_good_deals: false,
            consent_news: false,
            idempotency_key: None,
            idempotency_fingerprint: None,
        }
    }
}

impl Draft {
    pub fn new() -> Self {
        Self::default()
    }

    // ---- storage ----

    /// JSON for `sessionStorage`. The password and its confirmation are not in it.
    pub fn to_storage_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The draft saved by [`Draft::to_storage_json`]; `None` for anything unreadable (the app then starts afresh).
    /// Fields missing from an older save take their defaults.
    pub fn from_storage_json(json: &str) -> Option<Draft> {
        serde_json::from_str(json).ok()
    }

    // ---- charter ----

    /// Ticks or unticks the charter box for the version on screen.
    pub fn accept_charter(&mut self, version: &str, accepted: bool) {
        self.charter_accepted = accepted;
        self.charter_version = if accepted { version.to_string() } else { String::new() };
    }

    /// Whether the charter accepted is this campaign's: if it changed since, the box shows unticked again.
    pub fn charter_accepted_for(&self, campaign: &Campaign) -> bool {
        self.charter_accepted && self.charter_version == campaign.charter_version
    }

    // ---- birth date and guardian ----

    /// The birth date from its three boxes.
    pub fn birth_date(&self) -> Result<Date, ErrorCode> {
        Date::from_fields(&self.birth_day, &self.birth_month, &self.birth_year)
    }

    /// Whether a legal guardian takes part: only once a real birth date puts the applicant under the campaign's
    /// threshold (and within its ages). Until then the guardian step stays hidden.
    pub fn guardian_needed(&self, campaign: &Campaign) -> bool {
        self.birth_date().is_ok_and(|b| age_check(b, campaign) == AgeCheck::NeedsGuardian)
    }

    // ---- password ----

    pub fn password(&self) -> &str {
        self.password.expose()
    }

    pub fn password_confirm(&self) -> &str {
        self.password_confirm.expose()
    }

    pub fn set_password(&mut self, password: impl Into<String>) {
        self.password = Secret(password.into());
        self.update_password_was_set();
    }

    pub fn set_password_confirm(&mut self, confirmation: impl Into<String>) {
        self.password_confirm = Secret(confirmation.into());
        self.update_password_was_set();
    }

    fn update_password_was_set(&mut self) {
        let (pw, confirm) = (self.password.expose(), self.password_confirm.expose());
        // Typing again after a reload starts over: the flag follows what is now in the boxes.
        self.password_was_set = validate_password(pw).is_ok() && validate_password_confirmation(pw, confirm).is_ok();
    }

    /// A valid password was entered earlier in this session.
    pub fn password_was_set(&self) -> bool {
        self.password_was_set
    }

    /// The password was valid before a reload and is now gone, because it is never saved.
    ///
    /// Journey rule: such an identity step still counts as complete for navigation (the person is not sent back
    /// to retype it at every step), and the review step shows the password and confirmation boxes again, since
    /// the request cannot be sent without it.
    pub fn password_lost(&self) -> bool {
        self.password_was_set && self.password.expose().is_empty()
    }

    // ---- establishment and stream ----

    /// Records the communes the official list gives for `postal_code` (as the server answered). Unless the person
    /// said their commune is not in the list: a commune typed so far that is one of them takes the list's spelling;
    /// one picked from the previous postcode's list is dropped; an empty commune is filled in when the postcode has
    /// only one. A commune typed by hand that does not match stays, for its message to say so. An answer for a
    /// postcode typed over since is ignored.
    pub fn set_listed_communes(&mut self, postal_code: String, communes: Vec<String>) {
        use crate::rules::commune::find_listed;
        let current = crate::rules::address::normalize_postal_code(&self.postal_code).ok();
        if current.as_deref() != Some(postal_code.as_str()) {
            return;
        }
        if !self.commune_not_listed {
            let from_previous_list = self
                .listed_communes
                .as_ref()
                .is_some_and(|(_, previous)| find_listed(&self.commune, previous).is_some());
            if let Some(found) = find_listed(&self.commune, &communes) {
                self.commune = found.to_string();
            } else if from_previous_list {
                self.commune.clear();
            }
            if let ([only], true) = (communes.as_slice(), self.commune.trim().is_empty()) {
                self.commune = only.clone();
            }
        }
        self.listed_communes = Some((postal_code, communes));
    }

    /// The communes of the current postcode, once known: `Some(empty)` for a postcode the list does not know.
    pub fn listed_communes(&self) -> Option<&[String]> {
        let code = crate::rules::address::normalize_postal_code(&self.postal_code).ok()?;
        self.listed_communes.as_ref().filter(|(c, _)| *c == code).map(|(_, l)| l.as_slice())
    }

    pub fn establishment(&self) -> Option<&EstablishmentChoice> {
        self.establishment.as_ref()
    }

    pub fn stream(&self) -> Option<&StreamChoice> {
        self.stream.as_ref()
    }

    /// Choosing another establishment clears the stream: the same code may not be taught there.
    /// Picking the same one again (same UAI) keeps it.
    pub fn set_establishment(&mut self, choice: Option<EstablishmentChoice>) {
        let same = match (&self.establishment, &choice) {
            (Some(old), Some(new)) => old.uai.trim().eq_ignore_ascii_case(new.uai.trim()),
            _ => false,
        };
        if !same {
            self.stream = None;
        }
        self.establishment = choice;
    }

    pub fn set_stream(&mut self, choice: Option<StreamChoice>) {
        self.stream = choice;
    }
}

/// Drafts for the tests of this module and of the journey.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    pub fn today() -> Date {
        Date::parse_iso("2026-10-15").unwrap()
    }

    /// Everything filled in, as a person would type it; born 2009 (adult enough to apply alone).
    pub fn complete() -> Draft {
        let mut d = Draft::new();
        d.accept_charter("2026.1", true);
        d.civility = Some(Civility::Madame);
        d.last_name = "Lefèvre".into();
        d.first_name = "Éloïse".into();
        (d.birth_day, d.birth_month, d.birth_year) = ("7".into(), "03".into(), "2009".into());
        d.email = "eloise.lefevre@GMAIL.com".into();
        d.email_confirm = "eloise.lefevre@gmail.com".into();
        d.set_password("motdepasse1");
        d.set_password_confirm("motdepasse1");
        d.mobile_phone = "06.12.34.56.78".into();
        d.street = "12 rue Blatin".into();
        d.postal_code = "63000".into();
        d.commune = "Clermont-Ferrand".into();
        d.set_establishment(Some(EstablishmentChoice {
            uai: "0630020E".into(),
            name: "Lycée Sidoine Apollinaire".into(),
            commune: Some("Clermont-Ferrand".into()),
        }));
        d.set_stream(Some(StreamChoice {
            code: "24000000".into(), label: "Seconde générale et technologique".into()
        }));
        d.photo = Some(PhotoMeta { width: 600, height: 800, bytes: 180_000 });
        d
    }

    /// The same, born 2012 (under 15 on 1 September 2026), with the guardian's part done.
    pub fn complete_minor() -> Draft {
        let mut d = complete();
        d.birth_year = "2012".into();
        d.guardian = GuardianDraft {
            civility: Some(Civility::Monsieur),
            last_name: "Lefèvre".into(),
            first_name: "Paul".into(),
            email: "paul.lefevre@orange.fr".into(),
            phone: "06 98 76 54 32".into(),
        };
        d
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{complete, complete_minor, today};
    use super::*;
    use crate::api::field;
    use crate::application::validate_application;
    use crate::campaign::test_campaign;
    use crate::error::FieldIssue;
    use ErrorCode::*;

    #[test]
    fn password_is_never_serialised() {
        let d = complete();
        let json = d.to_storage_json();
        assert!(!json.contains("motdepasse1"), "{json}");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(v.get("password").is_none() && v.get("password_confirm").is_none());
        assert!(!format!("{d:?}").contains("motdepasse1"));

        let back = Draft::from_storage_json(&json).unwrap();
        assert_eq!(back.password(), "");
        assert_eq!(back.password_confirm(), "");
        assert!(back.password_was_set());
        assert!(back.password_lost());
        // Everything else survives the round trip.
        let mut expected = d.clone();
        expected.password = Secret::default();
        expected.password_confirm = Secret::default();
        assert_eq!(back, expected);
    }

    #[test]
    fn defaults_and_unreadable_storage() {
        let d = Draft::new();
        assert!(d.send_to_establishment);
        assert!(!d.consent_good_deals && !d.consent_news);
        assert_eq!(Draft::from_storage_json("{}"), Some(Draft::new()));
        assert_eq!(Draft::from_storage_json(r#"{"last_name":"Dupont"}"#).unwrap().last_name, "Dupont");
        assert_eq!(Draft::from_storage_json("not json"), None);
        assert_eq!(Draft::from_storage_json(r#"{"send_to_establishment":"yes"}"#), None);
    }

    #[test]
    fn password_was_set_follows_the_boxes() {
        let mut d = Draft::new();
        d.set_password("motdepasse1");
        assert!(!d.password_was_set(), "no confirmation yet");
        d.set_password_confirm("motdepasse1");
        assert!(d.password_was_set());
        d.set_password("court1");
        assert!(!d.password_was_set(), "a weaker password replaces the good one");
        assert!(!d.password_lost());
    }

    #[test]
    fn changing_the_establishment_clears_the_stream() {
        let mut d = complete();
        let same = d.establishment().cloned().map(|mut e| {
            e.uai = "0630020e".into();
            e
        });
        d.set_establishment(same);
        assert!(d.stream().is_some(), "the same establishment picked again keeps the stream");

        d.set_establishment(Some(EstablishmentChoice {
            uai: "0630001J".into(),
            name: "Lycée Blaise Pascal".into(),
            commune: None,
        }));
        assert_eq!(d.stream(), None);
        assert_eq!(d.issues(&test_campaign(), today()), vec![(field::STREAM_CODE, StreamRequired)]);

        d.set_establishment(None);
        assert_eq!(
            d.issues(&test_campaign(), today()),
            vec![(field::UAI, EstablishmentRequired), (field::STREAM_CODE, StreamRequired)]
        );
    }

    #[test]
    fn complete_draft_gives_a_normalised_request_the_server_accepts() {
        let c = test_campaign();
        let r = complete().to_request(&c, today()).unwrap();
        assert_eq!(r.identity.birth_date, "2009-03-07");
        assert_eq!(r.identity.email, "eloise.lefevre@gmail.com");
        assert_eq!(r.identity.password, "motdepasse1");
        assert_eq!(r.contact.mobile_phone, "+33612345678");
        assert_eq!(r.contact.address.complement, None);
        assert_eq!(r.schooling.stream_code, "24000000");
        assert_eq!(r.guardian, None);
        assert!(r.delivery.send_to_establishment);
        assert!(validate_application(&r, &c, today()).is_empty());

        let m = complete_minor().to_request(&c, today()).unwrap();
        assert_eq!(m.guardian.as_ref().map(|g| g.phone.as_str()), Some("+33698765432"));
        assert!(validate_application(&m, &c, today()).is_empty());
    }

    #[test]
    fn guardian_answers_are_kept_but_not_sent_once_unneeded() {
        let c = test_campaign();
        let mut d = complete_minor();
        assert!(d.guardian_needed(&c));
        d.birth_year = "2009".into();
        assert!(!d.guardian_needed(&c));
        assert_eq!(d.guardian.first_name, "Paul", "kept");
        assert_eq!(d.to_request(&c, today()).unwrap().guardian, None, "not sent");
        d.birth_year = "2012".into();
        assert!(d.to_request(&c, today()).unwrap().guardian.is_some(), "back as it was");
    }

    #[test]
    fn form_only_checks_table() {
        type Mutation = fn(&mut Draft);
        let cases: &[(Mutation, Vec<FieldIssue>)] = &[
            (|d| d.accept_charter("2026.1", false), vec![(field::CHARTER_VERSION, CharterNotAccepted)]),
            (|d| d.accept_charter("2025.9", true), vec![(field::CHARTER_VERSION, CharterVersionMismatch)]),
            (|d| d.email_confirm = "eloise.lefevre@gmial.com".into(), vec![(field::EMAIL_CONFIRM, EmailMismatch)]),
            (|d| d.email_confirm = String::new(), vec![(field::EMAIL_CONFIRM, Required)]),
            (|d| d.set_password_confirm("motdepasse2"), vec![(field::PASSWORD_CONFIRM, PasswordMismatch)]),
            (|d| d.birth_month = String::new(), vec![(field::BIRTH_DATE, DateIncomplete)]),
            (|d| d.birth_day = "31".into(), vec![]),
            (|d| d.birth_month = "2".into(), vec![]),
            (|d| (d.birth_day, d.birth_month) = ("30".into(), "2".into()), vec![(field::BIRTH_DATE, DateDayInvalid)]),
            (|d| d.birth_year = "2020".into(), vec![(field::BIRTH_DATE, TooYoung)]),
            (|d| d.mobile_phone = "04 73 00 00 00".into(), vec![(field::MOBILE_PHONE, PhoneNotMobile)]),
            (|d| d.photo = None, vec![(field::PHOTO, PhotoRequired)]),
            (
                |d| d.photo = Some(PhotoMeta { width: 1, height: 1, bytes: 2_000_001 }),
                vec![(field::PHOTO, PhotoTooLarge)],
            ),
            (|d| d.last_name = "L3fèvre".into(), vec![(field::LAST_NAME, NameInvalidCharacters)]),
            (|d| d.complement = "   ".into(), vec![]),
        ];
        for (i, (mutate, want)) in cases.iter().enumerate() {
            let mut d = complete();
            mutate(&mut d);
            assert_eq!(d.issues(&test_campaign(), today()), *want, "case {i}");
        }
    }

    #[test]
    fn guardian_issues_only_while_needed() {
        let c = test_campaign();
        let mut d = complete_minor();
        d.guardian = GuardianDraft::default();
        assert_eq!(
            d.issues(&c, today()),
            vec![
                (field::GUARDIAN_CIVILITY, CivilityRequired),
                (field::GUARDIAN_LAST_NAME, Required),
                (field::GUARDIAN_FIRST_NAME, Required),
                (field::GUARDIAN_EMAIL, Required),
                (field::GUARDIAN_PHONE, Required),
            ]
        );
        // The guardian's address is checked against the child's as the step is filled in, not only by the server.
        let mut same = complete_minor();
        same.guardian.email = same.email.to_uppercase();
        assert_eq!(same.issues(&c, today()), vec![(field::GUARDIAN_EMAIL, GuardianEmailSameAsApplicant)]);
        d.birth_year = "2009".into();
        assert!(d.issues(&c, today()).is_empty());
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(std::string::ToString::to_string).collect()
    }

    #[test]
    fn the_commune_follows_the_postcode_list() {
        let c = test_campaign();
        let commune_issues = |d: &Draft| -> Vec<FieldIssue> {
            d.issues(&c, today())
                .into_iter()
                .filter(|(f, _)| *f == field::COMMUNE || *f == field::POSTAL_CODE)
                .collect()
        };
        // Typed by hand before the list came: matched, then sent as the list writes it.
        let mut d = complete();
        d.commune = "clermont ferrand".into();
        assert_eq!(d.listed_communes(), None);
        d.set_listed_communes("63000".into(), names(&["Clermont-Ferrand"]));
        assert_eq!(d.commune, "Clermont-Ferrand");
        assert_eq!(d.listed_communes(), Some(&names(&["Clermont-Ferrand"])[..]));
        assert_eq!(d.to_request(&c, today()).unwrap().contact.address.commune, "Clermont-Ferrand");
        // A list for another postcode says nothing about this one.
        d.postal_code = "69003".into();
        assert_eq!(d.listed_communes(), None);

        // One commune: filled in; a commune picked from the previous postcode's list is dropped.
        let mut d = complete();
        d.commune.clear();
        d.set_listed_communes("63000".into(), names(&["Clermont-Ferrand"]));
        assert_eq!(d.commune, "Clermont-Ferrand");
        d.postal_code = "51300".into();
        d.set_listed_communes("51300".into(), names(&["Bassu", "Vitry-le-François"]));
        assert_eq!(d.commune, "");
        assert_eq!(commune_issues(&d), vec![(field::COMMUNE, Required)]);
        // A late answer for a postcode typed over since changes nothing.
        d.set_listed_communes("63000".into(), names(&["Clermont-Ferrand"]));
        assert_eq!((d.commune.as_str(), d.listed_communes().map(<[String]>::len)), ("", Some(2)));

        // A mismatch typed by hand stays, with its message; it is not replaced by the postcode's only commune.
        let mut d = complete();
        d.commune = "Lyon".into();
        d.set_listed_communes("63000".into(), names(&["Clermont-Ferrand"]));
        assert_eq!(d.commune, "Lyon");
        assert_eq!(commune_issues(&d), vec![(field::COMMUNE, CommuneNotInPostalCode)]);
        // "Ma commune n'est pas dans la liste": kept as typed, and the server is told.
        d.commune_not_listed = true;
        assert_eq!(commune_issues(&d), vec![]);
        let sent = d.to_request(&c, today()).unwrap().contact.address;
        assert_eq!((sent.commune.as_str(), sent.commune_not_listed), ("Lyon", true));

        // A postcode the list does not know: refused on the postcode unless the commune is marked as missing.
        let mut d = complete();
        d.postal_code = "63999".into();
        d.set_listed_communes("63999".into(), vec![]);
        assert_eq!(commune_issues(&d), vec![(field::POSTAL_CODE, PostalCodeUnknown)]);
        d.commune_not_listed = true;
        assert_eq!(commune_issues(&d), vec![]);

        // The list is reference data: not saved with the answers.
        let mut d = complete();
        d.set_listed_communes("63000".into(), names(&["Clermont-Ferrand"]));
        assert!(!d.to_storage_json().contains("listed_communes"));
    }
}
