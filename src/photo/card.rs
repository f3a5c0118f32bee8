//! The card mock: the photo as it will be printed, with the name (and the school when known), so the person sees
//! the result in context. The photo step and the review both show this one.

use leptos::prelude::*;

use crate::i18n::t;

/// `photo_url`: an object URL of the final JPEG (`None` shows a placeholder); `name`: as printed (core's
/// `rules::name::card_name`); `school`: the establishment's name, where the journey knows it.
#[component]
pub fn CardPreview(
    #[prop(into)] photo_url: Signal<Option<String>>,
    #[prop(into)] name: Signal<String>,
    #[prop(optional, into)] school: MaybeProp<String>,
) -> impl IntoView {
    view! {
        <figure class="card-mock" aria-label=t("review.card_label")>
            <div class="card-mock__photo">
                {move || match photo_url.get() {
                    Some(url) => view! { <img src=url alt=t("photo.card_photo_alt") /> }.into_any(),
                    None => view! { <span class="card-mock__placeholder">{t("review.photo_missing")}</span> }.into_any(),
                }}
            </div>
            <figcaption class="card-mock__text">
                <span class="card-mock__brand">{t("shell.wordmark")}</span>
                <span class="card-mock__name">{move || name.get()}</span>
                {move || school.get().filter(|s| !s.is_empty()).map(|s| view! { <span class="card-mock__school">{s}</span> })}
            </figcaption>
        </figure>
    }
}
