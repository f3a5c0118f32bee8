//! Where the rest of the app meets the photo step (src/photo/, owned by the photo helper).
//!
//! The photo step hands over the prepared JPEG with [`set_photo`] (and records its `PhotoMeta` in the draft);
//! the review page shows it with [`photo_url`], submission sends [`photo_blob`], "Effacer mes données" calls
//! [`forget_photo`]. The bytes stay in memory for the tab's life; after a reload the photo step asks again
//! (the draft's `photo` meta is then cleared by [`reconcile_draft`]).

use leptos::prelude::*;
use std::cell::RefCell;

thread_local! {
    static PHOTO: RefCell<Option<(web_sys::Blob, String)>> = const { RefCell::new(None) };
    static VERSION: RwSignal<u64> = RwSignal::new(0);
}

fn bump() {
    VERSION.with(|v| v.update(|n| *n += 1));
}

/// Keeps the prepared photo (replacing any earlier one) and tells the views.
pub fn set_photo(blob: Option<web_sys::Blob>) {
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

/// After a reload the bytes are gone: forget the meta too, so the journey sends the person back to the photo step
/// instead of failing at submission.
pub fn reconcile_draft(draft: &mut passregion_core::draft::Draft) {
    if draft.photo.is_some() && photo_blob().is_none() {
        draft.photo = None;
    }
}
