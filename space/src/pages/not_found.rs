use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::{HOME_PATH, LOGIN_PATH};
use crate::i18n::t;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1 id="page-title" tabindex="-1">{t("notfound.title")}</h1>
        <p>{t("notfound.text")}</p>
        <ul>
            <li><A href=HOME_PATH>{t("notfound.home")}</A></li>
            <li><A href=LOGIN_PATH>{t("notfound.login")}</A></li>
        </ul>
    }
}
