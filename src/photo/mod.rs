//! The photo step of the application: import or take a photo, crop it, check it, preview it on the card.

use leptos::prelude::*;

/// Placeholder until the full step lands; keeps the app compiling.
#[component]
pub fn PhotoStep() -> impl IntoView {
    view! { <section class="photo-step"></section> }
}
