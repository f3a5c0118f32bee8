//! The phone handoff's short code: for a phone that cannot scan the QR code, 8 characters typed at a short
//! address. The alphabet leaves out the look-alikes (0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V) so that what is read on a
//! school screen is typed right on a phone keyboard.

/// 23 characters: 8 of them give about 36 bits, plenty for a code that lives 10 minutes, works once, and whose
/// guesses are rate-limited.
pub const ALPHABET: &str = "34679ACDEFGHJKMNPQRTWXY";
pub const LEN: usize = 8;

/// How the code is shown: two groups of four, "K7QD-94MX".
pub fn format(code: &str) -> String {
    if code.len() == LEN { format!("{}-{}", &code[..4], &code[4..]) } else { code.to_string() }
}

/// The code as typed (lower case, spaces, dashes) in its canonical form, or `None` when it cannot be one.
pub fn normalize(typed: &str) -> Option<String> {
    let code: String =
        typed.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{a0}')).map(|c| c.to_ascii_uppercase()).collect();
    (code.len() == LEN && code.chars().all(|c| ALPHABET.contains(c))).then_some(code)
}

/// A code from `LEN` random bytes (each maps to one character; 256 is not a multiple of 23, which skews a
/// character's odds by about 1 %: a fraction of a bit, irrelevant here).
pub fn from_random(bytes: &[u8; LEN]) -> String {
    let alphabet = ALPHABET.as_bytes();
    bytes.iter().map(|b| char::from(alphabet[usize::from(*b) % alphabet.len()])).collect()
}

/// How long the computer's tab waits before its next status request: the server's interval while answers come,
/// doubled after each failure in a row (a dropped connection, a busy server), up to 30 s, so a school's network
/// that hiccups is not hammered. The next good answer brings it back to the interval.
pub fn poll_delay_ms(interval_seconds: u32, failures_in_a_row: u32) -> u32 {
    let base = interval_seconds.clamp(1, 30) * 1000;
    base.saturating_mul(1 << failures_in_a_row.min(5)).min(30_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_backs_off_on_failures_and_comes_back() {
        for (interval, failures, want) in [
            (2, 0, 2_000),
            (2, 1, 4_000),
            (2, 2, 8_000),
            (2, 3, 16_000),
            (2, 4, 30_000),
            (2, 40, 30_000),
            (0, 0, 1_000),
            (600, 0, 30_000),
        ] {
            assert_eq!(poll_delay_ms(interval, failures), want, "{interval} s, {failures} failures");
        }
    }

    #[test]
    fn typed_codes_are_understood_and_look_alikes_refused() {
        for (typed, want) in [
            ("K7QD-94MX", Some("K7QD94MX")),
            ("k7qd 94mx", Some("K7QD94MX")),
            (" K7QD94MX ", Some("K7QD94MX")),
            ("K7QD-94M", None),
            ("K7QD-94MO", None),
            ("K7QD-94M1", None),
            ("K7QD-94M0", None),
            ("", None),
        ] {
            assert_eq!(normalize(typed).as_deref(), want, "{typed:?}");
        }
        assert_eq!(format("K7QD94MX"), "K7QD-94MX");
        for look_alike in ['0', 'O', '1', 'I', 'L', '5', 'S', '2', 'Z', '8', 'B', 'U', 'V'] {
            assert!(!ALPHABET.contains(look_alike), "{look_alike}");
        }
        let code = from_random(&[0, 25, 26, 255, 7, 100, 200, 13]);
        assert_eq!(normalize(&code).as_deref(), Some(code.as_str()));
    }
}

use serde::{Deserialize, Serialize};

/// What the computer's tab gets when it starts a handoff. `computer_secret` is kept by that tab alone (memory or
/// its sessionStorage) and sent with every later call, so no other tab or device can follow or receive the photo.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct HandoffCreated {
    pub id: String,
    pub computer_secret: String,
    /// The address the QR code holds (its token is a 128-bit bearer secret).
    pub link: String,
    /// For a phone that cannot scan: the code, shown as "K7QD-94MX", typed at `short_url`.
    pub short_code: String,
    pub short_url: String,
    pub expires_at: String,
    /// How often the tab should ask for news (it backs off when nothing changes).
    pub poll_interval_seconds: u32,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct HandoffStatus {
    /// waiting, phone_connected, photo_ready, fetched, cancelled, expired
    pub state: String,
    pub expires_at: String,
}

/// The phone opens the handoff with the link's token or the typed short code.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct HandoffClaim {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_code: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct HandoffClaimed {
    /// Sent with the photo; the link's token is spent.
    pub phone_secret: String,
    pub expires_at: String,
}
