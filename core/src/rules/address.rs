//! The postal address the card (or its letter) can be sent to.
//!
//! Limits are generous on purpose: La Poste's 38-character line (NF Z10-011) is the printer's concern, and asking a
//! teenager to abbreviate "avenue du Maréchal de Lattre de Tassigny" loses more applications than it saves.

use crate::error::ErrorCode;
use crate::rules::text::{TextKind, nfc, refused_character};

/// Number and street, complement, "chez…": one address line each.
pub const ADDRESS_LINE_MAX_CHARS: usize = 100;
/// The longest commune name in France has 45 characters; room for "CEDEX" and an arrondissement.
pub const COMMUNE_MAX_CHARS: usize = 60;

/// Free text in NFC, trimmed, with inner white space collapsed. Refused: invisible characters, emoji and letters
/// with more than two accents (each named in the message, see [`crate::rules::text`]), and angle brackets, which
/// never belong in an address and would only ever be pasted by accident or malice.
pub fn normalize_text(input: &str, max_chars: usize) -> Result<String, ErrorCode> {
    // Bounds the work on whatever a client sends; white space is collapsed below, so allow some slack.
    if input.len() > max_chars * 16 {
        return Err(ErrorCode::TooLong);
    }
    let collapsed = nfc(input).split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        return Err(ErrorCode::Required);
    }
    if let Some(refused) = refused_character(&collapsed, TextKind::Address) {
        return Err(refused);
    }
    if collapsed.contains(['<', '>']) {
        return Err(ErrorCode::TextInvalidCharacters);
    }
    if collapsed.chars().count() > max_chars {
        return Err(ErrorCode::TooLong);
    }
    Ok(collapsed)
}

/// Like [`normalize_text`] for a line that may be left empty (`Ok(None)`).
pub fn normalize_optional_text(input: &str, max_chars: usize) -> Result<Option<String>, ErrorCode> {
    match normalize_text(input, max_chars) {
        Ok(s) => Ok(Some(s)),
        Err(ErrorCode::Required) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Five digits whose first two or three name a real département: 01–95 in mainland France (20 is Corsica:
/// 2A and 2B are département codes, never postal codes), 971–978 and 984–988 overseas. "63 000" is accepted
/// and stored as "63000".
pub fn normalize_postal_code(input: &str) -> Result<String, ErrorCode> {
    let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return Err(ErrorCode::Required);
    }
    if s.len() != 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ErrorCode::PostalCodeInvalid);
    }
    let dept: u32 = s[..2].parse().map_err(|_| ErrorCode::PostalCodeInvalid)?;
    let overseas: u32 = s[..3].parse().map_err(|_| ErrorCode::PostalCodeInvalid)?;
    let ok = match dept {
        1..=95 => true,
        97 => (971..=978).contains(&overseas),
        98 => (984..=988).contains(&overseas),
        _ => false,
    };
    if ok { Ok(s) } else { Err(ErrorCode::PostalCodeInvalid) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ErrorCode::*;

    #[test]
    fn postal_code_table() {
        let cases: &[(&str, Result<&str, ErrorCode>)] = &[
            ("63000", Ok("63000")),
            ("63 000", Ok("63000")),
            (" 69003 ", Ok("69003")),
            ("01000", Ok("01000")),
            ("20000", Ok("20000")), // Ajaccio
            ("20200", Ok("20200")), // Bastia
            ("95000", Ok("95000")),
            ("97400", Ok("97400")),
            ("97600", Ok("97600")),
            ("98800", Ok("98800")),
            ("", Err(Required)),
            ("6300", Err(PostalCodeInvalid)),
            ("630000", Err(PostalCodeInvalid)),
            ("2A000", Err(PostalCodeInvalid)),
            ("00100", Err(PostalCodeInvalid)),
            ("96000", Err(PostalCodeInvalid)),
            ("97000", Err(PostalCodeInvalid)),
            ("97900", Err(PostalCodeInvalid)),
            ("98000", Err(PostalCodeInvalid)), // Monaco: not France
            ("99000", Err(PostalCodeInvalid)),
            ("63-000", Err(PostalCodeInvalid)),
            ("６３０００", Err(PostalCodeInvalid)),
        ];
        for (input, want) in cases {
            let got = normalize_postal_code(input);
            assert_eq!(got.as_deref().map_err(|e| *e), *want, "{input:?}");
        }
    }

    #[test]
    fn text_table() {
        let cases: &[(&str, Result<&str, ErrorCode>)] = &[
            ("12 rue Blatin", Ok("12 rue Blatin")),
            ("  12   rue\tBlatin ", Ok("12 rue Blatin")),
            ("Bât. C, 3e étage", Ok("Bât. C, 3e étage")),
            ("Saint-Étienne", Ok("Saint-Étienne")),
            ("Saint-E\u{0301}tienne", Ok("Saint-Étienne")),
            ("L'Haÿ-les-Roses", Ok("L'Haÿ-les-Roses")),
            ("L'Hay\u{0308}-les-Roses", Ok("L'Haÿ-les-Roses")),
            ("chez Mme Nguye\u{0302}\u{0303}n", Ok("chez Mme Nguyễn")),
            ("", Err(Required)),
            ("  \n ", Err(Required)),
            ("12 rue <b>", Err(TextInvalidCharacters)),
            ("12 rue\u{0007}", Err(InvisibleCharacter('\u{0007}'))),
            ("12\u{200B}rue", Err(InvisibleCharacter('\u{200B}'))),
            ("\u{FEFF}Lyon", Err(InvisibleCharacter('\u{FEFF}'))),
            ("Lyon\u{202E}", Err(InvisibleCharacter('\u{202E}'))),
            ("12 rue 😀", Err(AddressCharacterNotAccepted('😀'))),
            ("Lyon 🏠", Err(AddressCharacterNotAccepted('🏠'))),
            ("Lyo\u{0336}\u{0337}\u{0338}n", Err(TooManyAccents('o'))),
        ];
        for (input, want) in cases {
            let got = normalize_text(input, 20);
            assert_eq!(got.as_deref().map_err(|e| *e), *want, "{input:?}");
        }
        assert_eq!(normalize_text(&"é".repeat(21), 20), Err(TooLong));
        // The limit counts what is stored: 20 letters typed decomposed fit.
        assert_eq!(normalize_text(&"e\u{0301}".repeat(20), 20), Ok("é".repeat(20)));
        assert_eq!(normalize_text(&" ".repeat(321), 20), Err(TooLong));
        assert_eq!(normalize_optional_text("  ", 20), Ok(None));
        assert_eq!(normalize_optional_text(" Résidence A ", 20), Ok(Some("Résidence A".into())));
        assert_eq!(normalize_optional_text("<", 20), Err(TextInvalidCharacters));
        assert_eq!(normalize_optional_text("\u{200B}", 20), Err(InvisibleCharacter('\u{200B}')));
    }
}
