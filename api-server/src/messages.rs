//! Field error messages: those of `passregion-core` (`locales/<lang>/errors.json`) for its codes, and a few the
//! server alone can produce.

use crate::lang::Lang;
use passregion_core::ErrorCode;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Codes only the server produces, with their French and English messages.
const SERVER_ONLY: &[(&str, &str, &str)] = &[
    (
        crate::photo_check::PHOTO_TOO_MANY_PIXELS,
        "Ta photo a beaucoup trop de pixels (24 mégapixels et 8000 pixels de côté au plus). Choisis une photo d'appareil ordinaire.",
        "Your photo has far too many pixels (24 megapixels and 8000 pixels on a side at most). Choose an ordinary camera photo.",
    ),
    (
        "password_wrong",
        "Ce n'est pas ton mot de passe actuel. Après 5 erreurs, ton compte est bloqué 15 minutes.",
        "This is not your current password. After 5 mistakes, your account is locked for 15 minutes.",
    ),
    (
        "code_not_four_digits",
        "Ton code secret doit faire exactement 4 chiffres.",
        "Your secret code must be exactly 4 digits.",
    ),
    (
        "code_too_common",
        "Ce code fait partie des 20 que les gens choisissent le plus : c'est le premier qu'essaierait un voleur. Choisis-en un autre.",
        "This code is one of the 20 people choose most: a thief would try it first. Choose another.",
    ),
    (
        "code_same_digit",
        "Quatre fois le même chiffre se devine trop facilement. Choisis un code plus varié.",
        "The same digit four times is too easy to guess. Choose a more varied code.",
    ),
    (
        "code_sequence",
        "Des chiffres qui se suivent (comme 1234 ou 9876) se devinent trop facilement.",
        "Digits that follow each other (like 1234 or 9876) are too easy to guess.",
    ),
    (
        "code_birth_date",
        "Ce code reprend ta date de naissance, qui figure sur tes papiers : quelqu'un qui trouve ta carte peut la connaître.",
        "This code is your birth date, which is on your papers: someone who finds your card may know it.",
    ),
    (
        "code_year",
        "L'année en cours et ses voisines sont les premiers codes essayés, même si ton établissement t'a conseillé de les prendre. Choisis un code à toi.",
        "This year and the years around it are the first codes tried, even if your school suggested them. Choose a code of your own.",
    ),
    ("code_mismatch", "Les deux codes ne sont pas les mêmes.", "The two codes do not match."),
    ("invalid_number", "Indique un nombre entier à partir de 1.", "Enter a whole number from 1."),
    ("lang_unsupported", "Langue disponible : fr ou en.", "Available languages: fr or en."),
];

fn core_messages(lang: Lang) -> &'static HashMap<String, String> {
    static FR: OnceLock<HashMap<String, String>> = OnceLock::new();
    static EN: OnceLock<HashMap<String, String>> = OnceLock::new();
    let cell = if lang == Lang::En { &EN } else { &FR };
    cell.get_or_init(|| {
        ErrorCode::ALL
            .iter()
            .filter_map(|c| {
                passregion_core::messages::error_template(lang.code(), c.as_str()).map(|m| (c.as_str().to_string(), m))
            })
            .collect()
    })
}

/// How a field issue is kept in an [`crate::problem::ApiError`] until the request's language is known: the wire
/// code, and for a code that names a character, `#` and its code point in hex ("invisible_character#200B"), so
/// the message can name it. [`wire_code`] gives back the code for the wire, [`field_message`] the message.
pub fn issue_key(code: ErrorCode) -> String {
    match code.character() {
        Some(c) => format!("{}#{:X}", code.as_str(), u32::from(c)),
        None => code.as_str().to_string(),
    }
}

/// The code sent in `FieldError::code` for an issue key: the bare code, never the character.
pub fn wire_code(key: &str) -> &str {
    key.split_once('#').map_or(key, |(code, _)| code)
}

/// The character an issue key carries, if any.
fn key_character(key: &str) -> Option<char> {
    let (_, hex) = key.split_once('#')?;
    char::from_u32(u32::from_str_radix(hex, 16).ok()?)
}

/// The message of an issue key (see [`issue_key`]) or of a bare code, with its character filled in.
pub fn field_message(key: &str, lang: Lang) -> String {
    let code = wire_code(key);
    match (ErrorCode::from_code(code), key_character(key)) {
        (Some(core), Some(c)) => passregion_core::messages::fill(&template(code, lang), core.with_character(c)),
        // A character code without its character (a caller that kept only `as_str`): the general message of its
        // family rather than a placeholder or a wrong character.
        (Some(ErrorCode::NameCharacterNotAccepted(_)), None) => {
            template(ErrorCode::NameInvalidCharacters.as_str(), lang)
        }
        (Some(core), None) if core.character().is_some() => template(ErrorCode::TextInvalidCharacters.as_str(), lang),
        _ => template(code, lang),
    }
}

fn template(code: &str, lang: Lang) -> String {
    if let Some(m) = core_messages(lang).get(code) {
        return m.clone();
    }
    if let Some((_, fr, en)) = SERVER_ONLY.iter().find(|(c, _, _)| *c == code) {
        return if lang == Lang::En { en } else { fr }.to_string();
    }
    match lang {
        Lang::Fr => "Cette valeur n'est pas acceptée.".into(),
        Lang::En => "This value is not accepted.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_in_both_languages() {
        let fr = field_message("photo_too_large", Lang::Fr);
        let en = field_message("photo_too_large", Lang::En);
        assert!(!fr.is_empty() && !en.is_empty() && fr != en);
        assert_ne!(field_message("photo_too_many_pixels", Lang::Fr), field_message("photo_too_many_pixels", Lang::En));
    }

    /// The refused character survives the trip through the issue key to the message, in both languages, and never
    /// reaches the wire code.
    #[test]
    fn issue_keys_carry_the_character_to_the_message() {
        let cases: &[(ErrorCode, &str, &str, &str)] = &[
            (
                ErrorCode::AddressCharacterNotAccepted('😀'),
                "address_character_not_accepted",
                "Le caractère « 😀 » n'est pas accepté dans une adresse.",
                "The character “😀” is not accepted in an address.",
            ),
            (ErrorCode::InvisibleCharacter('\u{200B}'), "invisible_character", "(U+200B)", "(U+200B)"),
            (ErrorCode::InvisibleCharacter('\u{E0041}'), "invisible_character", "(U+E0041)", "(U+E0041)"),
            (ErrorCode::NameCharacterNotAccepted('👍'), "name_character_not_accepted", "« 👍 »", "“👍”"),
            (ErrorCode::TooManyAccents('e'), "too_many_accents", "« e »", "“e”"),
            (ErrorCode::Required, "required", "Ce champ est à remplir", "Please fill in this field"),
        ];
        for (code, wire, fr, en) in cases {
            let key = issue_key(*code);
            assert_eq!(wire_code(&key), *wire, "{key}");
            let (msg_fr, msg_en) = (field_message(&key, Lang::Fr), field_message(&key, Lang::En));
            assert!(msg_fr.contains(fr), "{key}: {msg_fr}");
            assert!(msg_en.contains(en), "{key}: {msg_en}");
            assert!(!msg_fr.contains('{') && !msg_en.contains('{'), "{key}: unfilled placeholder");
        }
        // A bare character code (a caller that kept only the code) gets its family's general message.
        assert_eq!(field_message("invisible_character", Lang::Fr), field_message("text_invalid_characters", Lang::Fr));
        assert_eq!(
            field_message("name_character_not_accepted", Lang::En),
            field_message("name_invalid_characters", Lang::En)
        );
        assert_eq!(wire_code("photo_too_large"), "photo_too_large");
    }
}
