//! Wire types of the REST contract described in `openapi.yaml`.
//!
//! Request bodies reject unknown fields: a client that sends a field the server does not know about has a bug
//! that should surface at once, not be silently dropped.

use serde::{Deserialize, Serialize};

/// Every endpoint lives under this prefix; the app is served on the same origin.
pub const API_PREFIX: &str = "/api/v1";
/// The photo limit of the Région's API, in decimal bytes.
pub const MAX_PHOTO_BYTES: usize = 2_000_000;
/// Requests larger than this are refused before being read whole.
pub const MAX_REQUEST_BYTES: usize = 3_000_000;
/// Header carrying the client's idempotency key on application creation.
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";

/// The yearly campaign: when applications are open and how age is reckoned.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Campaign {
    /// e.g. "2026-2027"
    pub id: String,
    /// First day applications are accepted (ISO 8601 date).
    pub opens_on: String,
    /// Last day applications are accepted (ISO 8601 date).
    pub closes_on: String,
    /// Age is reckoned on this date (ISO 8601 date).
    pub age_reference_date: String,
    /// Youngest accepted age, inclusive, on the reference date.
    pub min_age: u8,
    /// Oldest accepted age, inclusive, on the reference date.
    pub max_age: u8,
    /// Below this age on the reference date a legal guardian takes part.
    pub guardian_required_under: u8,
    /// Version of the charter of rights and duties that applicants accept this campaign.
    pub charter_version: String,
}

/// The charter of rights and duties, versioned; served in French or English.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Charter {
    pub version: String,
    pub lang: String,
    pub title: String,
    pub sections: Vec<CharterSection>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct CharterSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// A page of search results.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u32,
    pub page: u32,
    pub per_page: u32,
}

/// A school, apprentice centre or agricultural lycée, identified by its UAI.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Establishment {
    /// 7 characters and a check letter, e.g. "0630020E".
    pub uai: String,
    pub name: String,
    /// LEGT, LGT, LP, LPO, SEP, EREA, LPA, CFA…
    pub kind: String,
    /// "public" or "private", when known.
    pub status: Option<String>,
    pub commune: Option<String>,
    pub postal_code: Option<String>,
    /// Department number, e.g. "63".
    pub department: String,
}

/// A stream ("filière") a student can follow, with its code (the "numéro de filière").
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Stream {
    pub code: String,
    pub label: String,
    /// Level code, e.g. "2nde", "1re", "terminale", "cap", "bac-pro", "bts".
    pub level: String,
}

/// Streams of one level, as shown to the student.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct StreamGroup {
    pub level: String,
    /// Human label of the level, e.g. "Seconde", "Bac professionnel".
    pub label: String,
    pub streams: Vec<Stream>,
}

/// The streams of one establishment, grouped by level in the usual order.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct EstablishmentStreams {
    pub uai: String,
    pub groups: Vec<StreamGroup>,
}

/// The communes of one postcode in the official list, spelled as the list spells them; empty for a postcode the
/// list does not know.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PostalCodeCommunes {
    pub postal_code: String,
    pub communes: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Civility {
    Madame,
    Monsieur,
}

/// The JSON part ("application") of the multipart request that creates an application.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ApplicationRequest {
    pub campaign_id: String,
    /// Version of the charter the applicant ticked.
    pub charter_version: String,
    pub identity: Identity,
    /// Required when the applicant is under `Campaign::guardian_required_under`, refused otherwise.
    pub guardian: Option<Guardian>,
    pub contact: Contact,
    pub schooling: Schooling,
    pub delivery: Delivery,
    pub consents: Consents,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    pub civility: Civility,
    /// As written on the ID document.
    pub last_name: String,
    /// As written on the ID document.
    pub first_name: String,
    /// ISO 8601 date.
    pub birth_date: String,
    /// The student's own address: the activation link goes there.
    pub email: String,
    pub password: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Guardian {
    pub civility: Civility,
    pub last_name: String,
    pub first_name: String,
    pub email: String,
    /// E.164, e.g. "+33612345678".
    pub phone: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// E.164, e.g. "+33612345678".
    pub mobile_phone: String,
    pub address: Address,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Number and street.
    pub street: String,
    /// Lieu-dit, résidence, bâtiment, étage…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complement: Option<String>,
    /// "chez …" when living under another name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care_of: Option<String>,
    pub postal_code: String,
    pub commune: String,
    /// The person says the official postcode list misses their commune: it is then kept as typed instead of being
    /// checked against the postcode (see `core/src/rules/commune.rs`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub commune_not_listed: bool,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Schooling {
    pub uai: String,
    pub stream_code: String,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    /// The card is sent to the establishment, which hands it over.
    pub send_to_establishment: bool,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Consents {
    /// Opt-in: the Région's good deals.
    pub good_deals: bool,
    /// Opt-in: the Région's news.
    pub news: bool,
}

/// Answer to a created (or replayed, same idempotency key) application.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ApplicationCreated {
    /// The login of the beneficiary space; its last digit is a check digit.
    pub dossier_number: String,
    /// Where the activation link went, e.g. "el****@gmail.com".
    pub masked_email: String,
    /// RFC 3339 timestamp.
    pub created_at: String,
    /// RFC 3339 timestamp: the activation link stops working then.
    pub activation_expires_at: String,
    /// Under the guardian age: the consent email sent to the guardian; the dossier waits for their answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardian_consent: Option<crate::guardian::ConsentPending>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ActivationRequest {
    pub token: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ActivationDone {
    pub dossier_number: String,
}

/// Ask for a new activation link, by email or with the expired link's token.
/// The answer is the same whether or not the address is known.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct ResendActivationRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

/// RFC 9457 problem details, with a stable machine `code` and the field errors of a validation failure.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable machine-readable reason, see [`problem_code`].
    pub code: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// With `rate_limited` (429): seconds to wait, the same figure as the `Retry-After` header, so the client can
    /// say "Réessaie dans N minutes" without reading headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u32>,
    /// With `activation_already_used`: the account's dossier number (its login), so the page can offer to log in.
    /// Only the holder of one of the account's activation links gets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dossier_number: Option<String>,
}

/// One invalid field: where (dotted path in the request, e.g. "identity.birth_date" or "photo"), why, and a
/// message in the language asked for by `Accept-Language`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// Values of [`Problem::code`].
pub mod problem_code {
    pub const VALIDATION_FAILED: &str = "validation_failed";
    pub const MALFORMED_REQUEST: &str = "malformed_request";
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    pub const IDEMPOTENCY_KEY_MISSING: &str = "idempotency_key_missing";
    pub const IDEMPOTENCY_KEY_REUSED: &str = "idempotency_key_reused";
    pub const CAMPAIGN_CLOSED: &str = "campaign_closed";
    pub const NOT_FOUND: &str = "not_found";
    pub const ACTIVATION_UNKNOWN: &str = "activation_unknown";
    pub const ACTIVATION_EXPIRED: &str = "activation_expired";
    pub const ACTIVATION_ALREADY_USED: &str = "activation_already_used";
    /// 410: a newer link was sent ("Je n'ai rien reçu"); this one no longer works.
    pub const ACTIVATION_REPLACED: &str = "activation_replaced";
    pub const INTERNAL: &str = "internal_error";
    /// 429: too many requests for this address, person or target; `retry_after` says how long to wait.
    pub const RATE_LIMITED: &str = "rate_limited";
    /// 401: wrong dossier number or password — one answer for both, so it tells nothing about which.
    pub const LOGIN_FAILED: &str = "login_failed";
    /// 403: the password is right but the account was never activated from the emailed link.
    pub const ACCOUNT_NOT_ACTIVATED: &str = "account_not_activated";
    /// 401: no session, or it has ended (idle, absolute limit, logout, password changed).
    pub const SESSION_REQUIRED: &str = "session_required";
    /// 403: a state-changing request from another site (`Origin` / `Sec-Fetch-Site`).
    pub const FORBIDDEN_ORIGIN: &str = "forbidden_origin";
    pub const RESET_UNKNOWN: &str = "reset_unknown";
    pub const RESET_EXPIRED: &str = "reset_expired";
    /// 409: the reset link was already used, or a newer one replaced it.
    pub const RESET_USED: &str = "reset_used";
    /// 409: a new photo is only taken when the establishment refused the previous one.
    pub const PHOTO_NOT_REQUESTED: &str = "photo_not_requested";
    /// 422 on `current_password`: the password asked again before a sensitive change is wrong.
    pub const PASSWORD_WRONG: &str = "password_wrong";
    pub const CARD_UNKNOWN: &str = "card_unknown";
    /// 409: the card was declared lost, stolen or damaged.
    pub const CARD_BLOCKED: &str = "card_blocked";
    /// 409: no card made yet (nothing to declare), or no secret code set yet (nothing to check).
    pub const CARD_NOT_ISSUED: &str = "card_not_issued";
    pub const CODE_NOT_SET: &str = "code_not_set";
    /// 423: 3 wrong codes in a row; a new code set from the space lifts it.
    pub const CODE_LOCKED: &str = "code_locked";
    pub const EMAIL_CHANGE_UNKNOWN: &str = "email_change_unknown";
    pub const EMAIL_CHANGE_EXPIRED: &str = "email_change_expired";
    pub const EMAIL_CHANGE_USED: &str = "email_change_used";
    /// 404: no guardian consent link matches.
    pub const GUARDIAN_CONSENT_UNKNOWN: &str = "guardian_consent_unknown";
    /// 410: the guardian's link is over 7 days old; a new one can be asked for.
    pub const GUARDIAN_CONSENT_EXPIRED: &str = "guardian_consent_expired";
    /// 409: the consent was already given (from this link or another of the dossier).
    pub const GUARDIAN_CONSENT_GIVEN: &str = "guardian_consent_given";
    pub const HANDOFF_UNKNOWN: &str = "handoff_unknown";
    /// 409: another phone already opened this link.
    pub const HANDOFF_USED: &str = "handoff_used";
    /// 410: more than 10 minutes old, or cancelled from the computer.
    pub const HANDOFF_EXPIRED: &str = "handoff_expired";
    /// 408: the request (its upload included) took longer than the server allows.
    pub const REQUEST_TIMEOUT: &str = "request_timeout";
    /// 503: the server is busy (too many photo checks or password hashes at once); retry shortly.
    pub const BUSY: &str = "server_busy";
}

/// Field paths used in [`FieldError::field`], shared so client and server place errors alike.
pub mod field {
    pub const CAMPAIGN_ID: &str = "campaign_id";
    pub const CHARTER_VERSION: &str = "charter_version";
    pub const CIVILITY: &str = "identity.civility";
    pub const LAST_NAME: &str = "identity.last_name";
    pub const FIRST_NAME: &str = "identity.first_name";
    pub const BIRTH_DATE: &str = "identity.birth_date";
    pub const EMAIL: &str = "identity.email";
    pub const PASSWORD: &str = "identity.password";
    /// Only in the app's form (never sent): the e-mail typed a second time.
    pub const EMAIL_CONFIRM: &str = "identity.email_confirm";
    /// Only in the app's form (never sent): the password typed a second time.
    pub const PASSWORD_CONFIRM: &str = "identity.password_confirm";
    pub const GUARDIAN: &str = "guardian";
    pub const GUARDIAN_CIVILITY: &str = "guardian.civility";
    pub const GUARDIAN_LAST_NAME: &str = "guardian.last_name";
    pub const GUARDIAN_FIRST_NAME: &str = "guardian.first_name";
    pub const GUARDIAN_EMAIL: &str = "guardian.email";
    pub const GUARDIAN_PHONE: &str = "guardian.phone";
    pub const MOBILE_PHONE: &str = "contact.mobile_phone";
    pub const STREET: &str = "contact.address.street";
    pub const COMPLEMENT: &str = "contact.address.complement";
    pub const CARE_OF: &str = "contact.address.care_of";
    pub const POSTAL_CODE: &str = "contact.address.postal_code";
    pub const COMMUNE: &str = "contact.address.commune";
    pub const COMMUNE_NOT_LISTED: &str = "contact.address.commune_not_listed";
    pub const UAI: &str = "schooling.uai";
    pub const STREAM_CODE: &str = "schooling.stream_code";
    pub const PHOTO: &str = "photo";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_refused() {
        let json = r#"{"street":"1 rue","postal_code":"63000","commune":"Clermont","floor":"2"}"#;
        let err = serde_json::from_str::<Address>(json).unwrap_err();
        assert!(err.to_string().contains("unknown field `floor`"), "{err}");
    }

    #[test]
    fn problem_uses_rfc9457_member_names() {
        let p = Problem {
            type_uri: "/problems/validation".into(),
            title: "t".into(),
            status: 422,
            detail: None,
            code: problem_code::VALIDATION_FAILED.into(),
            errors: vec![],
            retry_after: None,
            dossier_number: None,
        };
        let v = serde_json::to_value(&p).unwrap();
        assert_eq!(v["type"], "/problems/validation");
        assert!(v.get("errors").is_none());
        assert!(v.get("detail").is_none());
    }
}
