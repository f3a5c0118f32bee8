//! The password of the beneficiary space.
//!
//! Length does most of the work against guessing; one letter and one digit is the Région's stated rule and what the
//! live checklist shows while typing. Nothing is trimmed: a space is a legitimate password character, and silently
//! changing what was typed would lock the person out.

use crate::error::ErrorCode;

pub const PASSWORD_MIN_CHARS: usize = 8;
/// Past this the input is not a password someone will type again; it also bounds the hashing work on the server.
pub const PASSWORD_MAX_CHARS: usize = 128;

/// What the live checklist under the password field ticks off, one line per rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct PasswordChecklist {
    pub long_enough: bool,
    pub has_letter: bool,
    pub has_digit: bool,
}

impl PasswordChecklist {
    pub fn all_met(self) -> bool {
        self.long_enough && self.has_letter && self.has_digit
    }
}

/// Letters and digits of any script count, so a password typed on an Arabic or Greek keyboard is judged fairly.
pub fn password_checklist(password: &str) -> PasswordChecklist {
    PasswordChecklist {
        long_enough: password.chars().count() >= PASSWORD_MIN_CHARS,
        has_letter: password.chars().any(char::is_alphabetic),
        has_digit: password.chars().any(char::is_numeric),
    }
}

/// The first rule the password breaks, in the order of the checklist.
pub fn validate_password(password: &str) -> Result<(), ErrorCode> {
    if password.is_empty() {
        return Err(ErrorCode::Required);
    }
    if password.chars().count() > PASSWORD_MAX_CHARS {
        return Err(ErrorCode::TooLong);
    }
    let check = password_checklist(password);
    if !check.long_enough {
        Err(ErrorCode::PasswordTooShort)
    } else if !check.has_letter {
        Err(ErrorCode::PasswordNeedsLetter)
    } else if !check.has_digit {
        Err(ErrorCode::PasswordNeedsDigit)
    } else {
        Ok(())
    }
}

/// Exact comparison: a password confirmation is never "close enough".
pub fn validate_password_confirmation(password: &str, confirmation: &str) -> Result<(), ErrorCode> {
    if confirmation.is_empty() {
        Err(ErrorCode::Required)
    } else if password != confirmation {
        Err(ErrorCode::PasswordMismatch)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ErrorCode::*;

    #[test]
    fn validate_password_table() {
        let cases: &[(&str, Result<(), ErrorCode>)] = &[
            ("motdepasse1", Ok(())),
            ("abcdefg1", Ok(())),
            ("1234567a", Ok(())),
            ("mot de passe 2", Ok(())),
            ("  spaces 9 ", Ok(())),
            ("éèàùç123", Ok(())),
            ("", Err(Required)),
            ("abc1", Err(PasswordTooShort)),
            ("abcdef1", Err(PasswordTooShort)),
            ("12345678", Err(PasswordNeedsLetter)),
            ("12345678!", Err(PasswordNeedsLetter)),
            ("motdepasse", Err(PasswordNeedsDigit)),
            ("mot-de-passe!", Err(PasswordNeedsDigit)),
        ];
        for (pw, want) in cases {
            assert_eq!(validate_password(pw), *want, "{pw:?}");
        }
        assert_eq!(validate_password(&"a1".repeat(64)), Ok(()));
        assert_eq!(validate_password(&"a1".repeat(65)), Err(TooLong));
    }

    #[test]
    fn checklist_table() {
        let cases = [
            ("", (false, false, false)),
            ("a", (false, true, false)),
            ("1", (false, false, true)),
            ("abcdefgh", (true, true, false)),
            ("12345678", (true, false, true)),
            ("abcdefg1", (true, true, true)),
            ("éé", (false, true, false)), // eight bytes would be a lie: four bytes, two characters
        ];
        for (pw, (long_enough, has_letter, has_digit)) in cases {
            let want = PasswordChecklist { long_enough, has_letter, has_digit };
            assert_eq!(password_checklist(pw), want, "{pw:?}");
            assert_eq!(want.all_met(), validate_password(pw).is_ok(), "{pw:?}");
        }
    }

    #[test]
    fn confirmation_is_exact() {
        assert_eq!(validate_password_confirmation("abcdefg1", "abcdefg1"), Ok(()));
        assert_eq!(validate_password_confirmation("abcdefg1", "abcdefg1 "), Err(PasswordMismatch));
        assert_eq!(validate_password_confirmation("abcdefg1", "Abcdefg1"), Err(PasswordMismatch));
        assert_eq!(validate_password_confirmation("abcdefg1", ""), Err(Required));
    }
}
