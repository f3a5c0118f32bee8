//! The legal guardian's consent, given by the guardian themselves from a link emailed to them (under the campaign's
//! guardian age). The wire types of the consent page and the timing rules, which the server applies and the app
//! and README state.
//!
//! Rules: a link is valid [`LINK_VALID_DAYS`] days. If the guardian has not answered
//! [`REMINDER_AFTER_DAYS`] days after the latest email, one reminder (one per dossier) goes out with a fresh link (the first one keeps working until it
//! expires: a parent who opens the first email after the reminder is not told off). A new link can be asked for at
//! any time while the consent is pending ("Renvoyer l'email", from the confirmation page, the space, or the expired
//! link itself); it is valid [`LINK_VALID_DAYS`] days from then. Once the consent is given every link of the dossier
//! says so. There is no refusal button: a guardian who does not agree does nothing, the dossier stays waiting and
//! is not examined; the helpdesk (0810 559 559) closes it on request.

use crate::api::Civility;
use serde::{Deserialize, Serialize};

pub const LINK_VALID_DAYS: i64 = 7;
pub const REMINDER_AFTER_DAYS: i64 = 3;
const DAY_SECS: i64 = 86_400;

/// A pending consent, as the timing rules see it (instants in seconds since the epoch).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pending {
    /// When the latest email with a link went (the first, or one asked for again).
    pub last_sent_at: i64,
    /// When the reminder went, if it did.
    pub reminded_at: Option<i64>,
    /// When the newest link stops working.
    pub latest_expiry: i64,
}

/// Whether the one reminder is due now: not sent yet, [`REMINDER_AFTER_DAYS`] days after the latest email, and
/// while a link is still valid (after expiry the family asks for a new link; an automatic email then would surprise).
pub fn reminder_due(p: Pending, now: i64) -> bool {
    p.reminded_at.is_none() && now >= p.last_sent_at + REMINDER_AFTER_DAYS * DAY_SECS && now < p.latest_expiry
}

/// When a link issued at `now` stops working.
pub fn link_expiry(now: i64) -> i64 {
    now + LINK_VALID_DAYS * DAY_SECS
}

/// `--dev` only (`POST /dev/dossiers/{number}/guardian-reminder`): what the reminder sweep, run at once for a
/// dossier whose [`REMINDER_AFTER_DAYS`] days were made up, sent.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct DevReminderSweep {
    pub reminders_sent: u32,
}

/// `POST /guardian-consents/lookup` and `/confirm`: the token read from the link's fragment.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ConsentToken {
    pub token: String,
}

/// What the consent page shows before the guardian confirms: who they are said to be, nothing about the child.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ConsentRequest {
    pub guardian: GuardianName,
    /// RFC 3339: the link stops working then.
    pub expires_at: String,
    /// The campaign the application is for, e.g. "2026-2027".
    pub campaign_id: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct GuardianName {
    pub civility: Civility,
    pub first_name: String,
    pub last_name: String,
}

/// The answer once the guardian has agreed: now the child's first name may be shown.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ConsentGiven {
    pub child_first_name: String,
    /// RFC 3339.
    pub consented_at: String,
}

/// `POST /guardian-consents/resend`: by a link's token (the guardian's expired page) or by dossier number (the
/// child's confirmation page or space). The answer is the same whatever matched.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct ResendConsent {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dossier_number: Option<String>,
}

/// In the answer to a new application with a guardian: where the consent email went.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ConsentPending {
    /// e.g. "mo****@orange.fr".
    pub masked_email: String,
    /// RFC 3339: the first link stops working then.
    pub expires_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_reminder_after_three_days_while_a_link_is_valid() {
        let day = DAY_SECS;
        let fresh = Pending { last_sent_at: 0, reminded_at: None, latest_expiry: link_expiry(0) };
        let cases = [
            ("same day", fresh, 0, false),
            ("a second before three days", fresh, 3 * day - 1, false),
            ("three days", fresh, 3 * day, true),
            ("six days", fresh, 6 * day, true),
            ("expired: the family asks for a new link", fresh, 7 * day, false),
            ("already reminded", Pending { reminded_at: Some(3 * day), ..fresh }, 4 * day, false),
            (
                "a new link asked for on day 8: no reminder at once",
                Pending { last_sent_at: 8 * day, latest_expiry: link_expiry(8 * day), ..fresh },
                8 * day,
                false,
            ),
            (
                "…but three days later",
                Pending { last_sent_at: 8 * day, latest_expiry: link_expiry(8 * day), ..fresh },
                11 * day,
                true,
            ),
        ];
        for (name, p, now, due) in cases {
            assert_eq!(reminder_due(p, now), due, "{name}");
        }
        assert_eq!(link_expiry(10), 10 + 7 * day);
    }
}
