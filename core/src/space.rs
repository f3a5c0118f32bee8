//! Wire types of the beneficiary space (`openapi.yaml`, tags `beneficiary-login` and `dossier-status`): log in with
//! the dossier number, the session, the dossier and its progress, a lost password or dossier number.

use crate::api::{Establishment, Stream};
use crate::status::Progress;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Ten digits, spaces allowed ("26 29 76 43 51").
    pub dossier_number: String,
    pub password: String,
}

/// The session the cookie stands for. Times are RFC 3339 instants.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct SessionInfo {
    /// The server's clock when it answered: the client measures what is left against it (`idle_expires_at` minus
    /// `server_time`), never against the computer's own clock, which may be wrong.
    pub server_time: String,
    /// When the session ends if nothing happens before (each request moves it); never after `absolute_expires_at`.
    pub idle_expires_at: String,
    /// When it ends whatever happens.
    pub absolute_expires_at: String,
    /// The idle timeout, so the client can warn before it (`warn_before_seconds` ahead).
    pub idle_timeout_seconds: u32,
    pub warn_before_seconds: u32,
}

impl SessionInfo {
    /// Seconds until the session ends, as the server counted when it answered: the idle limit, which the server
    /// already caps at the absolute one. `None` when a time does not read.
    pub fn seconds_left(&self) -> Option<i64> {
        let now = crate::date::parse_rfc3339(&self.server_time)?;
        let idle = crate::date::parse_rfc3339(&self.idle_expires_at)?;
        let absolute = crate::date::parse_rfc3339(&self.absolute_expires_at)?;
        Some((idle.min(absolute) - now).max(0))
    }

    /// What a page counts down from: the seconds left by the server's own clock (another tab may have used some), or
    /// a full idle span if its times do not read.
    pub fn countdown_seconds(&self) -> i64 {
        self.seconds_left().unwrap_or_else(|| i64::from(self.idle_timeout_seconds))
    }

    /// When the session ends on the page's own clock (milliseconds, as `Date.now()`), for an answer read at `now_ms`.
    pub fn deadline_ms(&self, now_ms: f64) -> f64 {
        now_ms + self.countdown_seconds() as f64 * 1000.0
    }

    /// How long before the end the warning shows: never more than half the span, so that a short test timeout still
    /// leaves time before the warning.
    pub fn warning_seconds(&self) -> u32 {
        self.warn_before_seconds.min(self.idle_timeout_seconds / 2)
    }
}

/// The space's login page. Other bundles (the space's new photo) send people there when their session ends.
pub const LOGIN_PATH: &str = "/espace/connexion";

/// The login address's parameter for why it is shown, and the one for the idle limit after an inactivity logout.
const REASON_PARAM: &str = "raison";
const MINUTES_PARAM: &str = "minutes";

/// Why the login page is shown. It travels in the page's address (`?raison=inactivite&minutes=20`), so a reload says
/// the same, and so does the login's own bundle, which knows no session and so no idle limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndReason {
    LoggedOut,
    Inactivity,
    SessionRequired,
}

impl EndReason {
    pub fn param(self) -> &'static str {
        match self {
            EndReason::LoggedOut => "deconnexion",
            EndReason::Inactivity => "inactivite",
            EndReason::SessionRequired => "session",
        }
    }

    pub fn from_param(p: &str) -> Option<EndReason> {
        match p {
            "deconnexion" => Some(EndReason::LoggedOut),
            "inactivite" => Some(EndReason::Inactivity),
            "session" => Some(EndReason::SessionRequired),
            _ => None,
        }
    }

    pub fn login_path(self) -> String {
        format!("{LOGIN_PATH}?{REASON_PARAM}={}", self.param())
    }

    /// The login's address after this end. After inactivity it also carries the idle limit in minutes, which the
    /// message counts.
    pub fn login_path_after(self, idle_minutes: u32) -> String {
        match self {
            EndReason::Inactivity => format!("{}&{MINUTES_PARAM}={idle_minutes}", self.login_path()),
            _ => self.login_path(),
        }
    }

    /// The reason in an address's query (`location.search`), as the space's router reads it.
    pub fn in_query(search: &str) -> Option<EndReason> {
        query_param(search, REASON_PARAM).and_then(EndReason::from_param)
    }
}

/// The idle limit in whole minutes, for the message after it (at least 1).
pub fn idle_minutes(idle_timeout_seconds: u32) -> u32 {
    idle_timeout_seconds.div_ceil(60).max(1)
}

/// The idle limit written by [`EndReason::login_path_after`] into an address's query: 1 minute to a day.
pub fn idle_minutes_in(search: &str) -> Option<u32> {
    query_param(search, MINUTES_PARAM).and_then(|m| m.parse().ok()).filter(|m| (1..=24 * 60).contains(m))
}

fn query_param<'a>(search: &'a str, name: &str) -> Option<&'a str> {
    search.trim_start_matches('?').split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// Whole seconds a countdown shows at `now_ms` before `deadline_ms` (both on the page's clock): rounded up, so it
/// reads 0 only once the deadline has come; negative after it.
pub fn seconds_until(deadline_ms: f64, now_ms: f64) -> i64 {
    ((deadline_ms - now_ms) / 1000.0).ceil() as i64
}

/// The logged-in person's dossier.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Dossier {
    pub dossier_number: String,
    pub first_name: String,
    pub last_name: String,
    pub establishment: Establishment,
    pub stream: Stream,
    /// The card goes to the establishment (true) or home.
    pub send_to_establishment: bool,
    /// ISO date the application was registered.
    pub registered_on: String,
    pub progress: Progress,
    /// The card in use, once made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<CardView>,
    pub session: SessionInfo,
}

/// Forgotten password: by dossier number or by email, one of the two.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dossier_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetConfirm {
    pub token: String,
    pub password: String,
}

/// Forgotten dossier number: the numbers linked to this address are emailed to it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DossierReminderRequest {
    pub email: String,
}

/// The same answer to every forgotten-password or forgotten-number request, whether or not anything matched.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub message: String,
}

/// `--dev` only: the Région's back office moves a dossier on.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DevEventRequest {
    /// school_validated, photo_refused, card_manufactured, card_sent, card_handed_over
    pub kind: String,
    /// ISO date; today when absent.
    #[serde(default)]
    pub on: Option<String>,
    /// With photo_refused: the establishment's words.
    #[serde(default)]
    pub reason: Option<String>,
    /// With card_sent: to the establishment (default) or home.
    #[serde(default)]
    pub to_establishment: Option<bool>,
}

/// The card as the space shows it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct CardView {
    /// 16 digits, as printed on the card.
    pub number: String,
    /// ISO date, when the card was blocked (declared lost, stolen or damaged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked_on: Option<String>,
    pub secret_code_set: bool,
    /// Partner terminals refuse the card after 3 wrong codes in a row, until a new code is set here.
    pub code_locked: bool,
}

/// Sets or changes the card's secret code; the current password is asked again.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SecretCodeRequest {
    pub current_password: String,
    pub code: String,
}

/// What a partner's terminal sends to check the code typed by the young person.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PartnerCheckRequest {
    pub card_number: String,
    pub code: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PartnerCheckResult {
    pub accepted: bool,
    /// After a wrong code: how many tries remain before the card is locked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u32>,
}

/// A lost, stolen or damaged card: blocked at once, a duplicate requested.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CardDeclaration {
    pub reason: crate::status::BlockReason,
    pub current_password: String,
    /// Where the duplicate goes: the establishment (true) or home.
    pub send_to_establishment: bool,
    /// A new home address for the duplicate (and the dossier), when it changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<crate::api::Address>,
}

/// The advantages and what is left of them.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct AdvantagesBalance {
    pub campaign_id: String,
    pub lines: Vec<crate::advantages::Line>,
}

/// The person's details as the space shows them: names and birth date are read-only (corrected through the
/// establishment).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct MyDetails {
    pub civility: crate::api::Civility,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: String,
    pub email: String,
    /// An address waiting for its confirmation link to be opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_email: Option<String>,
    pub mobile_phone: String,
    pub address: crate::api::Address,
    pub consents: crate::api::Consents,
    pub send_to_establishment: bool,
}

/// What can be changed directly; the same rules as the application.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DetailsUpdate {
    pub mobile_phone: String,
    pub address: crate::api::Address,
    pub consents: crate::api::Consents,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct EmailChangeRequest {
    pub new_email: String,
    pub current_password: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    pub token: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// `--dev` only: a partner records a use of an advantage.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DevUseRequest {
    pub kind: crate::advantages::Kind,
    pub partner: String,
    #[serde(default)]
    pub cents: Option<u32>,
    #[serde(default)]
    pub tickets: Option<u32>,
    #[serde(default)]
    pub on: Option<String>,
    /// Sport only: the kind of licence (a club licence is the €60 case).
    #[serde(default)]
    pub licence: Option<crate::advantages::SportLicence>,
}

#[cfg(test)]
mod session_tests {
    use super::SessionInfo;

    fn info(now: &str, idle: &str, absolute: &str, timeout: u32, warn: u32) -> SessionInfo {
        SessionInfo {
            server_time: now.into(),
            idle_expires_at: idle.into(),
            absolute_expires_at: absolute.into(),
            idle_timeout_seconds: timeout,
            warn_before_seconds: warn,
        }
    }

    #[test]
    fn a_page_counts_down_by_the_server_s_clock_and_warns_at_most_half_way() {
        let cases = [
            // (server time, idle end, absolute end, timeout, warn) → (countdown, warning)
            (("2026-12-01T10:00:00Z", "2026-12-01T10:20:00Z", "2026-12-01T22:00:00Z", 1200, 120), (1200, 120)),
            // another tab used 5 minutes of it
            (("2026-12-01T10:05:00Z", "2026-12-01T10:20:00Z", "2026-12-01T22:00:00Z", 1200, 120), (900, 120)),
            // the absolute limit comes first
            (("2026-12-01T21:55:00Z", "2026-12-01T22:15:00Z", "2026-12-01T22:00:00Z", 1200, 120), (300, 120)),
            // already past: nothing left, never negative
            (("2026-12-01T10:30:00Z", "2026-12-01T10:20:00Z", "2026-12-01T22:00:00Z", 1200, 120), (0, 120)),
            // times that do not read: a full idle span
            (("yesterday", "2026-12-01T10:20:00Z", "2026-12-01T22:00:00Z", 1200, 120), (1200, 120)),
            // a short test timeout: the warning shrinks to half of it
            (("2026-12-01T10:00:00Z", "2026-12-01T10:00:20Z", "2026-12-01T22:00:00Z", 20, 120), (20, 10)),
        ];
        for ((now, idle, absolute, timeout, warn), (countdown, warning)) in cases {
            let s = info(now, idle, absolute, timeout, warn);
            assert_eq!((s.countdown_seconds(), s.warning_seconds()), (countdown, warning), "{now} {idle} {absolute}");
        }
    }

    #[test]
    fn the_page_deadline_and_the_seconds_a_countdown_shows() {
        let s = info("2026-12-01T10:05:00Z", "2026-12-01T10:20:00Z", "2026-12-01T22:00:00Z", 1200, 120);
        assert_eq!(s.deadline_ms(1_000.0), 1_000.0 + 900_000.0);
        // (deadline, now) → seconds shown: rounded up, 0 only at the deadline, negative after it
        let cases = [
            ((10_000.0, 0.0), 10),
            ((10_000.0, 9_001.0), 1),
            ((10_000.0, 9_999.9), 1),
            ((10_000.0, 10_000.0), 0),
            ((10_000.0, 12_500.0), -2),
        ];
        for ((deadline, now), shown) in cases {
            assert_eq!(super::seconds_until(deadline, now), shown, "{deadline} {now}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_login_reads_back_why_and_after_how_long_from_its_address() {
        for (search, reason) in [
            ("", None),
            ("?raison=deconnexion", Some(EndReason::LoggedOut)),
            ("?raison=inactivite", Some(EndReason::Inactivity)),
            ("?x=1&raison=session", Some(EndReason::SessionRequired)),
            ("?raison=autre", None),
            ("?saison=session", None),
            ("?raisons=session", None),
        ] {
            assert_eq!(EndReason::in_query(search), reason, "{search}");
        }
        for reason in [EndReason::LoggedOut, EndReason::Inactivity, EndReason::SessionRequired] {
            for minutes in [1, 20, 90] {
                let path = reason.login_path_after(minutes);
                let (page, search) = path.split_once('?').unwrap();
                let search = format!("?{search}");
                assert_eq!(page, LOGIN_PATH);
                assert_eq!(EndReason::in_query(&search), Some(reason), "{path}");
                let expected = (reason == EndReason::Inactivity).then_some(minutes);
                assert_eq!(idle_minutes_in(&search), expected, "{path}");
            }
        }
        for search in ["?minutes=0", "?minutes=-3", "?minutes=abc", "?minutes=100000", "?minutesx=5"] {
            assert_eq!(idle_minutes_in(search), None, "{search}");
        }
    }

    #[test]
    fn the_idle_limit_is_counted_in_whole_minutes_rounded_up() {
        for (seconds, minutes) in [(0, 1), (20, 1), (60, 1), (61, 2), (1200, 20), (1230, 21)] {
            assert_eq!(idle_minutes(seconds), minutes, "{seconds} s");
        }
    }
}
