//! The browser's JSON (passregion-json: `JSON.parse`/`JSON.stringify`, its own deserializer, serde-wasm-bindgen's
//! serializer) against serde_json's, which wrote everything before: the draft and the receipt in sessionStorage, a
//! request body, a problem answer, the idempotency fingerprint. The same text both ways, so a draft saved by an
//! older build still reads back and the server reads the bodies as before.
#![cfg(target_arch = "wasm32")]

use passregion_app::state::{self, DRAFT_STORAGE_KEY, Receipt};
use passregion_app::storage;
use passregion_core::api::{
    Address, ApplicationRequest, Civility, Consents, Contact, Delivery, Identity, Problem, Schooling,
};
use passregion_core::draft::{Draft, EstablishmentChoice, PhotoMeta, StreamChoice};
use passregion_core::guardian::ConsentPending;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Every kind of field the draft stores: strings with accents, quotes and a newline, options set and unset,
/// nested structs, a u64, booleans, the idempotency key and its fingerprint.
fn full_draft() -> Draft {
    let mut d = Draft::default();
    d.accept_charter("2026-1", true);
    d.civility = Some(Civility::Monsieur);
    d.last_name = "N'Diaye \"Lefèvre\"".into();
    d.first_name = "Éloi\nJosé 😀".into();
    d.birth_day = "3".into();
    d.birth_month = "7".into();
    d.birth_year = "2011".into();
    d.email = "eloi@example.fr".into();
    d.set_password("Secret-Cheval-42");
    d.set_password_confirm("Secret-Cheval-42");
    d.guardian.civility = Some(Civility::Madame);
    d.guardian.last_name = "Diaye".into();
    d.postal_code = "69001".into();
    d.commune_not_listed = true;
    d.set_establishment(Some(EstablishmentChoice {
        uai: "0690001A".into(),
        name: "Lycée <Ampère>".into(),
        commune: None,
    }));
    d.set_stream(Some(StreamChoice { code: "2GT".into(), label: "Seconde générale & technologique".into() }));
    d.photo = Some(PhotoMeta { width: 600, height: 800, bytes: 1_234_567 });
    d.send_to_establishment = false;
    d.consent_news = true;
    d.idempotency_key_for(&request(None), || "5c0ffee0-0000-4000-8000-000000000000".into());
    d
}

fn request(complement: Option<&str>) -> ApplicationRequest {
    ApplicationRequest {
        campaign_id: "2026-2027".into(),
        charter_version: "2026-1".into(),
        identity: Identity {
            civility: Civility::Madame,
            last_name: "Lefèvre".into(),
            first_name: "Élodie".into(),
            birth_date: "2010-07-03".into(),
            email: "elodie@example.fr".into(),
            password: "Secret-Cheval-42".into(),
        },
        guardian: None,
        contact: Contact {
            mobile_phone: "+33612345678".into(),
            address: Address {
                street: "1 rue de la \"Paix\"".into(),
                complement: complement.map(str::to_string),
                care_of: None,
                postal_code: "69001".into(),
                commune: "Lyon".into(),
                commune_not_listed: false,
            },
        },
        schooling: Schooling { uai: "0690001A".into(), stream_code: "2GT".into() },
        delivery: Delivery { send_to_establishment: true },
        consents: Consents { good_deals: false, news: true },
    }
}

#[wasm_bindgen_test]
fn the_draft_is_stored_as_serde_json_wrote_it() {
    for draft in [Draft::default(), full_draft()] {
        assert_eq!(state::draft_json(&draft), draft.to_storage_json());
    }
    assert!(!state::draft_json(&full_draft()).contains("Secret-Cheval"), "the password reached storage");
}

#[wasm_bindgen_test]
fn a_draft_saved_by_an_older_build_reads_back() {
    let draft = full_draft();
    let saved = draft.to_storage_json();
    let read: Draft = passregion_json::from_str(&saved).unwrap();
    assert_eq!(Some(read.clone()), Draft::from_storage_json(&saved));
    assert_eq!(read.last_name, draft.last_name);
    assert_eq!(read.photo, draft.photo);
    assert_eq!(read.idempotency_key(), Some("5c0ffee0-0000-4000-8000-000000000000"));
    assert!(read.password_lost());

    // Through the app's own loader (no photo: the photo bridge would drop the metadata of a photo it does not hold).
    let mut without_photo = draft.clone();
    without_photo.photo = None;
    storage::session_set(DRAFT_STORAGE_KEY, &without_photo.to_storage_json());
    assert_eq!(Some(state::load_draft()), Draft::from_storage_json(&without_photo.to_storage_json()));
    storage::session_remove(DRAFT_STORAGE_KEY);

    // Fields an older save did not have take their defaults; null options are None.
    let old: Draft = passregion_json::from_str(r#"{"last_name":"Martin","photo":null,"civility":"madame"}"#).unwrap();
    assert_eq!(old.last_name, "Martin");
    assert_eq!(old.civility, Some(Civility::Madame));
    assert!(old.send_to_establishment, "the default, not false");
    assert!(passregion_json::from_str::<Draft>("{not json").is_err());
    assert!(passregion_json::from_str::<Draft>(r#"{"photo":{"width":"wide"}}"#).is_err());
}

#[wasm_bindgen_test]
fn the_receipt_is_stored_as_serde_json_wrote_it() {
    let mut receipt = Receipt {
        dossier_number: "1234567890".into(),
        masked_email: "el****@example.fr".into(),
        created_at: "2026-10-01T10:00:00Z".into(),
        activation_expires_at: "2026-10-08T10:00:00Z".into(),
        first_name: "Élodie".into(),
        last_name: "Lefèvre".into(),
        establishment: "Lycée Ampère".into(),
        stream: "Seconde".into(),
        send_to_establishment: true,
        guardian_consent: None,
    };
    for _ in 0..2 {
        let json = serde_json::to_string(&receipt).unwrap();
        assert_eq!(passregion_json::to_string(&receipt).unwrap(), json);
        assert_eq!(passregion_json::from_str::<Receipt>(&json).unwrap(), receipt);
        receipt.guardian_consent =
            Some(ConsentPending { masked_email: "mo****@orange.fr".into(), expires_at: "2026-10-08T10:00:00Z".into() });
    }
}

#[wasm_bindgen_test]
fn request_bodies_are_the_text_serde_json_wrote() {
    for req in [request(None), request(Some("Bât. B"))] {
        let json = passregion_json::to_string(&req).unwrap();
        assert_eq!(json, serde_json::to_string(&req).unwrap());
        assert!(json.contains(r#""guardian":null"#), "{json}");
    }
}

#[wasm_bindgen_test]
fn problems_read_as_serde_json_read_them() {
    for body in [
        r#"{"type":"/problems/validation","title":"Invalid","status":422,"code":"validation_failed",
            "errors":[{"field":"contact.address.postal_code","code":"postal_code_invalid","message":"Code postal invalide."}]}"#,
        r#"{"type":"/problems/rate-limited","title":"Slow down","status":429,"code":"rate_limited","retry_after":600,"extra":true}"#,
        r#"{"type":"/problems/used","title":"Used","status":409,"code":"activation_already_used","detail":null,"dossier_number":"1234567890"}"#,
    ] {
        let ours: Problem = passregion_json::from_str(body).unwrap();
        assert_eq!(ours, serde_json::from_str::<Problem>(body).unwrap());
    }
    assert!(passregion_json::from_str::<Problem>("<html>Bad gateway</html>").is_err());
    assert!(passregion_json::from_str::<Problem>(r#"{"status":422}"#).is_err(), "type, title and code are required");
}

/// The key of a draft saved by an older build (fingerprint written by serde_json) is reused for the same request.
#[wasm_bindgen_test]
fn the_idempotency_fingerprint_is_the_same_as_before() {
    let mut older = full_draft();
    let key = older.idempotency_key_for(&request(Some("Bât. B")), || "first".into());
    assert_eq!(key, "first");
    assert_eq!(state::idempotency_key(&mut older, &request(Some("Bât. B"))), "first", "same request, same key");
    assert_ne!(state::idempotency_key(&mut older, &request(None)), "first", "a changed request gets a new key");
}
