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
        "Ta photo a beaucoup trop de pixels (6000 × 8000 au plus). Choisis une photo d'appareil ordinaire.",
        "Your photo has far too many pixels (6000 × 8000 at most). Choose an ordinary camera photo.",
    ),
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
            .filter_map(|c| passregion_core::messages::error_message(lang.code(), *c).map(|m| (c.as_str().to_string(), m)))
            .collect()
    })
}

pub fn field_message(code: &str, lang: Lang) -> String {
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
}
