//! French phone numbers, stored in E.164 ("+33612345678") and shown the French way ("06 12 34 56 78").
//!
//! People type numbers every which way: with spaces, dots or dashes, with +33 or 0033, with the "(0)" of business
//! cards, or "+33 06…" mixing both. All of these mean the same line, so they are accepted and stored once, in the
//! international form the Région's SMS gateway needs. The overseas departments have their own country codes
//! (+262, +590, +594, +596) although their numbers are dialled "0692…" from within France: the national
//! prefix tells which, per ARCEP's numbering plan.

use crate::error::ErrorCode;

/// National prefixes (after the leading 0) that belong to an overseas department, with its country code.
const OVERSEAS: &[(&str, &str)] = &[
    ("262", "262"), // Réunion, fixed
    ("263", "262"), // Réunion, fixed
    ("269", "262"), // Mayotte, fixed
    ("639", "262"), // Mayotte, mobile
    ("692", "262"), // Réunion, mobile
    ("693", "262"), // Réunion, mobile
    ("590", "590"), // Guadeloupe, Saint-Martin, Saint-Barthélemy, fixed
    ("690", "590"), // mobile
    ("691", "590"), // mobile
    ("594", "594"), // Guyane, fixed
    ("694", "594"), // mobile
    ("596", "596"), // Martinique, fixed
    ("696", "596"), // mobile
    ("697", "596"), // mobile
];

const OVERSEAS_MOBILE: &[&str] = &["639", "690", "691", "692", "693", "694", "696", "697"];

/// Digits of the number with the country code sorted out, or `None` if it is not a French number.
/// Returns (country code, 9-digit national significant number).
fn split_french(input: &str) -> Option<(&'static str, String)> {
    let mut s: String =
        input.chars().filter(|c| !(c.is_whitespace() || matches!(c, '.' | '-' | '/' | '\u{2011}'))).collect();
    for intl in ["+33(0)", "0033(0)"] {
        if let Some(rest) = s.strip_prefix(intl) {
            s = format!("+33{rest}");
        }
    }
    let (explicit_cc, rest): (Option<&'static str>, &str) = if let Some(r) = s.strip_prefix('+') {
        let cc = ["33", "262", "590", "594", "596"].into_iter().find(|cc| r.starts_with(cc))?;
        (Some(cc), &r[cc.len()..])
    } else if let Some(r) = s.strip_prefix("00") {
        let cc = ["33", "262", "590", "594", "596"].into_iter().find(|cc| r.starts_with(cc))?;
        (Some(cc), &r[cc.len()..])
    } else {
        (None, s.as_str())
    };
    if !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let nsn = match (explicit_cc, rest.len()) {
        (None, 10) if rest.starts_with('0') => &rest[1..],
        (Some(_), 10) if rest.starts_with('0') => &rest[1..], // "+33 06 12…"
        (Some(_), 9) => rest,
        _ => return None,
    };
    if nsn.starts_with('0') {
        return None;
    }
    let overseas = OVERSEAS.iter().find(|(prefix, _)| nsn.starts_with(prefix)).map(|(_, cc)| *cc);
    let cc = match (explicit_cc, overseas) {
        (None | Some("33"), None) => "33",
        (None | Some("33"), Some(cc)) => cc,
        (Some(given), Some(cc)) if given == cc => cc,
        _ => return None, // e.g. "+262 6 12…": not a Réunion number
    };
    Some((cc, nsn.to_string()))
}

/// Any French number (metropolitan or overseas department) in E.164.
pub fn normalize_phone(input: &str) -> Result<String, ErrorCode> {
    if input.trim().is_empty() {
        return Err(ErrorCode::Required);
    }
    let (cc, nsn) = split_french(input).ok_or(ErrorCode::PhoneInvalid)?;
    Ok(format!("+{cc}{nsn}"))
}

/// Whether an E.164 number (as returned by [`normalize_phone`]) is a mobile: 06 and 07 in mainland France, the
/// overseas mobile ranges elsewhere. Texts can only reach these.
pub fn is_mobile(e164: &str) -> bool {
    match split_french(e164) {
        Some(("33", nsn)) => nsn.starts_with('6') || nsn.starts_with('7'),
        Some((_, nsn)) => OVERSEAS_MOBILE.iter().any(|p| nsn.starts_with(p)),
        None => false,
    }
}

/// A French mobile number in E.164: the student's own phone, which receives texts.
pub fn normalize_mobile(input: &str) -> Result<String, ErrorCode> {
    let e164 = normalize_phone(input)?;
    if is_mobile(&e164) { Ok(e164) } else { Err(ErrorCode::PhoneNotMobile) }
}

/// "06 12 34 56 78" for display; anything not recognised is returned unchanged.
pub fn format_phone_fr(e164: &str) -> String {
    match split_french(e164) {
        Some((_, nsn)) => {
            let national = format!("0{nsn}");
            let pairs: Vec<&str> = (0..5).map(|i| &national[i * 2..i * 2 + 2]).collect();
            pairs.join(" ")
        }
        None => e164.to_string(),
    }
}

/// The number as the form shows it once typed: "06 12 34 56 78" for any French number however it was typed, the
/// input trimmed otherwise (so a mistake stays visible as typed, next to its message). The app puts this back in the
/// field when it is left, and the review shows it; what is sent is [`normalize_phone`]'s E.164.
pub fn tidy_phone(input: &str) -> String {
    match normalize_phone(input) {
        Ok(e164) => format_phone_fr(&e164),
        Err(_) => input.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ErrorCode::*;

    #[test]
    fn normalize_phone_table() {
        let cases: &[(&str, Result<&str, ErrorCode>)] = &[
            ("06 12 34 56 78", Ok("+33612345678")),
            ("06.12.34.56.78", Ok("+33612345678")),
            ("06-12-34-56-78", Ok("+33612345678")),
            ("0612345678", Ok("+33612345678")),
            (" 06 12 34 56 78 ", Ok("+33612345678")),
            ("06\u{00A0}12\u{00A0}34\u{00A0}56\u{00A0}78", Ok("+33612345678")),
            ("+33 6 12 34 56 78", Ok("+33612345678")),
            ("+33612345678", Ok("+33612345678")),
            ("+33 (0)6 12 34 56 78", Ok("+33612345678")),
            ("+33(0)612345678", Ok("+33612345678")),
            ("0033 6 12 34 56 78", Ok("+33612345678")),
            ("0033 (0)6 12 34 56 78", Ok("+33612345678")),
            ("+33 06 12 34 56 78", Ok("+33612345678")),
            ("07 98 76 54 32", Ok("+33798765432")),
            ("04 73 12 34 56", Ok("+33473123456")),
            ("09 72 12 34 56", Ok("+33972123456")),
            ("0692 12 34 56", Ok("+262692123456")),
            ("+262 692 12 34 56", Ok("+262692123456")),
            ("0690 12 34 56", Ok("+590690123456")),
            ("0596 12 34 56", Ok("+596596123456")),
            ("", Err(Required)),
            ("  ", Err(Required)),
            ("06 12 34 56 7", Err(PhoneInvalid)),
            ("06 12 34 56 789", Err(PhoneInvalid)),
            ("6 12 34 56 78", Err(PhoneInvalid)),
            ("00 12 34 56 78", Err(PhoneInvalid)),
            ("06 12 34 56 7a", Err(PhoneInvalid)),
            ("(06) 12 34 56 78", Err(PhoneInvalid)),
            ("+44 7700 900123", Err(PhoneInvalid)),
            ("+262 6 12 34 56 78", Err(PhoneInvalid)),
            ("+33 0 12 34 56 78", Err(PhoneInvalid)),
            ("tel: 0612345678", Err(PhoneInvalid)),
        ];
        for (input, want) in cases {
            let got = normalize_phone(input);
            assert_eq!(got.as_deref().map_err(|e| *e), *want, "{input:?}");
        }
    }

    #[test]
    fn mobile_table() {
        let cases: &[(&str, Result<&str, ErrorCode>)] = &[
            ("06 12 34 56 78", Ok("+33612345678")),
            ("07 12 34 56 78", Ok("+33712345678")),
            ("0692 12 34 56", Ok("+262692123456")),
            ("0639 12 34 56", Ok("+262639123456")),
            ("04 73 12 34 56", Err(PhoneNotMobile)),
            ("09 72 12 34 56", Err(PhoneNotMobile)),
            ("0262 12 34 56", Err(PhoneNotMobile)),
            ("08 00 12 34 56", Err(PhoneNotMobile)),
            ("06 12", Err(PhoneInvalid)),
            ("", Err(Required)),
        ];
        for (input, want) in cases {
            let got = normalize_mobile(input);
            assert_eq!(got.as_deref().map_err(|e| *e), *want, "{input:?}");
        }
    }

    #[test]
    fn tidy_table() {
        for (typed, shown) in [
            ("06.12.34.56.78", "06 12 34 56 78"),
            ("0612345678", "06 12 34 56 78"),
            ("+33 6 12 34 56 78", "06 12 34 56 78"),
            ("0033 (0)6 12 34 56 78", "06 12 34 56 78"),
            (" 06-12-34-56-78 ", "06 12 34 56 78"),
            ("04 73 12 34 56", "04 73 12 34 56"),
            ("+262 692 12 34 56", "06 92 12 34 56"),
            ("06 12 34 56 7", "06 12 34 56 7"),
            ("  06 12 ", "06 12"),
            ("+44 7700 900123", "+44 7700 900123"),
            ("", ""),
        ] {
            assert_eq!(tidy_phone(typed), shown, "{typed:?}");
            // Tidying twice changes nothing, and never changes what is sent.
            assert_eq!(tidy_phone(&tidy_phone(typed)), shown);
            assert_eq!(normalize_phone(&tidy_phone(typed)), normalize_phone(typed));
        }
    }

    #[test]
    fn format_for_display() {
        for (e164, shown) in [
            ("+33612345678", "06 12 34 56 78"),
            ("+33473123456", "04 73 12 34 56"),
            ("+262692123456", "06 92 12 34 56"),
            ("+44 7700 900123", "+44 7700 900123"),
            ("", ""),
        ] {
            assert_eq!(format_phone_fr(e164), shown);
        }
    }
}
