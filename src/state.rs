//! The application state shared by every page, and its persistence.
//!
//! - The draft lives in a signal, saved to `sessionStorage` after every change (the password is never in the JSON:
//!   core's `Draft` does not serialise it) and restored at start-up. sessionStorage rather than localStorage: it
//!   dies with the tab, which suits a shared family or school computer.
//! - The prepared photo is kept alike, see [`crate::photo_bridge`].
//! - The receipt of a sent application is kept in sessionStorage under its own key, holding only what the printed
//!   receipt shows (dossier number, masked e-mail, name, school and stream, dates), so that a reload of the
//!   confirmation page still shows it; "Effacer mes données" removes it too.

use leptos::prelude::*;
use passregion_core::Date;
use passregion_core::api::{ApplicationCreated, ApplicationRequest, Campaign, FieldError};
use passregion_core::draft::Draft;
use serde::{Deserialize, Serialize};

use crate::api::ApiError;
use crate::i18n::Lang;
use crate::storage;

pub const DRAFT_STORAGE_KEY: &str = "passregion.draft";
pub const RECEIPT_STORAGE_KEY: &str = "passregion.receipt";

/// Something fetched from the API.
#[derive(Clone, Debug, PartialEq)]
pub enum Remote<T> {
    Loading,
    Ready(T),
    Failed(ApiError),
}

/// What the confirmation page and the printed receipt show.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    pub dossier_number: String,
    pub masked_email: String,
    pub created_at: String,
    pub activation_expires_at: String,
    pub first_name: String,
    pub last_name: String,
    pub establishment: String,
    pub stream: String,
    pub send_to_establishment: bool,
    /// Under 15: where the guardian's consent email went; the dossier waits for their answer.
    #[serde(default)]
    pub guardian_consent: Option<passregion_core::guardian::ConsentPending>,
}

impl Receipt {
    pub fn new(created: ApplicationCreated, draft: &Draft) -> Receipt {
        Receipt {
            dossier_number: created.dossier_number,
            masked_email: created.masked_email,
            created_at: created.created_at,
            activation_expires_at: created.activation_expires_at,
            first_name: draft.first_name.trim().to_string(),
            last_name: draft.last_name.trim().to_string(),
            establishment: draft.establishment().map(|e| e.name.clone()).unwrap_or_default(),
            stream: draft.stream().map(|s| s.label.clone()).unwrap_or_default(),
            send_to_establishment: draft.send_to_establishment,
            guardian_consent: created.guardian_consent,
        }
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub draft: RwSignal<Draft>,
    pub campaign: RwSignal<Remote<Campaign>>,
    /// Field errors the server sent back on submission, shown next to their fields until edited.
    pub server_errors: RwSignal<Vec<FieldError>>,
    pub receipt: RwSignal<Option<Receipt>>,
    /// The address the application was sent with, in memory only, to prefill "Je n'ai rien reçu".
    pub last_email: RwSignal<Option<String>>,
}

impl AppState {
    /// The campaign when loaded.
    pub fn campaign_now(&self) -> Option<Campaign> {
        match self.campaign.get() {
            Remote::Ready(c) => Some(c),
            _ => None,
        }
    }

    pub fn update_draft(&self, f: impl FnOnce(&mut Draft)) {
        self.draft.update(f);
    }

    /// The server's error for a field, if it still stands.
    pub fn server_error(&self, path: &str) -> Option<FieldError> {
        self.server_errors.with(|errors| errors.iter().find(|e| e.field == path).cloned())
    }

    /// The person changed the field: the server's complaint about the old value no longer applies.
    pub fn clear_server_error(&self, path: &str) {
        if self.server_errors.with_untracked(|errors| errors.iter().any(|e| e.field == path)) {
            self.server_errors.update(|errors| errors.retain(|e| e.field != path));
        }
    }

    /// "Effacer mes données": the draft, the photo, the receipt, in memory and in storage.
    pub fn clear_everything(&self) {
        storage::session_remove(DRAFT_STORAGE_KEY);
        storage::session_remove(RECEIPT_STORAGE_KEY);
        self.draft.set(Draft::default());
        self.server_errors.set(Vec::new());
        self.receipt.set(None);
        self.last_email.set(None);
        crate::photo_bridge::forget_photo();
    }

    /// "Faire une autre demande" after sending: the receipt goes (the dossier number is in the activation e-mail).
    pub fn forget_receipt(&self) {
        storage::session_remove(RECEIPT_STORAGE_KEY);
        self.receipt.set(None);
    }

    /// After a successful submission: the draft goes, the receipt stays.
    pub fn finish(&self, receipt: Receipt) {
        if let Ok(json) = passregion_json::to_string(&receipt) {
            storage::session_set(RECEIPT_STORAGE_KEY, &json);
        }
        self.receipt.set(Some(receipt));
        storage::session_remove(DRAFT_STORAGE_KEY);
        self.draft.set(Draft::default());
        self.server_errors.set(Vec::new());
        crate::photo_bridge::forget_photo();
    }
}

/// The draft as sessionStorage keeps it: the text of core's `Draft::to_storage_json` (same fields, same order, the
/// password left out), written by the browser's `JSON.stringify` so that no JSON code is in the wasm.
pub fn draft_json(draft: &Draft) -> String {
    passregion_json::to_string(draft).unwrap_or_default()
}

/// Whether anything was typed (the start page then offers to resume).
pub fn draft_started(draft: &Draft) -> bool {
    stored_json_started(&draft_json(draft))
}

fn stored_json_started(json: &str) -> bool {
    // A fresh draft's text, made once: every save (each keystroke) compares against it.
    thread_local!(static FRESH: String = draft_json(&Draft::default()));
    FRESH.with(|fresh| json != fresh.as_str())
}

/// The draft sessionStorage holds (fields missing from an older save take their defaults); a fresh one when there
/// is none or it cannot be read.
pub fn load_draft() -> Draft {
    let mut draft = storage::session_get(DRAFT_STORAGE_KEY)
        .and_then(|json| passregion_json::from_str::<Draft>(&json).ok())
        .unwrap_or_default();
    crate::photo_bridge::reconcile_draft(&mut draft);
    draft
}

pub fn save_draft(draft: &Draft) {
    let json = draft_json(draft);
    if stored_json_started(&json) {
        storage::session_set(DRAFT_STORAGE_KEY, &json);
    } else {
        storage::session_remove(DRAFT_STORAGE_KEY);
    }
}

fn load_receipt() -> Option<Receipt> {
    storage::session_get(RECEIPT_STORAGE_KEY).and_then(|json| passregion_json::from_str(&json).ok())
}

/// Creates the state, restores what storage holds, saves every draft change, and fetches the campaign.
pub fn provide_app_state(lang: RwSignal<Lang>) -> AppState {
    crate::photo_bridge::restore_photo();
    let state = AppState {
        draft: RwSignal::new(load_draft()),
        campaign: RwSignal::new(Remote::Loading),
        server_errors: RwSignal::new(Vec::new()),
        receipt: RwSignal::new(load_receipt()),
        last_email: RwSignal::new(None),
    };
    provide_context(state);
    Effect::new(move |_| state.draft.with(save_draft));
    load_campaign(state, lang.get_untracked());
    state
}

/// (Re)loads the campaign; pages show a retry button when it failed.
pub fn load_campaign(state: AppState, lang: Lang) {
    load_campaign_into(state.campaign, lang);
}

/// Fetches the campaign into `campaign` (the application's state, or the start page's own bundle's signal).
pub fn load_campaign_into(campaign: RwSignal<Remote<Campaign>>, lang: Lang) {
    campaign.set(Remote::Loading);
    leptos::task::spawn_local(async move {
        let result = crate::api::campaign(lang).await;
        campaign.set(match result {
            Ok(c) => Remote::Ready(c),
            Err(e) => Remote::Failed(e),
        });
    });
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

/// The idempotency key to send `request` with (core's `Draft::idempotency_key_for`, its fingerprint written by the
/// browser's JSON.stringify: the same text, hence the same key for a draft saved by an older build).
pub fn idempotency_key(draft: &mut Draft, request: &ApplicationRequest) -> String {
    draft.idempotency_key_with(request, |body| passregion_json::to_string(body).unwrap_or_default(), random_uuid)
}

/// Today in Paris, the campaign's time zone, from the device's clock: the same function as the server's, so both
/// agree on the day (campaign open, birth date not in the future) whatever the device's time zone.
pub fn today() -> Date {
    passregion_core::date::paris_date((js_sys::Date::now() / 1000.0).floor() as i64)
}

/// A random UUID v4 from the browser's CSPRNG, for the idempotency key.
pub fn random_uuid() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    if bytes == [0u8; 16] {
        // No crypto (should not happen in a supported browser): still unique enough to tell two drafts apart.
        let seed = (js_sys::Math::random() * 1e15) as u64 ^ (js_sys::Date::now() as u64);
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        bytes[8..].copy_from_slice(&((js_sys::Math::random() * 1e15) as u64).to_le_bytes());
    }
    uuid_v4_from_bytes(bytes)
}

/// Formats 16 random bytes as a version-4, RFC 4122 variant UUID.
pub fn uuid_v4_from_bytes(mut b: [u8; 16]) -> String {
    use std::fmt::Write;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex = b.iter().fold(String::with_capacity(32), |mut hex, x| {
        let _ = write!(hex, "{x:02x}");
        hex
    });
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_has_version_and_variant_bits() {
        let id = uuid_v4_from_bytes([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let id = uuid_v4_from_bytes([0; 16]);
        assert_eq!(id, "00000000-0000-4000-8000-000000000000");
    }

    #[test]
    fn a_fresh_draft_is_not_started_and_a_typed_one_is() {
        let mut d = Draft::default();
        assert!(!draft_started(&d));
        d.first_name = "Léa".into();
        assert!(draft_started(&d));
        let mut only_password = Draft::default();
        only_password.set_password("abc");
        assert!(!draft_started(&only_password), "the password alone is never stored");
    }
}
