//! Text hygiene shared by every free-text field (names, address lines, commune): one Unicode form, and the
//! characters that never belong on an ID card or an envelope.
//!
//! - **NFC.** "é" arrives as one character from most keyboards but as "e" + U+0301 from some (macOS file names,
//!   copy and paste from PDFs). Stored as typed, the same name would compare, sort, count and print differently
//!   depending on the device; so every text field is put in Normalisation Form C before it is checked.
//! - **Invisible characters** (zero-width spaces and joiners, direction marks and overrides, the byte-order mark,
//!   control characters, Hangul fillers…) come with copy and paste and would reach the Région's files and the
//!   printer unseen — or, for direction overrides, make a name display backwards. They are refused, named by code
//!   point since they cannot be shown.
//! - **Emoji** never appear on an ID document nor in a postal address, and the card printer has no glyph for them.
//! - **More than two accents on one letter**: no language needs a third (Vietnamese stacks two, "ệ"); piles of
//!   combining marks ("Zalgo" text) are how a field is made to overflow its neighbours on screen.
//!
//! Each refusal carries the offending character (see [`ErrorCode::character`]) so that the message can name it.

use std::borrow::Cow;

use crate::error::ErrorCode;

/// Most combining accents one letter may carry.
pub const MAX_MARKS_PER_LETTER: usize = 2;

/// What the text is, which decides the message of a refused character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    Name,
    Address,
}

/// The text in Unicode Normalisation Form C.
///
/// The server (and native tests) use the `unicode-normalization` tables. The app, compiled to wasm, asks the
/// browser's `String.prototype.normalize` instead: the tables would add 62 KB gzip to a first page that is already
/// over its 150 KB target. Measured on the app's release wasm after wasm-bindgen and wasm-opt -Oz, gzip -9:
/// 386,478 bytes before this module, 448,753 with the tables (121 KB more before compression, mostly data), and
/// 387,970 with the browser's function and the rest of this module. Both follow the Unicode standard; they could
/// only differ on characters assigned after the older of the two Unicode versions, none of which is a letter of
/// a French ID document.
pub fn nfc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    imp::nfc(s)
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::borrow::Cow;
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

    pub fn nfc(s: &str) -> Cow<'_, str> {
        if is_nfc_quick(s.chars()) == IsNormalized::Yes { Cow::Borrowed(s) } else { Cow::Owned(s.nfc().collect()) }
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::borrow::Cow;

    pub fn nfc(s: &str) -> Cow<'_, str> {
        let normalized = String::from(js_sys::JsString::from(s).normalize("NFC"));
        if normalized == s { Cow::Borrowed(s) } else { Cow::Owned(normalized) }
    }
}

/// Combining accents, as typed on systems that send decomposed text (e + U+0301 for é). Limited to the blocks
/// Latin, Greek and Cyrillic names use, and the ones piled up to garble text.
pub fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// A character that shows nothing: control characters, and Unicode's default-ignorable code points (zero-width
/// space U+200B, joiners U+200C–U+200D, direction marks U+200E–U+200F, embeddings and overrides U+202A–U+202E,
/// word joiner and invisible operators U+2060–U+2064, isolates U+2066–U+2069, byte-order mark U+FEFF, variation
/// selectors, soft hyphen, Hangul fillers, tags…) plus the interlinear annotation marks U+FFF9–U+FFFB.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c as u32,
            0x00AD
                | 0x034F
                | 0x061C
                | 0x115F..=0x1160
                | 0x17B4..=0x17B5
                | 0x180B..=0x180F
                | 0x200B..=0x200F
                | 0x202A..=0x202E
                | 0x2060..=0x206F
                | 0x3164
                | 0xFE00..=0xFE0F
                | 0xFEFF
                | 0xFFA0
                | 0xFFF0..=0xFFFB
                | 0x1BCA0..=0x1BCA3
                | 0x1D173..=0x1D17A
                | 0xE0000..=0xE0FFF
        )
}

/// Emoji and pictographs: the emoji blocks (faces, people, animals, objects, flags' regional indicators, skin
/// tones…), the miscellaneous symbols and dingbats (☀ ☎ ♥ ✂ ❤), and the few older symbols phones offer as emoji
/// (⌚ ⏰ ⭐ ⭕ 〰). Ordinary typography (© ® ™ € § °) is not in it.
pub fn is_emoji(c: char) -> bool {
    matches!(
        c as u32,
        0x1F000..=0x1FAFF
            | 0x2600..=0x27BF
            | 0x231A..=0x231B
            | 0x2328
            | 0x23CF
            | 0x23E9..=0x23F3
            | 0x23F8..=0x23FA
            | 0x2934..=0x2935
            | 0x2B05..=0x2B07
            | 0x2B1B..=0x2B1C
            | 0x2B50
            | 0x2B55
            | 0x3030
            | 0x303D
            | 0x3297
            | 0x3299
            | 0x20E3
    )
}

/// The first character of `s` that no name or address may hold, as the code that names it: an invisible
/// character, an emoji, or a letter with more than [`MAX_MARKS_PER_LETTER`] accents. Expects NFC text (see
/// [`nfc`]), where accents that have a precomposed letter are already folded into it and do not count.
pub fn refused_character(s: &str, kind: TextKind) -> Option<ErrorCode> {
    let mut base = None;
    let mut marks = 0;
    for c in s.chars() {
        if is_invisible(c) {
            return Some(ErrorCode::InvisibleCharacter(c));
        }
        if is_emoji(c) {
            return Some(match kind {
                TextKind::Name => ErrorCode::NameCharacterNotAccepted(c),
                TextKind::Address => ErrorCode::AddressCharacterNotAccepted(c),
            });
        }
        if is_combining_mark(c) {
            marks += 1;
            if marks > MAX_MARKS_PER_LETTER {
                return Some(ErrorCode::TooManyAccents(base.unwrap_or(c)));
            }
        } else {
            base = Some(c);
            marks = 0;
        }
    }
    None
}

/// "U+200B": how a character that cannot be shown is named in a message.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ErrorCode::*;

    #[test]
    fn nfc_composes_and_leaves_composed_text_alone() {
        let cases: &[(&str, &str)] = &[
            ("Nguye\u{0302}\u{0303}n", "Nguyễn"),
            ("Nguye\u{0323}\u{0302}n", "Nguyện"),
            // Canonical order: the dot below (class 220) goes before the circumflex (230) whatever the typing order.
            ("Nguye\u{0302}\u{0323}n", "Nguyện"),
            ("Se\u{0301}gole\u{0300}ne", "Ségolène"),
            ("L'Hay\u{0308}-les-Roses", "L'Haÿ-les-Roses"),
            ("G\u{0306}u\u{0308}l", "Ğül"),
            ("Łukasz", "Łukasz"),
            ("Øyvind", "Øyvind"),
            ("Dupont", "Dupont"),
            // No precomposed form: the accent stays combining.
            ("q\u{0301}", "q\u{0301}"),
        ];
        for (input, want) in cases {
            assert_eq!(nfc(input), *want, "{input:?}");
        }
        assert!(matches!(nfc("Éloïse"), Cow::Borrowed(_)));
    }

    #[test]
    fn refused_character_table() {
        use TextKind::*;
        let cases: &[(&str, TextKind, Option<ErrorCode>)] = &[
            ("Nguyễn", Name, None),
            ("Nguyện", Name, None),
            // Two accents with no precomposed letter: still fine.
            ("q\u{0301}\u{0308}", Name, None),
            ("12 rue de l'Église", Address, None),
            ("Résidence Les Œillets, bât. B", Address, None),
            ("3 € de frais, n° 5 © ™", Address, None),
            ("Jean\u{200B}", Name, Some(InvisibleCharacter('\u{200B}'))),
            ("\u{FEFF}12 rue Blatin", Address, Some(InvisibleCharacter('\u{FEFF}'))),
            ("Ali\u{202E}ecilA", Name, Some(InvisibleCharacter('\u{202E}'))),
            ("Ma\u{2066}rie", Name, Some(InvisibleCharacter('\u{2066}'))),
            ("Jo\u{2060}ël", Name, Some(InvisibleCharacter('\u{2060}'))),
            ("Léa\u{200D}", Name, Some(InvisibleCharacter('\u{200D}'))),
            ("rue\u{0007}", Address, Some(InvisibleCharacter('\u{0007}'))),
            ("rue\u{0000}", Address, Some(InvisibleCharacter('\u{0000}'))),
            ("rue\u{009B}", Address, Some(InvisibleCharacter('\u{009B}'))),
            ("\u{3164}", Name, Some(InvisibleCharacter('\u{3164}'))),
            ("Jean 😀", Name, Some(NameCharacterNotAccepted('😀'))),
            ("12 rue 😀", Address, Some(AddressCharacterNotAccepted('😀'))),
            ("Lyon ❤\u{FE0F}", Address, Some(AddressCharacterNotAccepted('❤'))),
            ("Paris 🇫🇷", Address, Some(AddressCharacterNotAccepted('🇫'))),
            ("Léo 👍🏽", Name, Some(NameCharacterNotAccepted('👍'))),
            ("Chez ⭐", Address, Some(AddressCharacterNotAccepted('⭐'))),
            // An invisible joiner inside an emoji sequence: the first refused character is reported.
            ("Zoé 👩\u{200D}💻", Name, Some(NameCharacterNotAccepted('👩'))),
            ("x\u{0301}\u{0302}\u{0303}", Name, Some(TooManyAccents('x'))),
            ("Ze\u{0351}\u{0352}\u{0353}\u{0354}lgo", Address, Some(TooManyAccents('e'))),
            // Three marks on a letter that absorbs none in NFC (ệ composes two of them away, then one is left).
            ("Nguyệ\u{0301}\u{0301}\u{0301}n", Name, Some(TooManyAccents('ệ'))),
        ];
        for (input, kind, want) in cases {
            assert_eq!(refused_character(&nfc(input), *kind), *want, "{input:?}");
        }
    }

    #[test]
    fn code_points_are_written_the_unicode_way() {
        for (c, want) in [('\u{200B}', "U+200B"), ('\u{7}', "U+0007"), ('\u{E0041}', "U+E0041")] {
            assert_eq!(code_point(c), want);
        }
    }
}
