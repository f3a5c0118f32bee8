//! Last and first names, as written on the identity document.
//!
//! The card and the Région's files must match the ID document, so the rule accepts every alphabet's letters with
//! their accents (Éloïse, Nguyễn, Ğül) and the three separators French civil status uses: space, hyphen,
//! apostrophe (N'Diaye, Saint-Exupéry, De La Fontaine). Phones and word processors type look-alikes (’ ‘ ʼ ‐ – and
//! non-breaking spaces): these are folded to the plain characters rather than refused, because the person typed the
//! right thing. Digits and symbols never appear on a French ID document and are refused.

use crate::error::ErrorCode;
use crate::rules::text::{TextKind, is_combining_mark, nfc, refused_character};

/// Longest name accepted, in characters. Civil-status names rarely pass 40; the card prints far fewer.
pub const NAME_MAX_CHARS: usize = 50;

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BB}' | '`' | '\u{00B4}' | '\u{2032}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' | '\u{00AD}')
}

/// The normalised name, or why it cannot be one.
///
/// Normalising: puts the text in NFC (see [`crate::rules::text`]), trims, folds typographic apostrophes to `'`
/// and dash look-alikes to `-`, collapses runs of white space to one space and drops spaces next to a hyphen or
/// apostrophe ("Saint - Exupéry" → "Saint-Exupéry"). The case is kept as typed: "De La Fontaine" and
/// "de La Fontaine" are different names on an ID document.
///
/// Invisible characters, emoji and over-accented letters are refused first, with the character named; then
/// anything else that is not a letter, space, hyphen or apostrophe.
pub fn normalize_name(input: &str) -> Result<String, ErrorCode> {
    // Bounds the work on whatever a client sends; white space is collapsed below, so allow some slack.
    if input.len() > NAME_MAX_CHARS * 16 {
        return Err(ErrorCode::TooLong);
    }
    let input = nfc(input);
    let mut out = String::with_capacity(input.len());
    for c in input.trim().chars() {
        let c = if is_apostrophe(c) {
            '\''
        } else if is_hyphen(c) {
            '-'
        } else if c.is_whitespace() {
            ' '
        } else {
            c
        };
        let prev = out.chars().last();
        match c {
            ' ' if matches!(prev, Some(' ' | '-' | '\'')) => continue,
            '-' | '\'' if prev == Some(' ') => {
                out.pop();
            }
            _ => {}
        }
        out.push(c);
    }
    if out.is_empty() {
        return Err(ErrorCode::Required);
    }
    if let Some(refused) = refused_character(&out, TextKind::Name) {
        return Err(refused);
    }

    // Accents may stack (Vietnamese "ệ" decomposes into e + dot below + circumflex): a mark is fine as long as
    // the last character that was not a mark is a letter.
    let mut after_letter = false;
    for c in out.chars() {
        if is_combining_mark(c) {
            if !after_letter {
                return Err(ErrorCode::NameInvalidCharacters);
            }
            continue;
        }
        if !(c.is_alphabetic() || matches!(c, ' ' | '-' | '\'')) {
            return Err(ErrorCode::NameInvalidCharacters);
        }
        after_letter = c.is_alphabetic();
    }

    let separators = |c: char| matches!(c, ' ' | '-' | '\'');
    let first = out.chars().next().is_some_and(separators);
    let last = out.chars().last().is_some_and(separators);
    let doubled = out.chars().zip(out.chars().skip(1)).any(|(a, b)| separators(a) && separators(b));
    if first || last || doubled {
        return Err(ErrorCode::NameMisplacedPunctuation);
    }
    if out.chars().count() > NAME_MAX_CHARS {
        return Err(ErrorCode::TooLong);
    }
    Ok(out)
}

/// The last name in capitals, as French forms and cards print it: accents are kept ("Élodie Lefèvre" →
/// "LEFÈVRE"), because dropping them changes the name; Unicode upper-casing handles every script.
pub fn display_last_name(name: &str) -> String {
    name.to_uppercase()
}

/// The name as the card prints it: last name in capitals, then the first name ("LEFÈVRE Élodie"). Every mock of
/// the card (photo step, review) uses this, so they cannot disagree.
pub fn card_name(first_name: &str, last_name: &str) -> String {
    let (first, last) = (first_name.trim(), last_name.trim());
    match (first.is_empty(), last.is_empty()) {
        (_, true) => first.to_string(),
        (true, false) => display_last_name(last),
        (false, false) => format!("{} {first}", display_last_name(last)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ErrorCode::*;

    #[test]
    fn the_card_prints_the_last_name_first_in_capitals() {
        for (first, last, printed) in [
            ("Élodie", "Lefèvre", "LEFÈVRE Élodie"),
            (" Jean-Luc ", " N'Diaye ", "N'DIAYE Jean-Luc"),
            ("", "Martin", "MARTIN"),
            ("Léa", "  ", "Léa"),
            ("", "", ""),
        ] {
            assert_eq!(card_name(first, last), printed);
        }
    }

    #[test]
    fn normalize_name_table() {
        let cases: &[(&str, Result<&str, ErrorCode>)] = &[
            ("Dupont", Ok("Dupont")),
            ("  Dupont  ", Ok("Dupont")),
            ("N'Diaye", Ok("N'Diaye")),
            ("N\u{2019}Diaye", Ok("N'Diaye")),
            ("O’Brien", Ok("O'Brien")),
            ("Éloïse", Ok("Éloïse")),
            ("E\u{0301}loi\u{0308}se", Ok("Éloïse")),
            ("Ségolène", Ok("Ségolène")),
            ("Se\u{0301}gole\u{0300}ne", Ok("Ségolène")),
            ("Saint-Exupéry", Ok("Saint-Exupéry")),
            ("Saint – Exupéry", Ok("Saint-Exupéry")),
            ("Saint\u{2011}Exupéry", Ok("Saint-Exupéry")),
            ("Nguyễn", Ok("Nguyễn")),
            // Decomposed, as some phones and PDFs give it: stored precomposed, the same bytes as above.
            ("Nguye\u{0302}\u{0303}n", Ok("Nguyễn")),
            ("Nguye\u{0323}\u{0302}n", Ok("Nguyện")),
            ("Marie-Ève", Ok("Marie-Ève")),
            ("De La Fontaine", Ok("De La Fontaine")),
            ("De   La\tFontaine", Ok("De La Fontaine")),
            ("De\u{00A0}La Fontaine", Ok("De La Fontaine")),
            ("Jose\u{0301}", Ok("José")),
            ("Jean-\u{0301}Pierre", Err(NameInvalidCharacters)),
            ("Ğül Çelik", Ok("Ğül Çelik")),
            ("G\u{0306}u\u{0308}l", Ok("Ğül")),
            ("Łukasz", Ok("Łukasz")),
            ("Øyvind", Ok("Øyvind")),
            ("Ŀuís", Ok("Ŀuís")),
            ("", Err(Required)),
            ("   ", Err(Required)),
            ("Dupont2", Err(NameInvalidCharacters)),
            ("Jean_Pierre", Err(NameInvalidCharacters)),
            ("Dupont!", Err(NameInvalidCharacters)),
            ("Jean.Pierre", Err(NameInvalidCharacters)),
            ("<script>", Err(NameInvalidCharacters)),
            ("\u{0301}Jose", Err(NameInvalidCharacters)),
            ("Jean 😀", Err(NameCharacterNotAccepted('😀'))),
            ("Dupont2😀", Err(NameCharacterNotAccepted('😀'))),
            ("Jean\u{200B}", Err(InvisibleCharacter('\u{200B}'))),
            ("\u{FEFF}Dupont", Err(InvisibleCharacter('\u{FEFF}'))),
            ("N\u{200E}'Diaye", Err(InvisibleCharacter('\u{200E}'))),
            ("Dupont\u{0007}", Err(InvisibleCharacter('\u{0007}'))),
            ("Léa\u{2069}", Err(InvisibleCharacter('\u{2069}'))),
            ("Zo\u{0351}\u{0352}\u{0353}é", Err(TooManyAccents('o'))),
            ("-Jean", Err(NameMisplacedPunctuation)),
            ("Jean-", Err(NameMisplacedPunctuation)),
            ("'Jean", Err(NameMisplacedPunctuation)),
            ("Jean--Pierre", Err(NameMisplacedPunctuation)),
            ("N''Diaye", Err(NameMisplacedPunctuation)),
            ("N'-Diaye", Err(NameMisplacedPunctuation)),
            ("-", Err(NameMisplacedPunctuation)),
        ];
        for (input, want) in cases {
            let got = normalize_name(input);
            assert_eq!(got.as_deref().map_err(|e| *e), *want, "{input:?}");
        }
    }

    /// What the app and the server store is the same whatever the keyboard: decomposed input, once normalised,
    /// is byte for byte the precomposed one, and normalising again changes nothing.
    #[test]
    fn normalised_names_are_nfc_and_stable() {
        for (decomposed, composed) in
            [("Nguye\u{0302}\u{0303}n", "Nguyễn"), ("E\u{0301}loi\u{0308}se", "Éloïse"), ("G\u{0306}u\u{0308}l", "Ğül")]
        {
            let a = normalize_name(decomposed).unwrap();
            let b = normalize_name(composed).unwrap();
            assert_eq!(a.as_bytes(), b.as_bytes());
            assert_eq!(normalize_name(&a).unwrap(), a);
        }
        // 50 letters typed decomposed are 100 characters before NFC: the limit applies to what is stored.
        let decomposed = "e\u{0301}".repeat(NAME_MAX_CHARS);
        assert_eq!(normalize_name(&decomposed).unwrap(), "é".repeat(NAME_MAX_CHARS));
    }

    #[test]
    fn length_limit_counts_characters_not_bytes() {
        let fifty_accented = "é".repeat(NAME_MAX_CHARS);
        assert_eq!(normalize_name(&fifty_accented).as_deref(), Ok(fifty_accented.as_str()));
        assert_eq!(normalize_name(&"é".repeat(NAME_MAX_CHARS + 1)), Err(TooLong));
    }

    #[test]
    fn display_last_name_keeps_accents() {
        for (name, shown) in [
            ("Lefèvre", "LEFÈVRE"),
            ("de la Fontaine", "DE LA FONTAINE"),
            ("N'Diaye", "N'DIAYE"),
            ("Nguyễn", "NGUYỄN"),
            ("Öçal-Ëlie", "ÖÇAL-ËLIE"),
        ] {
            assert_eq!(display_last_name(name), shown);
        }
    }
}
