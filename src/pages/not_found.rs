use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{t, t_now};
use crate::ui::step_frame::{focus_heading_on_navigation, set_document_title};

#[component]
pub fn NotFound() -> impl IntoView {
    Effect::new(move |_| set_document_title(&t_now("notfound.title")));
    focus_heading_on_navigation("notfound-title");
    view! {
        <div class="page">
            <h1 id="notfound-title" tabindex="-1">{t("notfound.title")}</h1>
            <p>{t("notfound.text")}</p>
            <p><A href="/" attr:class="button button--primary">{t("notfound.home")}</A></p>
        </div>
    }
}
