//! The data-protection page, and the notice also shown on the delivery step.

use leptos::prelude::*;

use crate::i18n::{t, t_now};
use crate::ui::layout::Helpline;
use crate::ui::step_frame::{focus_heading_on_navigation, set_document_title};

/// Who processes the data, why, who receives it, how long, the person's rights and the DPO.
#[component]
pub fn PrivacyNotice() -> impl IntoView {
    view! {
        <div class="privacy-notice">
            <h3>{t("privacy.controller_title")}</h3>
            <p>{t("privacy.controller")}</p>
            <h3>{t("privacy.purpose_title")}</h3>
            <p>{t("privacy.purpose")}</p>
            <h3>{t("privacy.recipients_title")}</h3>
            <p>{t("privacy.recipients")}</p>
            <h3>{t("privacy.retention_title")}</h3>
            <p>{t("privacy.retention")}</p>
            <h3>{t("privacy.rights_title")}</h3>
            <p>{t("privacy.rights")}</p>
            <h3>{t("privacy.dpo_title")}</h3>
            <p>{t("privacy.dpo")}</p>
        </div>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    Effect::new(move |_| set_document_title(&t_now("privacy.title")));
    focus_heading_on_navigation("privacy-title");
    view! {
        <div class="page">
            <h1 id="privacy-title" tabindex="-1">{t("privacy.title")}</h1>
            <p class="lead">{t("privacy.lead")}</p>
            <PrivacyNotice />
            <h2>{t("privacy.browser_title")}</h2>
            <p>{t("privacy.browser")}</p>
            <p>{t("privacy.questions")} " " <Helpline /></p>
        </div>
    }
}
