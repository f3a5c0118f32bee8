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
use crate::rules::email::normalize_email;
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

fn guardian(g: &Guardian, v: &mut Issues) -> Option<Guardian> {
    let last_name = v.take(field::GUARDIAN_LAST_NAME, normalize_name(&g.last_name));
    let first_name = v.take(field::GUARDIAN_FIRST_NAME, normalize_name(&g.first_name));
    let email = v.take(field::GUARDIAN_EMAIL, normalize_email(&g.email));
    let phone = v.take(field::GUARDIAN_PHONE, normalize_phone(&g.phone));
    if !g.consent {
        v.push(field::GUARDIAN_CONSENT, ErrorCode::GuardianConsentRequired);
    }
    Some(Guardian {
        civility: g.civility,
        last_name: last_name?,
        first_name: first_name?,
        email: email?,
        phone: phone?,
        consent: g.consent,
    })
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
        (Some(AgeCheck::NeedsGuardian), Some(g)) => guardian(g, &mut v),
        (Some(_), Some(_)) => {
            v.push(field::GUARDIAN, ErrorCode::GuardianNotAllowed);
            None
        }
        // Age unknown (its own issue is recorded) or adult without a guardian.
        _ => None,
    };

    let c = &req.contact;
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

    let uai = v.take(field::UAI, normalize_uai(&req.schooling.uai).map_err(|e| match e {
        ErrorCode::Required => ErrorCode::EstablishmentRequired,
        e => e,
    }));
    let stream = v.take(field::STREAM_CODE, stream_code(&req.schooling.stream_code));

    // Every `None` above recorded an issue, so this `else` only ever returns a non-empty list.
    let (
        false,
        true,
        Some(last_name),
        Some(first_name),
        Some(birth),
        Some(email),
        Some(mobile_phone),
        Some(street),
        Some(complement),
        Some(care_of),
        Some(postal_code),
        Some(commune),
        Some(uai),
        Some(stream_code),
    ) = (
        !v.0.is_empty(),
        password_ok,
        last_name,
        first_name,
        birth,
        email,
        mobile_phone,
        street,
        complement,
        care_of,
        postal_code,
        commune,
        uai,
        stream,
    )
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
        contact: Contact {
            mobile_phone,
            address: Address { street, complement, care_of, postal_code, commune },
        },
        schooling: Schooling { uai, stream_code },
        delivery: req.delivery,
        consents: req.consents,
    })
}

/// Every issue of the request, each on its field path (see [`crate::api::field`]); empty when it is valid.
pub fn validate_application(req: &ApplicationRequest, campaign: &Campaign, today: Date) -> Vec<FieldIssue> {
    normalize_application(req, campaign, today).err().unwrap_or_default()
}
