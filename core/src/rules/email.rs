//! E-mail addresses: a pragmatic syntax check and a "did you mean…?" for common domain typos.
//!
//! Full RFC 5322 syntax accepts addresses no mail provider hands out and that our own mailer would choke on; what
//! matters is catching what people mistype. The activation link is sent to this address, so a typo in the domain
//! ("gmial.com") means a lost application: [`suggest_email_fix`] offers the likely fix, the person decides.

use crate::error::ErrorCode;
use crate::rules::text::{is_invisible, nfc};

/// RFC 5321's limit for a forward path, the practical ceiling for an address.
pub const EMAIL_MAX_LEN: usize = 254;
/// RFC 5321's limit for the part before the @.
const LOCAL_MAX_LEN: usize = 64;

/// Characters that need quoting in a local part; nobody's real address has them unquoted.
fn is_forbidden_in_local(c: char) -> bool {
    c.is_whitespace() || c.is_control() || "()<>[]:;@\\,\"".contains(c)
}

fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let tld = labels[labels.len() - 1];
    labels.iter().all(label_ok) && tld.chars().count() >= 2 && !tld.chars().all(|c| c.is_ascii_digit())
}

/// The address trimmed and in NFC, with its domain in lower case (domains are case-insensitive; the local part,
/// strictly speaking, is not, so it is kept as typed). An invisible character (a zero-width space pasted with
/// the address) is refused by name: the activation link would go to an address nobody owns.
pub fn normalize_email(input: &str) -> Result<String, ErrorCode> {
    if input.len() > EMAIL_MAX_LEN * 4 {
        return Err(ErrorCode::TooLong);
    }
    let s = nfc(input);
    let s = s.trim();
    if s.is_empty() {
        return Err(ErrorCode::Required);
    }
    if let Some(c) = s.chars().find(|&c| is_invisible(c)) {
        return Err(ErrorCode::InvisibleCharacter(c));
    }
    if s.len() > EMAIL_MAX_LEN {
        return Err(ErrorCode::TooLong);
    }
    let Some((local, domain)) = s.split_once('@') else {
        return Err(ErrorCode::EmailInvalid);
    };
    let local_ok = !local.is_empty()
        && local.len() <= LOCAL_MAX_LEN
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && !local.chars().any(is_forbidden_in_local);
    if !local_ok || !valid_domain(domain) {
        return Err(ErrorCode::EmailInvalid);
    }
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

/// Whether the confirmation is the same address: trimmed, local part exact (once in NFC), domain in any case.
pub fn emails_match(email: &str, confirmation: &str) -> bool {
    let split = |s: &str| {
        let s = nfc(s);
        let s = s.trim();
        match s.rsplit_once('@') {
            Some((l, d)) => (l.to_string(), d.to_lowercase()),
            None => (s.to_string(), String::new()),
        }
    };
    split(email) == split(confirmation)
}

/// Whether two addresses reach the same mailbox, as far as one can tell from outside: case ignored throughout (no
/// provider a family uses tells `Leo@` from `leo@`), a `+tag` after the local part ignored (it lands in the same
/// mailbox), and at Gmail the dots too (`l.e.o@gmail.com` is `leo@gmail.com`, and googlemail.com is gmail.com).
/// The guardian's address must not be the child's: the consent link would land in the child's own inbox.
pub fn same_mailbox(a: &str, b: &str) -> bool {
    fn canonical(s: &str) -> Option<(String, String)> {
        let s = nfc(s).trim().to_lowercase();
        let (local, domain) = s.rsplit_once('@')?;
        let local = local.split('+').next().unwrap_or(local);
        let domain = if domain == "googlemail.com" { "gmail.com" } else { domain };
        let local = if domain == "gmail.com" { local.replace('.', "") } else { local.to_string() };
        (!local.is_empty() && !domain.is_empty()).then(|| (local, domain.to_string()))
    }
    match (canonical(a), canonical(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// Domains French teenagers and their parents use most, most common first (ties in distance go to the first).
const KNOWN_DOMAINS: &[&str] = &[
    "gmail.com",
    "hotmail.fr",
    "hotmail.com",
    "outlook.fr",
    "outlook.com",
    "yahoo.fr",
    "yahoo.com",
    "icloud.com",
    "live.fr",
    "live.com",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "sfr.fr",
    "laposte.net",
    "msn.com",
    "neuf.fr",
    "bbox.fr",
    "aol.com",
    "gmx.fr",
    "me.com",
    "protonmail.com",
    "proton.me",
    "ac-clermont.fr",
    "ac-grenoble.fr",
    "ac-lyon.fr",
];

/// Real-looking domains that providers do not hand addresses out on: the person meant the provider's real one.
const WRONG_DOMAINS: &[(&str, &str)] = &[
    ("gmail.fr", "gmail.com"),
    ("laposte.fr", "laposte.net"),
    ("icloud.fr", "icloud.com"),
    ("googlemail.fr", "gmail.com"),
];

/// Top-level domains that are only ever typos of .com, .fr or .net.
const TLD_FIXES: &[(&str, &str)] = &[
    ("con", "com"),
    ("cmo", "com"),
    ("ocm", "com"),
    ("comm", "com"),
    ("vom", "com"),
    ("xom", "com"),
    ("fe", "fr"),
    ("ft", "fr"),
    ("rf", "fr"),
    ("frr", "fr"),
    ("fd", "fr"),
    ("nte", "net"),
    ("ner", "net"),
    ("ent", "net"),
    ("nett", "net"),
];

/// Edit distance counting a swap of two neighbours as one edit ("gmial" → "gmail"), the commonest typing slip.
fn typo_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// A corrected address when the domain looks like a slip on a common provider ("gmial.com", "orange.fe"),
/// `None` when it is a known domain or nothing close.
///
/// Short domains tolerate one slip, longer ones two: "gmx.de" must not become "gmx.fr". A domain that is not
/// near a known provider still gets its top-level domain fixed when that can only be a typo (".con", ".fe").
pub fn suggest_email_fix(email: &str) -> Option<String> {
    let (local, domain) = email.trim().rsplit_once('@')?;
    let domain = domain.to_lowercase();
    // The distance table is quadratic in the domain's length; no provider's domain is anywhere near 64.
    if domain.len() > 64 {
        return None;
    }
    if local.is_empty() || domain.is_empty() || KNOWN_DOMAINS.contains(&domain.as_str()) {
        return None;
    }
    if let Some((_, right)) = WRONG_DOMAINS.iter().find(|(wrong, _)| *wrong == domain) {
        return Some(format!("{local}@{right}"));
    }
    let allowed = if domain.chars().count() <= 8 { 1 } else { 2 };
    let closest = KNOWN_DOMAINS
        .iter()
        .map(|k| (typo_distance(&domain, k), *k))
        .filter(|(dist, _)| *dist <= allowed)
        .min_by_key(|(dist, _)| *dist);
    if let Some((_, known)) = closest {
        return Some(format!("{local}@{known}"));
    }
    let (name, tld) = domain.rsplit_once('.')?;
    let (_, fixed) = TLD_FIXES.iter().find(|(bad, _)| *bad == tld)?;
    (!name.is_empty()).then(|| format!("{local}@{name}.{fixed}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ErrorCode::*;

    #[test]
    fn same_mailbox_table() {
        let cases = [
            ("leo.diallo@gmail.com", "leo.diallo@gmail.com", true),
            ("Leo.Diallo@Gmail.com", "leo.diallo@gmail.com", true),
            (" leo@free.fr ", "leo@free.fr", true),
            ("leo+parent@free.fr", "leo@free.fr", true),
            ("l.e.o@gmail.com", "leo@gmail.com", true),
            ("leo@googlemail.com", "leo@gmail.com", true),
            ("l.eo@free.fr", "leo@free.fr", false), // dots only matter at Gmail
            ("leo@free.fr", "leo@orange.fr", false),
            ("awa.diallo@gmail.com", "leo.diallo@gmail.com", false),
            ("", "", false),
            ("leo", "leo", false), // not addresses: their own rule reports them
        ];
        for (a, b, same) in cases {
            assert_eq!(same_mailbox(a, b), same, "{a} / {b}");
            assert_eq!(same_mailbox(b, a), same, "symmetric: {b} / {a}");
        }
    }

    #[test]
    fn normalize_email_table() {
        let cases: &[(&str, Result<&str, ErrorCode>)] = &[
            ("eloise.martin@gmail.com", Ok("eloise.martin@gmail.com")),
            ("  eloise@gmail.com ", Ok("eloise@gmail.com")),
            ("Eloise@GMail.COM", Ok("Eloise@gmail.com")),
            ("jean+pass@laposte.net", Ok("jean+pass@laposte.net")),
            ("a.b-c_d@sub.ac-clermont.fr", Ok("a.b-c_d@sub.ac-clermont.fr")),
            ("o'brien@example.ie", Ok("o'brien@example.ie")),
            ("élodie@exemple.fr", Ok("élodie@exemple.fr")),
            ("e\u{0301}lodie@exemple.fr", Ok("élodie@exemple.fr")),
            ("eloise\u{200B}@gmail.com", Err(InvisibleCharacter('\u{200B}'))),
            ("\u{FEFF}eloise@gmail.com", Err(InvisibleCharacter('\u{FEFF}'))),
            ("eloise@gmail.com\u{0000}", Err(InvisibleCharacter('\u{0000}'))),
            ("", Err(Required)),
            ("   ", Err(Required)),
            ("eloise", Err(EmailInvalid)),
            ("eloise@", Err(EmailInvalid)),
            ("@gmail.com", Err(EmailInvalid)),
            ("eloise@gmail", Err(EmailInvalid)),
            ("eloise@@gmail.com", Err(EmailInvalid)),
            ("elo ise@gmail.com", Err(EmailInvalid)),
            ("eloise@gmail .com", Err(EmailInvalid)),
            ("eloise@gmail..com", Err(EmailInvalid)),
            ("eloise@.gmail.com", Err(EmailInvalid)),
            ("eloise@gmail.com.", Err(EmailInvalid)),
            ("eloise@gmail.c", Err(EmailInvalid)),
            ("eloise@-gmail.com", Err(EmailInvalid)),
            ("eloise@1.2.3.4", Err(EmailInvalid)),
            (".eloise@gmail.com", Err(EmailInvalid)),
            ("elo..ise@gmail.com", Err(EmailInvalid)),
            ("eloise.@gmail.com", Err(EmailInvalid)),
            ("elo,ise@gmail.com", Err(EmailInvalid)),
            ("<eloise@gmail.com>", Err(EmailInvalid)),
            ("eloise@gmail_com.fr", Err(EmailInvalid)),
        ];
        for (input, want) in cases {
            let got = normalize_email(input);
            assert_eq!(got.as_deref().map_err(|e| *e), *want, "{input:?}");
        }
    }

    #[test]
    fn length_limits() {
        let long_local = format!("{}@gmail.com", "a".repeat(65));
        assert_eq!(normalize_email(&long_local), Err(EmailInvalid));
        let max_local = format!("{}@gmail.com", "a".repeat(64));
        assert!(normalize_email(&max_local).is_ok());
        let too_long = format!("a@{}.fr", "b".repeat(EMAIL_MAX_LEN));
        assert_eq!(normalize_email(&too_long), Err(TooLong));
    }

    #[test]
    fn confirmation_ignores_domain_case_only() {
        let cases = [
            ("eloise@gmail.com", "eloise@gmail.com", true),
            ("eloise@gmail.com", "eloise@GMAIL.com", true),
            ("eloise@gmail.com", " eloise@gmail.com ", true),
            ("eloise@gmail.com", "Eloise@gmail.com", false),
            ("eloise@gmail.com", "eloise@gmail.fr", false),
            ("eloise@gmail.com", "", false),
            ("élodie@exemple.fr", "e\u{0301}lodie@exemple.fr", true),
        ];
        for (a, b, same) in cases {
            assert_eq!(emails_match(a, b), same, "{a} / {b}");
        }
    }

    #[test]
    fn suggestions_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("eloise@gmial.com", Some("eloise@gmail.com")),
            ("eloise@gmai.com", Some("eloise@gmail.com")),
            ("eloise@gmail.con", Some("eloise@gmail.com")),
            ("eloise@gmail.fr", Some("eloise@gmail.com")),
            ("eloise@gnail.com", Some("eloise@gmail.com")),
            ("Eloise@GMIAL.com", Some("Eloise@gmail.com")),
            ("eloise@hotmial.fr", Some("eloise@hotmail.fr")),
            ("eloise@hotmal.com", Some("eloise@hotmail.com")),
            ("eloise@hotmail.fe", Some("eloise@hotmail.fr")),
            ("eloise@yahoo.fe", Some("eloise@yahoo.fr")),
            ("eloise@outlok.fr", Some("eloise@outlook.fr")),
            ("eloise@orange.fe", Some("eloise@orange.fr")),
            ("eloise@laposte.nte", Some("eloise@laposte.net")),
            ("eloise@laposte.fr", Some("eloise@laposte.net")),
            ("eloise@free.fe", Some("eloise@free.fr")),
            ("eloise@icloud.con", Some("eloise@icloud.com")),
            ("eloise@wanadoo.fe", Some("eloise@wanadoo.fr")),
            ("eloise@ac-clemront.fr", Some("eloise@ac-clermont.fr")),
            ("eloise@mairie-riom.con", Some("eloise@mairie-riom.com")),
            ("eloise@lycee-blaise.fe", Some("eloise@lycee-blaise.fr")),
            // Known or plainly different domains: no suggestion.
            ("eloise@gmail.com", None),
            ("eloise@orange.fr", None),
            ("eloise@gmx.de", None),
            ("eloise@sfr.fr", None),
            ("eloise@univ-lyon1.fr", None),
            ("eloise@example.org", None),
            ("eloise@orange.com", None),
            ("not an address", None),
            ("@gmial.com", None),
        ];
        for (input, want) in cases {
            assert_eq!(suggest_email_fix(input).as_deref(), *want, "{input}");
        }
    }

    #[test]
    fn typo_distance_counts_swaps_as_one() {
        assert_eq!(typo_distance("gmial", "gmail"), 1);
        assert_eq!(typo_distance("gmail", "gmail"), 0);
        assert_eq!(typo_distance("gmai", "gmail"), 1);
        assert_eq!(typo_distance("", "abc"), 3);
        assert_eq!(typo_distance("kitten", "sitting"), 3);
    }
}
