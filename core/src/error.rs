//! The stable machine codes of every validation failure.
//!
//! A code names *why* a value was refused, never *where*: the same `too_long` serves a name and a street, the
//! field path (see [`crate::api::field`]) says where. Codes travel in `FieldError::code` on the wire and are the
//! keys of `locales/<lang>/errors.json`, so they must never be renamed once shipped; add new ones instead.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Stands for the character of a character-naming code when it is not known: in [`ErrorCode::ALL`], and for a
/// code read back from the wire (the wire carries the code; the message already holds the character).
pub const UNKNOWN_CHARACTER: char = '\u{FFFD}';

/// Declares [`ErrorCode`], its [`ErrorCode::ALL`] list and its wire codes from one table, so no variant can be
/// left out of the list the translation tests walk. A variant written `Name(char)` names the offending character,
/// which its message shows (`{character}`, `{code_point}`, see [`crate::messages::fill`]).
macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident $(($payload:ident))? = $code:literal, )*) => {
        /// Why a value was refused. [`ErrorCode::as_str`] is the wire code and translation key; a variant holding a
        /// `char` also says which character was refused, for the message (the wire code stays the bare name).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant $(($payload))?, )*
        }

        impl ErrorCode {
            /// Every code, in declaration order (character-naming ones with [`UNKNOWN_CHARACTER`]).
            pub const ALL: &'static [ErrorCode] = &[
                $( ErrorCode::$variant $((error_codes!(@unknown $payload)))?, )*
            ];

            /// The wire code, also the key in `locales/<lang>/errors.json`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( ErrorCode::$variant { .. } => $code, )*
                }
            }
        }
    };
    (@unknown char) => { UNKNOWN_CHARACTER };
}

error_codes! {
    /// Nothing was entered.
    Required = "required",
    /// Longer than the field allows.
    TooLong = "too_long",
    /// Markup (`<`, `>`) in a free-text field, or a character a code (stream code) does not take.
    TextInvalidCharacters = "text_invalid_characters",
    /// An invisible character (zero-width space, direction mark, byte-order mark, control character…), usually
    /// brought by a copy and paste: it would end up in the Région's files and on envelopes unseen.
    InvisibleCharacter(char) = "invisible_character",
    /// A character no name on an ID document holds and that the name message should show: an emoji.
    NameCharacterNotAccepted(char) = "name_character_not_accepted",
    /// A character no postal address holds: an emoji.
    AddressCharacterNotAccepted(char) = "address_character_not_accepted",
    /// A letter carries more than [`crate::rules::text::MAX_MARKS_PER_LETTER`] combining accents (the character
    /// is the letter).
    TooManyAccents(char) = "too_many_accents",
    /// Neither "Madame" nor "Monsieur" was chosen.
    CivilityRequired = "civility_required",
    /// A name holds something other than letters, spaces, hyphens and apostrophes.
    NameInvalidCharacters = "name_invalid_characters",
    /// A name starts or ends with a hyphen or apostrophe, or has two in a row.
    NameMisplacedPunctuation = "name_misplaced_punctuation",
    /// Some of day, month, year are missing.
    DateIncomplete = "date_incomplete",
    /// Not a date at all ("1er", "janvier"): something other than digits in a box.
    DateInvalid = "date_invalid",
    /// The day does not exist in that month (31/04, 29/02 of a common year, 0).
    DateDayInvalid = "date_day_invalid",
    /// The month is not from 1 to 12.
    DateMonthInvalid = "date_month_invalid",
    /// The year is not written with 4 digits.
    DateYearInvalid = "date_year_invalid",
    /// The birth date is after today.
    DateInFuture = "date_in_future",
    /// Younger than the campaign's minimum age on its reference date.
    TooYoung = "too_young",
    /// Older than the campaign's maximum age on its reference date.
    TooOld = "too_old",
    EmailInvalid = "email_invalid",
    /// The confirmation differs from the address.
    EmailMismatch = "email_mismatch",
    PasswordTooShort = "password_too_short",
    PasswordNeedsLetter = "password_needs_letter",
    PasswordNeedsDigit = "password_needs_digit",
    /// The confirmation differs from the password.
    PasswordMismatch = "password_mismatch",
    /// Not a phone number we can dial.
    PhoneInvalid = "phone_invalid",
    /// A valid number, but not a mobile one where a mobile is needed (texts are sent to it).
    PhoneNotMobile = "phone_not_mobile",
    PostalCodeInvalid = "postal_code_invalid",
    /// A well-formed postcode that the official list does not know, and the commune was not marked as missing from
    /// the list (see [`crate::rules::commune`]).
    PostalCodeUnknown = "postal_code_unknown",
    /// The commune is not one of the postcode's in the official list.
    CommuneNotInPostalCode = "commune_not_in_postal_code",
    /// Malformed UAI or wrong check letter.
    UaiInvalid = "uai_invalid",
    /// No establishment chosen.
    EstablishmentRequired = "establishment_required",
    /// A well-formed UAI that the Région does not know (server check).
    EstablishmentUnknown = "establishment_unknown",
    StreamRequired = "stream_required",
    /// The stream is not offered by the chosen establishment (server check).
    StreamUnknown = "stream_unknown",
    CharterNotAccepted = "charter_not_accepted",
    /// The charter accepted is not the campaign's current version: it changed since it was ticked.
    CharterVersionMismatch = "charter_version_mismatch",
    /// The applicant is young enough that a legal guardian must take part.
    GuardianRequired = "guardian_required",
    /// A guardian was sent for an applicant old enough to apply alone.
    GuardianNotAllowed = "guardian_not_allowed",
    /// The guardian's address is the applicant's own (see [`crate::rules::email::same_mailbox`]): the consent
    /// email must reach the guardian, not the child.
    GuardianEmailSameAsApplicant = "guardian_email_same_as_applicant",
    /// The application names another campaign than the current one.
    CampaignMismatch = "campaign_mismatch",
    /// Applications have not opened yet.
    CampaignNotOpen = "campaign_not_open",
    /// Applications are closed.
    CampaignClosed = "campaign_closed",
    PhotoRequired = "photo_required",
    /// A photo is being framed: "Continue" cannot guess the frame is final (see [`crate::photo_step`]).
    PhotoNotApplied = "photo_not_applied",
    /// The photo is being prepared (a second or two).
    PhotoPreparing = "photo_preparing",
    /// A photo sent from a phone waits for the person to say it is theirs.
    PhotoNotConfirmed = "photo_not_confirmed",
    /// Larger than [`crate::api::MAX_PHOTO_BYTES`].
    PhotoTooLarge = "photo_too_large",
    /// Not a JPEG/PNG picture we can read.
    PhotoUnreadable = "photo_unreadable",
    /// Too few pixels to print a sharp card.
    PhotoTooSmall = "photo_too_small",
    /// A dossier number with the wrong length or check digit.
    DossierNumberInvalid = "dossier_number_invalid",
}

impl ErrorCode {
    /// The code for a wire string, e.g. to read back a server's `FieldError::code`. A character-naming code comes
    /// back with [`UNKNOWN_CHARACTER`]: show the server's message for it, which names the real one.
    pub fn from_code(code: &str) -> Option<ErrorCode> {
        Self::ALL.iter().copied().find(|c| c.as_str() == code)
    }

    /// The refused character this code names, if it is one that names a character.
    pub fn character(self) -> Option<char> {
        match self {
            ErrorCode::InvisibleCharacter(c)
            | ErrorCode::NameCharacterNotAccepted(c)
            | ErrorCode::AddressCharacterNotAccepted(c)
            | ErrorCode::TooManyAccents(c) => Some(c),
            _ => None,
        }
    }

    /// The same code naming `c` instead, for a code that names a character (e.g. one read back with
    /// [`UNKNOWN_CHARACTER`]); any other code is returned unchanged.
    pub fn with_character(self, c: char) -> ErrorCode {
        match self {
            ErrorCode::InvisibleCharacter(_) => ErrorCode::InvisibleCharacter(c),
            ErrorCode::NameCharacterNotAccepted(_) => ErrorCode::NameCharacterNotAccepted(c),
            ErrorCode::AddressCharacterNotAccepted(_) => ErrorCode::AddressCharacterNotAccepted(c),
            ErrorCode::TooManyAccents(_) => ErrorCode::TooManyAccents(c),
            other => other,
        }
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

/// On the wire a code is its bare name, character or not (the message carries the character).
impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ErrorCode, D::Error> {
        let code = String::deserialize(d)?;
        ErrorCode::from_code(&code).ok_or_else(|| serde::de::Error::custom(format!("unknown error code {code:?}")))
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
            assert_eq!(serde_json::from_value::<ErrorCode>(code.as_str().into()).unwrap(), code);
        }
        assert_eq!(ErrorCode::from_code("nope"), None);
        assert!(serde_json::from_str::<ErrorCode>("\"no_such_code\"").is_err());
    }

    /// The character travels with the code in memory, never on the wire: the code stays the bare, stable name.
    #[test]
    fn character_codes_keep_their_character_off_the_wire() {
        let code = ErrorCode::AddressCharacterNotAccepted('😀');
        assert_eq!(code.character(), Some('😀'));
        assert_eq!(code.as_str(), "address_character_not_accepted");
        assert_eq!(serde_json::to_value(code).unwrap(), "address_character_not_accepted");
        assert_eq!(
            ErrorCode::from_code("address_character_not_accepted"),
            Some(ErrorCode::AddressCharacterNotAccepted(UNKNOWN_CHARACTER))
        );
        assert_eq!(ErrorCode::Required.character(), None);
        assert_eq!(ErrorCode::Required.with_character('x'), ErrorCode::Required);
        for &code in ErrorCode::ALL {
            if code.character().is_some() {
                assert_eq!(code.with_character('x').character(), Some('x'), "{code}");
                assert_eq!(code.with_character('x').as_str(), code.as_str());
            }
        }
        let naming: Vec<&str> = ErrorCode::ALL.iter().filter(|c| c.character().is_some()).map(|c| c.as_str()).collect();
        assert_eq!(
            naming,
            [
                "invisible_character",
                "name_character_not_accepted",
                "address_character_not_accepted",
                "too_many_accents"
            ]
        );
    }
}
