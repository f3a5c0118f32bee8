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
    /// When the session ends if nothing happens before (each request moves it).
    pub idle_expires_at: String,
    /// When it ends whatever happens.
    pub absolute_expires_at: String,
    /// The idle timeout, so the client can warn before it (`warn_before_seconds` ahead).
    pub idle_timeout_seconds: u32,
    pub warn_before_seconds: u32,
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
