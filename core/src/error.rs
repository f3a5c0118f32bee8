//! The stable machine codes of every validation failure.
//!
//! A code names *why* a value was refused, never *where*: the same `too_long` serves a name and a street, the
//! field path (see [`crate::api::field`]) says where. Codes travel in `FieldError::code` on the wire and are the
//! keys of `locales/<lang>/errors.json`, so they must never be renamed once shipped; add new ones instead.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a value was refused. The snake_case name (see [`ErrorCode::as_str`]) is the wire code and translation key.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Nothing was entered.
    Required,
    /// Longer than the field allows.
    TooLong,
    /// Control characters or markup in a free-text field.
    TextInvalidCharacters,
    /// Neither "Madame" nor "Monsieur" was chosen.
    CivilityRequired,
    /// A name holds something other than letters, spaces, hyphens and apostrophes.
    NameInvalidCharacters,
    /// A name starts or ends with a hyphen or apostrophe, or has two in a row.
    NameMisplacedPunctuation,
    /// Some of day, month, year are missing.
    DateIncomplete,
    /// Not a real calendar date (31/04, 29/02 of a common year, a two-digit year…).
    DateInvalid,
    /// The birth date is after today.
    DateInFuture,
    /// Younger than the campaign's minimum age on its reference date.
    TooYoung,
    /// Older than the campaign's maximum age on its reference date.
    TooOld,
    EmailInvalid,
    /// The confirmation differs from the address.
    EmailMismatch,
    PasswordTooShort,
    PasswordNeedsLetter,
    PasswordNeedsDigit,
    /// The confirmation differs from the password.
    PasswordMismatch,
    /// Not a phone number we can dial.
    PhoneInvalid,
    /// A valid number, but not a mobile one where a mobile is needed (texts are sent to it).
    PhoneNotMobile,
    PostalCodeInvalid,
    /// Malformed UAI or wrong check letter.
    UaiInvalid,
    /// No establishment chosen.
    EstablishmentRequired,
    /// A well-formed UAI that the Région does not know (server check).
    EstablishmentUnknown,
    StreamRequired,
    /// The stream is not offered by the chosen establishment (server check).
    StreamUnknown,
    CharterNotAccepted,
    /// The charter accepted is not the campaign's current version: it changed since it was ticked.
    CharterVersionMismatch,
    /// The applicant is young enough that a legal guardian must take part.
    GuardianRequired,
    /// A guardian was sent for an applicant old enough to apply alone.
    GuardianNotAllowed,
    GuardianConsentRequired,
    /// The application names another campaign than the current one.
    CampaignMismatch,
    /// Applications have not opened yet.
    CampaignNotOpen,
    /// Applications are closed.
    CampaignClosed,
    PhotoRequired,
    /// Larger than [`crate::api::MAX_PHOTO_BYTES`].
    PhotoTooLarge,
    /// Not a JPEG/PNG picture we can read.
    PhotoUnreadable,
    /// Too few pixels to print a sharp card.
    PhotoTooSmall,
    /// A dossier number with the wrong length or check digit.
    DossierNumberInvalid,
}

impl ErrorCode {
    /// Every code, in declaration order: the translation test walks it.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::Required,
        ErrorCode::TooLong,
        ErrorCode::TextInvalidCharacters,
        ErrorCode::CivilityRequired,
        ErrorCode::NameInvalidCharacters,
        ErrorCode::NameMisplacedPunctuation,
        ErrorCode::DateIncomplete,
        ErrorCode::DateInvalid,
        ErrorCode::DateInFuture,
        ErrorCode::TooYoung,
        ErrorCode::TooOld,
        ErrorCode::EmailInvalid,
        ErrorCode::EmailMismatch,
        ErrorCode::PasswordTooShort,
        ErrorCode::PasswordNeedsLetter,
        ErrorCode::PasswordNeedsDigit,
        ErrorCode::PasswordMismatch,
        ErrorCode::PhoneInvalid,
        ErrorCode::PhoneNotMobile,
        ErrorCode::PostalCodeInvalid,
        ErrorCode::UaiInvalid,
        ErrorCode::EstablishmentRequired,
        ErrorCode::EstablishmentUnknown,
        ErrorCode::StreamRequired,
        ErrorCode::StreamUnknown,
        ErrorCode::CharterNotAccepted,
        ErrorCode::CharterVersionMismatch,
        ErrorCode::GuardianRequired,
        ErrorCode::GuardianNotAllowed,
        ErrorCode::GuardianConsentRequired,
        ErrorCode::CampaignMismatch,
        ErrorCode::CampaignNotOpen,
        ErrorCode::CampaignClosed,
        ErrorCode::PhotoRequired,
        ErrorCode::PhotoTooLarge,
        ErrorCode::PhotoUnreadable,
        ErrorCode::PhotoTooSmall,
        ErrorCode::DossierNumberInvalid,
    ];

    /// The wire code, also the key in `locales/<lang>/errors.json`.
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            Required => "required",
            TooLong => "too_long",
            TextInvalidCharacters => "text_invalid_characters",
            CivilityRequired => "civility_required",
            NameInvalidCharacters => "name_invalid_characters",
            NameMisplacedPunctuation => "name_misplaced_punctuation",
            DateIncomplete => "date_incomplete",
            DateInvalid => "date_invalid",
            DateInFuture => "date_in_future",
            TooYoung => "too_young",
            TooOld => "too_old",
            EmailInvalid => "email_invalid",
            EmailMismatch => "email_mismatch",
            PasswordTooShort => "password_too_short",
            PasswordNeedsLetter => "password_needs_letter",
            PasswordNeedsDigit => "password_needs_digit",
            PasswordMismatch => "password_mismatch",
            PhoneInvalid => "phone_invalid",
            PhoneNotMobile => "phone_not_mobile",
            PostalCodeInvalid => "postal_code_invalid",
            UaiInvalid => "uai_invalid",
            EstablishmentRequired => "establishment_required",
            EstablishmentUnknown => "establishment_unknown",
            StreamRequired => "stream_required",
            StreamUnknown => "stream_unknown",
            CharterNotAccepted => "charter_not_accepted",
            CharterVersionMismatch => "charter_version_mismatch",
            GuardianRequired => "guardian_required",
            GuardianNotAllowed => "guardian_not_allowed",
            GuardianConsentRequired => "guardian_consent_required",
            CampaignMismatch => "campaign_mismatch",
            CampaignNotOpen => "campaign_not_open",
            CampaignClosed => "campaign_closed",
            PhotoRequired => "photo_required",
            PhotoTooLarge => "photo_too_large",
            PhotoUnreadable => "photo_unreadable",
            PhotoTooSmall => "photo_too_small",
            DossierNumberInvalid => "dossier_number_invalid",
        }
    }

    /// The code for a wire string, e.g. to read back a server's `FieldError::code`.
    pub fn from_code(code: &str) -> Option<ErrorCode> {
        Self::ALL.iter().copied().find(|c| c.as_str() == code)
    }

    /// The translation key, namespaced as the app's i18n expects: `errors.<code>`.
    pub fn translation_key(self) -> String {
        format!("errors.{}", self.as_str())
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One refused field: its path (see [`crate::api::field`]) and why.
pub type FieldIssue = (&'static str, ErrorCode);

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = HashSet::new();
        for &code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {code}");
            assert_eq!(ErrorCode::from_code(code.as_str()), Some(code));
            // serde and as_str must agree, since both end up on the wire.
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
        assert_eq!(ErrorCode::from_code("nope"), None);
    }

    /// `ALL` must name every variant. The enum's own list is read from serde, whose error for an unknown
    /// variant enumerates them all, so a variant added to the enum but forgotten in `ALL` fails here.
    #[test]
    fn all_lists_every_variant() {
        let err = serde_json::from_str::<ErrorCode>("\"no_such_code\"")
            .unwrap_err()
            .to_string();
        let expected = err
            .split("expected one of ")
            .nth(1)
            .expect("serde lists the variants");
        let variants: Vec<&str> = expected
            .split(", ")
            .map(|v| v.trim_matches(|c| c == '`' || c == ' '))
            .collect();
        let variants: Vec<&str> = variants
            .iter()
            .map(|v| v.split('`').next().unwrap_or(v))
            .collect();
        let listed: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(listed, variants);
    }
}
