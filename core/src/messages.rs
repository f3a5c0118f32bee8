//! The translated error messages, `locales/<lang>/errors.json`, built into the crate.
//!
//! Compiling them in means the server needs no path at run time and a test can prove every [`ErrorCode`] has a
//! message in every language.

use crate::error::ErrorCode;

/// Languages with an errors file; the first is the default.
pub const LANGUAGES: &[&str] = &["fr", "en"];

pub const ERRORS_FR_JSON: &str = include_str!("../../locales/fr/errors.json");
pub const ERRORS_EN_JSON: &str = include_str!("../../locales/en/errors.json");

/// The raw errors file of a language (French for any language we do not have).
pub fn errors_json(lang: &str) -> &'static str {
    match lang {
        "en" => ERRORS_EN_JSON,
        _ => ERRORS_FR_JSON,
    }
}

/// The message of one code in a language, with the character it names filled in (see [`fill`]); parsed on
/// demand (the server caches the templates); `None` only if the file lacks it, which the tests rule out.
pub fn error_message(lang: &str, code: ErrorCode) -> Option<String> {
    error_template(lang, code.as_str()).map(|t| fill(&t, code))
}

/// The message of a wire code as written in the errors file, placeholders and all.
pub fn error_template(lang: &str, code: &str) -> Option<String> {
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(errors_json(lang)).ok()?;
    map.get(code)?.as_str().map(str::to_string)
}

/// A message template with the refused character of `code` filled in: `{character}` is the character itself
/// (for what can be shown: "😀"), `{code_point}` its number (for what cannot: "U+200B"). Templates of codes
/// that name no character are returned as they are. App and server both fill their templates with this, so
/// the two cannot word the character differently.
pub fn fill(template: &str, code: ErrorCode) -> String {
    match code.character() {
        Some(c) => {
            template.replace("{character}", &c.to_string()).replace("{code_point}", &crate::rules::text::code_point(c))
        }
        None => template.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_code_has_a_message_in_every_language_and_no_extra_keys() {
        let wanted: BTreeSet<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        for (lang, json) in [("fr", ERRORS_FR_JSON), ("en", ERRORS_EN_JSON)] {
            let map: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(json).unwrap_or_else(|e| panic!("{lang}: invalid JSON: {e}"));
            for code in &wanted {
                let msg = map.get(*code).and_then(|v| v.as_str()).unwrap_or_default();
                assert!(!msg.trim().is_empty(), "{lang}: no message for {code}");
                assert!(msg.trim_end().ends_with(['.', '!', '?']), "{lang}.{code}: end with punctuation");
            }
            let extra: Vec<&String> = map.keys().filter(|k| !wanted.contains(k.as_str())).collect();
            assert!(extra.is_empty(), "{lang}: keys without an ErrorCode: {extra:?}");
        }
    }

    /// Codes that name a character say it (the visible ones) or give its code point (the invisible ones), in
    /// every language; the others have no placeholder left to fill.
    #[test]
    fn character_codes_name_the_character_in_every_language() {
        let cases: &[(ErrorCode, &[&str], &[&str])] = &[
            (
                ErrorCode::AddressCharacterNotAccepted('😀'),
                &["Le caractère « 😀 » n'est pas accepté dans une adresse."],
                &["“😀”", "address"],
            ),
            (
                ErrorCode::NameCharacterNotAccepted('👍'),
                &["Le caractère « 👍 » n'est pas accepté dans un nom."],
                &["“👍”", "name"],
            ),
            (
                ErrorCode::InvisibleCharacter('\u{200B}'),
                &["un caractère invisible (U+200B)"],
                &["an invisible character (U+200B)"],
            ),
            (ErrorCode::TooManyAccents('e'), &["« e »", "deux accents au plus"], &["“e”", "two accents at most"]),
        ];
        for (code, fr, en) in cases {
            for (lang, wanted) in [("fr", fr), ("en", en)] {
                let msg = error_message(lang, *code).unwrap();
                for w in *wanted {
                    assert!(msg.contains(w), "{lang} {code}: {msg:?} lacks {w:?}");
                }
                assert!(!msg.contains('{'), "{lang} {code}: unfilled {msg:?}");
            }
        }
        for &code in ErrorCode::ALL {
            for lang in LANGUAGES {
                let template = error_template(lang, code.as_str()).unwrap();
                let has_placeholder = template.contains("{character}") || template.contains("{code_point}");
                assert_eq!(has_placeholder, code.character().is_some(), "{lang}.{code}");
            }
        }
    }

    #[test]
    fn lookup_falls_back_to_french() {
        let fr = error_message("fr", ErrorCode::Required).unwrap();
        assert_eq!(error_message("de", ErrorCode::Required).unwrap(), fr);
        assert_ne!(error_message("en", ErrorCode::Required).unwrap(), fr);
    }

    /// The Région speaks to young people with "tu": no "vous" may slip into the French messages.
    #[test]
    fn french_messages_say_tu() {
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(ERRORS_FR_JSON).unwrap();
        for (code, msg) in &map {
            let words: Vec<String> =
                msg.as_str().unwrap().split(|c: char| !c.is_alphabetic()).map(str::to_lowercase).collect();
            for formal in ["vous", "votre", "vos"] {
                assert!(!words.iter().any(|w| w == formal), "{code}: {msg}");
            }
        }
    }
}
