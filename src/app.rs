use leptos::prelude::*;

use crate::i18n::{provide_i18n, t};

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    view! { <p>{t("shell.wordmark")}</p> }
}
