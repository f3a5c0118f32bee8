//! The way to the new photo: after the establishment refused the photo, or for a duplicate card not yet validated
//! (`status::new_photo_for`, the same rule the server applies). The photo step itself is not in this bundle: it is
//! the application's, served as a page of its own at `/espace/nouvelle-photo` (src/space_photo/ in the app crate),
//! so that none of it weighs on the space's first load. The link leaves the router (`rel="external"`): a full page
//! load, and the photo page sends back to `/espace?photo=…` once the photo is saved.

use leptos::prelude::*;
use passregion_core::status::NewPhotoFor;

use crate::i18n::t;

pub const NEW_PHOTO_PATH: &str = "/espace/nouvelle-photo";

#[component]
pub fn NewPhotoLink(why: NewPhotoFor) -> impl IntoView {
    let (label, hint) = match why {
        NewPhotoFor::Refused => ("photo.open_refused", "photo.open_refused_hint"),
        NewPhotoFor::Duplicate => ("photo.open_duplicate", "photo.open_duplicate_hint"),
    };
    view! {
        <div class="new-photo">
            <p><a class="button button--primary" href=NEW_PHOTO_PATH rel="external">{t(label)}</a></p>
            <p class="field__hint">{t(hint)}</p>
        </div>
    }
}
