//! Checking a whole application request: every rule that needs no database.
//!
//! The server runs this on what it receives and stores the normalised result; the app runs the very same code
//! (through [`crate::draft::Draft::to_request`]) before sending, so the two can never disagree on what is valid.
//! The server adds what only it can know: that the UAI and the stream exist, and the photo.

use crate::api::{Address, ApplicationRequest, Campaign, Contact, Guardian, Identity, Schooling, field};
use crate::campaign::{AgeCheck, campaign_window, validate_birth_date};
use crate::date::Date;
use crate::error::{ErrorCode, FieldIssue};
use crate::rules::address::{
    ADDRESS_LINE_MAX_CHARS, COMMUNE_MAX_CHARS, normalize_optional_text, normalize_postal_code, normalize_text,
};
use crate::rules::commune::settle_commune;
use crate::rules::email::{normalize_email, same_mailbox};
use crate::rules::name::normalize_name;
use crate::rules::password::validate_password;
use crate::rules::phone::{normalize_mobile, normalize_phone};
use crate::rules::uai::normalize_uai;

/// Stream codes are national 8-character diploma codes or 11-character MEF codes; leave room, refuse junk.
pub const STREAM_CODE_MAX_CHARS: usize = 32;

/// Collects field issues while normalising, keeping the first issue of each field (the most specific, since
/// callers check what they know best first).
#[derive(Default, Debug)]
pub(crate) struct Issues(pub(crate) Vec<FieldIssue>);

impl Issues {
    pub(crate) fn push(&mut self, field: &'static str, code: ErrorCode) {
        if !self.0.iter().any(|(f, _)| *f == field) {
            self.0.push((field, code));
        }
    }

    /// The value, or `None` after recording why not.
    pub(crate) fn take<T>(&mut self, field: &'static str, r: Result<T, ErrorCode>) -> Option<T> {
        r.map_err(|e| self.push(field, e)).ok()
    }
}

fn stream_code(input: &str) -> Result<String, ErrorCode> {
    let s = input.trim();
    if s.is_empty() {
        Err(ErrorCode::StreamRequired)
    } else if s.chars().count() > STREAM_CODE_MAX_CHARS {
        Err(ErrorCode::TooLong)
    } else if !s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        Err(ErrorCode::TextInvalidCharacters)
    } else {
        Ok(s.to_string())
    }
}

/// The guardian's details; they consent themselves later, from the link emailed to them, so their address must
/// not be the applicant's (`applicant_email`, as typed).
fn guardian(g: &Guardian, applicant_email: &str, v: &mut Issues) -> Option<Guardian> {
    let last_name = v.take(field::GUARDIAN_LAST_NAME, normalize_name(&g.last_name));
    let first_name = v.take(field::GUARDIAN_FIRST_NAME, normalize_name(&g.first_name));
    let email = v.take(field::GUARDIAN_EMAIL, guardian_email(&g.email, applicant_email));
    let phone = v.take(field::GUARDIAN_PHONE, normalize_phone(&g.phone));
    Some(Guardian {
        civility: g.civility,
        last_name: last_name?,
        first_name: first_name?,
        email: email?,
        phone: phone?,
    })
}

/// The guardian's address, normalised, refused when it reaches the applicant's own mailbox.
pub fn guardian_email(input: &str, applicant_email: &str) -> Result<String, ErrorCode> {
    let email = normalize_email(input)?;
    if same_mailbox(&email, applicant_email) {
        return Err(ErrorCode::GuardianEmailSameAsApplicant);
    }
    Ok(email)
}

/// Phone and postal address, normalised by the application's rules, or `None` with the issues recorded.
fn contact(c: &Contact, v: &mut Issues) -> Option<Contact> {
    let mobile_phone = v.take(field::MOBILE_PHONE, normalize_mobile(&c.mobile_phone));
    let a = &c.address;
    let street = v.take(field::STREET, normalize_text(&a.street, ADDRESS_LINE_MAX_CHARS));
    let complement = v.take(
        field::COMPLEMENT,
        normalize_optional_text(a.complement.as_deref().unwrap_or(""), ADDRESS_LINE_MAX_CHARS),
    );
    let care_of =
        v.take(field::CARE_OF, normalize_optional_text(a.care_of.as_deref().unwrap_or(""), ADDRESS_LINE_MAX_CHARS));
    let postal_code = v.take(field::POSTAL_CODE, normalize_postal_code(&a.postal_code));
    let commune = v.take(field::COMMUNE, normalize_text(&a.commune, COMMUNE_MAX_CHARS));
    Some(Contact {
        mobile_phone: mobile_phone?,
        address: Address {
            street: street?,
            complement: complement?,
            care_of: care_of?,
            postal_code: postal_code?,
            commune: commune?,
            commune_not_listed: a.commune_not_listed,
        },
    })
}

/// The address's commune checked against the official postcode list: `listed` gives the communes of the (normalised)
/// postcode, an empty list for a postcode the list does not know, `None` when they are not known here (the app
/// before the server answered). `None` too when the postcode or the commune already fails its own rule.
/// `Some(Ok(commune))` is the commune to store (see [`crate::rules::commune::settle_commune`]).
pub fn check_listed_commune<'a>(
    a: &Address,
    listed: impl FnOnce(&str) -> Option<&'a [String]>,
) -> Option<Result<String, FieldIssue>> {
    let postal_code = normalize_postal_code(&a.postal_code).ok()?;
    let commune = normalize_text(&a.commune, COMMUNE_MAX_CHARS).ok()?;
    let listed = listed(&postal_code)?;
    Some(settle_commune(&commune, listed, a.commune_not_listed))
}

/// A change of phone and address made later (the beneficiary space), with the same rules and field paths as the
/// application.
pub fn normalize_contact(c: &Contact) -> Result<Contact, Vec<FieldIssue>> {
    let mut v = Issues::default();
    contact(c, &mut v).ok_or(v.0)
}

/// The request with every value normalised (names tidied, phones in E.164, e-mail domains in lower case,
/// postal code and UAI canonical), or every issue found, each on its field path.
///
/// The guardian is required under the campaign's threshold and refused above it: an adult's application
/// must not carry someone else's personal data for nothing (GDPR minimisation), and a stray guardian usually
/// means the birth date is wrong.
pub fn normalize_application(
    req: &ApplicationRequest,
    campaign: &Campaign,
    today: Date,
) -> Result<ApplicationRequest, Vec<FieldIssue>> {
    let mut v = Issues::default();
    if req.campaign_id != campaign.id {
        v.push(field::CAMPAIGN_ID, ErrorCode::CampaignMismatch);
    } else if let Err(e) = campaign_window(campaign, today) {
        v.push(field::CAMPAIGN_ID, e);
    }
    if req.charter_version.trim().is_empty() {
        v.push(field::CHARTER_VERSION, ErrorCode::CharterNotAccepted);
    } else if req.charter_version != campaign.charter_version {
        v.push(field::CHARTER_VERSION, ErrorCode::CharterVersionMismatch);
    }

    let id = &req.identity;
    let last_name = v.take(field::LAST_NAME, normalize_name(&id.last_name));
    let first_name = v.take(field::FIRST_NAME, normalize_name(&id.first_name));
    let birth = v.take(field::BIRTH_DATE, Date::parse_iso(id.birth_date.trim()).ok_or(ErrorCode::DateInvalid));
    let age = birth.and_then(|b| v.take(field::BIRTH_DATE, validate_birth_date(b, campaign, today)));
    let email = v.take(field::EMAIL, normalize_email(&id.email));
    let password_ok = v.take(field::PASSWORD, validate_password(&id.password)).is_some();

    let guardian = match (age, &req.guardian) {
        (Some(AgeCheck::NeedsGuardian), None) => {
            v.push(field::GUARDIAN, ErrorCode::GuardianRequired);
            None
        }
        (Some(AgeCheck::NeedsGuardian), Some(g)) => guardian(g, &id.email, &mut v),
        (Some(_), Some(_)) => {
            v.push(field::GUARDIAN, ErrorCode::GuardianNotAllowed);
            None
        }
        // Age unknown (its own issue is recorded) or adult without a guardian.
        _ => None,
    };

    let contact = contact(&req.contact, &mut v);

    let uai = v.take(
        field::UAI,
        normalize_uai(&req.schooling.uai).map_err(|e| match e {
            ErrorCode::Required => ErrorCode::EstablishmentRequired,
            e => e,
        }),
    );
    let stream = v.take(field::STREAM_CODE, stream_code(&req.schooling.stream_code));

    // Every `None` above recorded an issue, so this `else` only ever returns a non-empty list.
    let (
        false,
        true,
        Some(last_name),
        Some(first_name),
        Some(birth),
        Some(email),
        Some(contact),
        Some(uai),
        Some(stream_code),
    ) = (!v.0.is_empty(), password_ok, last_name, first_name, birth, email, contact, uai, stream)
    else {
        return Err(v.0);
    };
    Ok(ApplicationRequest {
        campaign_id: req.campaign_id.clone(),
        charter_version: req.charter_version.clone(),
        identity: Identity {
            civility: id.civility,
            last_name,
            first_name,
            birth_date: birth.to_iso(),
            email,
            password: id.password.clone(),
        },
        guardian,
        contact,
        schooling: Schooling { uai, stream_code },
        delivery: req.delivery,
        consents: req.consents,
    })
}

/// Every issue of the request, each on its field path (see [`crate::api::field`]); empty when it is valid.
pub fn validate_application(req: &ApplicationRequest, campaign: &Campaign, today: Date) -> Vec<FieldIssue> {
    normalize_application(req, campaign, today).err().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{self, Consents, Delivery};
    use crate::campaign::test_campaign;
    use crate::date::Date;
    use ErrorCode::*;

    fn today() -> Date {
        Date::parse_iso("2026-10-15").unwrap()
    }

    /// A valid adult application, as typed (not yet normalised).
    fn adult() -> ApplicationRequest {
        ApplicationRequest {
            campaign_id: "2026-2027".into(),
            charter_version: "2026.1".into(),
            identity: Identity {
                civility: api::Civility::Madame,
                last_name: " de  la Fontaine ".into(),
                first_name: "Marie\u{2013}Ève".into(),
                birth_date: "2009-03-07".into(),
                email: "Eloise.Martin@GMAIL.com".into(),
                password: "motdepasse1".into(),
            },
            guardian: None,
            contact: Contact {
                mobile_phone: "06 12 34 56 78".into(),
                address: Address {
                    street: " 12  rue Blatin ".into(),
                    complement: Some("  ".into()),
                    care_of: None,
                    postal_code: "63 000".into(),
                    commune: "Clermont-Ferrand".into(),
                    commune_not_listed: false,
                },
            },
            schooling: Schooling { uai: "0630020e".into(), stream_code: "24000000".into() },
            delivery: Delivery { send_to_establishment: true },
            consents: Consents::default(),
        }
    }

    fn a_guardian() -> Guardian {
        Guardian {
            civility: api::Civility::Monsieur,
            last_name: "N’Diaye".into(),
            first_name: "Moussa".into(),
            email: "moussa.ndiaye@orange.fr".into(),
            phone: "04 73 12 34 56".into(),
        }
    }

    fn minor() -> ApplicationRequest {
        let mut r = adult();
        r.identity.birth_date = "2012-05-10".into();
        r.guardian = Some(a_guardian());
        r
    }

    #[test]
    fn valid_requests_are_normalised() {
        let n = normalize_application(&adult(), &test_campaign(), today()).unwrap();
        assert_eq!(n.identity.last_name, "de la Fontaine");
        assert_eq!(n.identity.first_name, "Marie-Ève");
        assert_eq!(n.identity.email, "Eloise.Martin@gmail.com");
        assert_eq!(n.contact.mobile_phone, "+33612345678");
        assert_eq!(n.contact.address.street, "12 rue Blatin");
        assert_eq!(n.contact.address.complement, None);
        assert_eq!(n.contact.address.postal_code, "63000");
        assert_eq!(n.schooling.uai, "0630020E");
        assert_eq!(n.guardian, None);
        // Normalising is idempotent: what the app sends, the server accepts unchanged.
        assert_eq!(normalize_application(&n, &test_campaign(), today()), Ok(n.clone()));

        let m = normalize_application(&minor(), &test_campaign(), today()).unwrap();
        let g = m.guardian.unwrap();
        assert_eq!((g.last_name.as_str(), g.phone.as_str()), ("N'Diaye", "+33473123456"));
    }

    /// Every free-text field reaches the server and the files in NFC, whichever way the keyboard encoded it.
    #[test]
    fn text_fields_are_stored_in_nfc() {
        let mut r = minor();
        r.identity.last_name = "Nguye\u{0302}\u{0303}n".into();
        r.identity.first_name = "E\u{0301}loi\u{0308}se".into();
        r.contact.address.street = "3 place de l'E\u{0301}glise".into();
        r.contact.address.complement = Some("Re\u{0301}sidence".into());
        r.contact.address.care_of = Some("chez G\u{0306}u\u{0308}l".into());
        r.contact.address.commune = "L'Hay\u{0308}-les-Roses".into();
        let g = r.guardian.as_mut().unwrap();
        g.last_name = "Se\u{0301}gole\u{0300}ne".into();
        g.first_name = "Łukasz".into();
        let n = normalize_application(&r, &test_campaign(), today()).unwrap();
        let g = n.guardian.clone().unwrap();
        let a = &n.contact.address;
        assert_eq!(
            [
                n.identity.last_name.as_str(),
                n.identity.first_name.as_str(),
                a.street.as_str(),
                a.complement.as_deref().unwrap(),
                a.care_of.as_deref().unwrap(),
                a.commune.as_str(),
                g.last_name.as_str(),
                g.first_name.as_str(),
            ],
            [
                "Nguyễn",
                "Éloïse",
                "3 place de l'Église",
                "Résidence",
                "chez Ğül",
                "L'Haÿ-les-Roses",
                "Ségolène",
                "Łukasz",
            ]
        );
        assert_eq!(normalize_application(&n, &test_campaign(), today()), Ok(n.clone()));

        let mut r = minor();
        r.guardian.as_mut().unwrap().first_name = "Moussa 👍".into();
        assert_eq!(
            validate_application(&r, &test_campaign(), today()),
            vec![(field::GUARDIAN_FIRST_NAME, NameCharacterNotAccepted('👍'))]
        );
    }

    #[test]
    fn each_broken_rule_is_reported_on_its_field() {
        type Mutation = fn(&mut ApplicationRequest);
        let cases: &[(Mutation, &str, ErrorCode)] = &[
            (|r| r.campaign_id = "2025-2026".into(), field::CAMPAIGN_ID, CampaignMismatch),
            (|r| r.charter_version = "2025.3".into(), field::CHARTER_VERSION, CharterVersionMismatch),
            (|r| r.charter_version = String::new(), field::CHARTER_VERSION, CharterNotAccepted),
            (|r| r.identity.last_name = "Dupont3".into(), field::LAST_NAME, NameInvalidCharacters),
            (|r| r.identity.first_name = String::new(), field::FIRST_NAME, Required),
            (|r| r.identity.last_name = "Dupont\u{200B}".into(), field::LAST_NAME, InvisibleCharacter('\u{200B}')),
            (|r| r.identity.first_name = "Léa 😀".into(), field::FIRST_NAME, NameCharacterNotAccepted('😀')),
            (|r| r.identity.email = "eloise\u{2060}@gmail.com".into(), field::EMAIL, InvisibleCharacter('\u{2060}')),
            (
                |r| r.contact.address.street = "12 rue Blatin 🏠".into(),
                field::STREET,
                AddressCharacterNotAccepted('🏠'),
            ),
            (
                |r| r.contact.address.complement = Some("Bât.\u{202E}C".into()),
                field::COMPLEMENT,
                InvisibleCharacter('\u{202E}'),
            ),
            (
                |r| r.contact.address.care_of = Some("chez \u{FEFF}Mme Martin".into()),
                field::CARE_OF,
                InvisibleCharacter('\u{FEFF}'),
            ),
            (
                |r| r.contact.address.commune = "Cle\u{0336}\u{0337}\u{0338}rmont".into(),
                field::COMMUNE,
                TooManyAccents('e'),
            ),
            (|r| r.identity.birth_date = "2009-02-29".into(), field::BIRTH_DATE, DateInvalid),
            (|r| r.identity.birth_date = "07/03/2009".into(), field::BIRTH_DATE, DateInvalid),
            (|r| r.identity.birth_date = "2026-12-01".into(), field::BIRTH_DATE, DateInFuture),
            (|r| r.identity.birth_date = "2018-01-01".into(), field::BIRTH_DATE, TooYoung),
            (|r| r.identity.birth_date = "1990-01-01".into(), field::BIRTH_DATE, TooOld),
            (|r| r.identity.email = "eloise@gmail".into(), field::EMAIL, EmailInvalid),
            (|r| r.identity.password = "court1".into(), field::PASSWORD, PasswordTooShort),
            (|r| r.identity.password = "sanschiffre".into(), field::PASSWORD, PasswordNeedsDigit),
            (|r| r.guardian = Some(a_guardian()), field::GUARDIAN, GuardianNotAllowed),
            (|r| r.contact.mobile_phone = "04 73 12 34 56".into(), field::MOBILE_PHONE, PhoneNotMobile),
            (|r| r.contact.mobile_phone = "12345".into(), field::MOBILE_PHONE, PhoneInvalid),
            (|r| r.contact.address.street = String::new(), field::STREET, Required),
            (|r| r.contact.address.care_of = Some("<x>".into()), field::CARE_OF, TextInvalidCharacters),
            (|r| r.contact.address.complement = Some("a".repeat(101)), field::COMPLEMENT, TooLong),
            (|r| r.contact.address.postal_code = "2A000".into(), field::POSTAL_CODE, PostalCodeInvalid),
            (|r| r.contact.address.commune = " ".into(), field::COMMUNE, Required),
            (|r| r.schooling.uai = "0630020F".into(), field::UAI, UaiInvalid),
            (|r| r.schooling.uai = String::new(), field::UAI, EstablishmentRequired),
            (|r| r.schooling.stream_code = " ".into(), field::STREAM_CODE, StreamRequired),
            (|r| r.schooling.stream_code = "24 000".into(), field::STREAM_CODE, TextInvalidCharacters),
        ];
        for (i, (mutate, field, code)) in cases.iter().enumerate() {
            let mut r = adult();
            mutate(&mut r);
            assert_eq!(validate_application(&r, &test_campaign(), today()), vec![(*field, *code)], "case {i}");
        }
    }

    #[test]
    fn guardian_rules() {
        let c = test_campaign();
        let mut r = minor();
        r.guardian = None;
        assert_eq!(validate_application(&r, &c, today()), vec![(field::GUARDIAN, GuardianRequired)]);

        // The consent link must reach the guardian: the child's own mailbox is refused, however it is written.
        for same in ["elise.martin@gmail.com", "Elise.Martin@GMAIL.com", "elisemartin+maman@gmail.com"] {
            let mut r = minor();
            r.identity.email = "elise.martin@gmail.com".into();
            r.guardian.as_mut().unwrap().email = same.into();
            assert_eq!(
                validate_application(&r, &c, today()),
                vec![(field::GUARDIAN_EMAIL, GuardianEmailSameAsApplicant)],
                "{same}"
            );
        }

        let mut r = minor();
        let g = r.guardian.as_mut().unwrap();
        g.email = "moussa@".into();
        g.phone = "0473".into();
        g.first_name = "M0ussa".into();
        assert_eq!(
            validate_application(&r, &c, today()),
            vec![
                (field::GUARDIAN_FIRST_NAME, NameInvalidCharacters),
                (field::GUARDIAN_EMAIL, EmailInvalid),
                (field::GUARDIAN_PHONE, PhoneInvalid),
            ]
        );
        // A guardian's landline is fine: only the student's own number must take texts.
        assert!(validate_application(&minor(), &c, today()).is_empty());
    }

    #[test]
    fn campaign_window_is_checked_on_the_day() {
        let c = test_campaign();
        let before = Date::parse_iso("2026-05-31").unwrap();
        let after = Date::parse_iso("2027-06-01").unwrap();
        assert_eq!(validate_application(&adult(), &c, before), vec![(field::CAMPAIGN_ID, CampaignNotOpen)]);
        assert_eq!(validate_application(&adult(), &c, after), vec![(field::CAMPAIGN_ID, CampaignClosed)]);
    }

    #[test]
    fn every_issue_is_reported_at_once() {
        let mut r = adult();
        r.identity.first_name = String::new();
        r.identity.email = "x".into();
        r.contact.address.postal_code = "1".into();
        let issues = validate_application(&r, &test_campaign(), today());
        assert_eq!(
            issues,
            vec![(field::FIRST_NAME, Required), (field::EMAIL, EmailInvalid), (field::POSTAL_CODE, PostalCodeInvalid)]
        );
    }
}
