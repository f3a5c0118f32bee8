//! Where the rest of the app meets the photo step (src/photo/, owned by the photo helper).
//!
//! The photo step hands over the prepared JPEG with [`set_photo`] (and records its `PhotoMeta` in the draft);
//! the review page shows it with [`photo_url`], submission sends [`photo_blob`], "Effacer mes données" and a
//! successful submission call [`forget_photo`].
//!
//! Like the draft, the photo is kept in `sessionStorage` (base64, under [`PHOTO_STORAGE_KEY`]) so that a reload
//! or a link followed in the same tab does not make the person take it again; it dies with the tab. If storage
//! refuses it (quota), it lives in memory only and, after a reload, [`reconcile_draft`] forgets the draft's photo
//! meta so the journey sends the person back to the photo step instead of failing at submission.

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsValue;

use crate::storage;

pub const PHOTO_STORAGE_KEY: &str = "passregion.photo";

thread_local! {
    static PHOTO: RefCell<Option<(web_sys::Blob, String)>> = const { RefCell::new(None) };
    /// Bumped on every change, so a slow save of an older photo does not overwrite a newer choice.
    static GENERATION: Cell<u64> = const { Cell::new(0) };
    /// Reference-counted, not arena-owned: whichever view first touches it (the photo step, the review, a click on
    /// "Effacer mes données") must not own it, or it dies with that view and the next update panics. With the
    /// steps fetched lazily (src/chunks.rs) that view is often one already gone when the application is sent.
    static VERSION: ArcRwSignal<u64> = ArcRwSignal::new(0);
}

fn bump() {
    VERSION.with(|v| v.update(|n| *n += 1));
}

fn replace_in_memory(blob: Option<web_sys::Blob>) -> u64 {
    PHOTO.with(|p| {
        if let Some((_, url)) = p.borrow_mut().take() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
        if let Some(blob) = blob {
            let url = web_sys::Url::create_object_url_with_blob(&blob).unwrap_or_default();
            *p.borrow_mut() = Some((blob, url));
        }
    });
    bump();
    GENERATION.with(|g| {
        g.set(g.get() + 1);
        g.get()
    })
}

/// Keeps the prepared photo (replacing any earlier one), saves it for the tab, and tells the views.
pub fn set_photo(blob: Option<web_sys::Blob>) {
    let generation = replace_in_memory(blob.clone());
    match blob {
        Some(blob) => save(blob, generation),
        None => storage::session_remove(PHOTO_STORAGE_KEY),
    }
}

pub fn forget_photo() {
    set_photo(None);
}

pub fn photo_blob() -> Option<web_sys::Blob> {
    PHOTO.with(|p| p.borrow().as_ref().map(|(b, _)| b.clone()))
}

/// An object URL of the photo for `<img src>`; reactive (re-read when the photo changes).
pub fn photo_url() -> Option<String> {
    VERSION.with(|v| v.track());
    PHOTO.with(|p| p.borrow().as_ref().map(|(_, u)| u.clone()))
}

fn save(blob: web_sys::Blob, generation: u64) {
    // Plain browser task: no reactive owner is involved, and it must work before the app is mounted.
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(buffer) = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await else {
            return;
        };
        if GENERATION.with(Cell::get) != generation {
            return;
        }
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        let binary: String = bytes.iter().map(|&b| char::from(b)).collect();
        let Some(encoded) = web_sys::window().and_then(|w| w.btoa(&binary).ok()) else {
            return;
        };
        storage::session_remove(PHOTO_STORAGE_KEY);
        storage::session_set(PHOTO_STORAGE_KEY, &format!("{};{encoded}", blob.type_()));
    });
}

/// Brings back the photo saved for this tab, if any (call once at start-up, before reading the draft).
pub fn restore_photo() {
    let Some(saved) = storage::session_get(PHOTO_STORAGE_KEY) else {
        return;
    };
    let Some((mime, encoded)) = saved.split_once(';') else {
        return;
    };
    let Some(binary) = web_sys::window().and_then(|w| w.atob(encoded).ok()) else {
        return;
    };
    let bytes: Vec<u8> = binary.chars().map(|c| c as u32 as u8).collect();
    let array = js_sys::Uint8Array::from(bytes.as_slice());
    let parts = js_sys::Array::of1(&JsValue::from(array));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) {
        replace_in_memory(Some(blob));
    }
}

/// Without the bytes, the draft's photo meta would let the journey reach a submission that must fail: forget it
/// so the photo step asks again.
pub fn reconcile_draft(draft: &mut passregion_core::draft::Draft) {
    if draft.photo.is_some() && photo_blob().is_none() {
        draft.photo = None;
    }
}
