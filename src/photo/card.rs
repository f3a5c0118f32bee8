//! The card mock: the photo as it will be printed, with the name, so the person sees the result in context.

use leptos::prelude::*;

use crate::i18n::t;

/// `photo_url`: an object URL of the final JPEG (`None` shows a placeholder); `name`: the name as printed.
#[component]
pub fn CardPreview(
    #[prop(into)] photo_url: Signal<Option<String>>,
    #[prop(into)] name: Signal<String>,
) -> impl IntoView {
    view! {
        <figure class="photo-card" style="display:flex;gap:1rem;align-items:center;max-width:22rem;padding:1rem;border-radius:0.75rem;background:linear-gradient(135deg,#0b4f9c,#1f8fd6);color:#fff">
            <div style="width:6.3rem;aspect-ratio:7/9;background:#fff;flex:none;overflow:hidden;border-radius:0.25rem">
                {move || photo_url.get().map(|url| view! {
                    <img src=url alt=t("photo.card_photo_alt") style="width:100%;height:100%;object-fit:cover;display:block" />
                })}
            </div>
            <figcaption>
                <strong style="display:block;font-size:1.1rem">{t("photo.card_title")}</strong>
                <span style="display:block;margin-top:0.5rem">{move || name.get()}</span>
            </figcaption>
        </figure>
    }
}
