//! Step "envoi": where the card is sent, the data-protection notice, and the two opt-ins.

use leptos::prelude::*;
use passregion_core::journey::StepId;

use crate::i18n::t;
use crate::pages::privacy::PrivacyNotice;
use crate::state::use_app_state;
use crate::ui::fields::CheckboxField;
use crate::ui::step_frame::StepFrame;

#[component]
pub fn DeliveryStep() -> impl IntoView {
    let d = use_app_state().draft;
    view! {
        <StepFrame step=StepId::Delivery>
            <section aria-labelledby="delivery-title">
                <h2 id="delivery-title">{t("delivery.card_title")}</h2>
                <CheckboxField
                    path="delivery.send_to_establishment"
                    label=t("delivery.send_to_establishment")
                    hint=t("delivery.send_to_establishment_hint")
                    checked=Signal::derive(move || d.with(|d| d.send_to_establishment))
                    set=move |on: bool| d.update(|d| d.send_to_establishment = on)
                />
                <Show when=move || !d.with(|d| d.send_to_establishment)>
                    <p class="notice notice--info">{t("delivery.home_notice")}</p>
                </Show>
            </section>
            <section aria-labelledby="privacy-notice-title" class="card">
                <h2 id="privacy-notice-title">{t("privacy.notice_title")}</h2>
                <PrivacyNotice />
            </section>
            <fieldset class="fieldset">
                <legend class="fieldset__legend">{t("delivery.optins_legend")}</legend>
                <p class="field__hint">{t("delivery.optins_hint")}</p>
                <CheckboxField
                    path="consents.good_deals"
                    label=t("delivery.good_deals")
                    checked=Signal::derive(move || d.with(|d| d.consent_good_deals))
                    set=move |on: bool| d.update(|d| d.consent_good_deals = on)
                />
                <CheckboxField
                    path="consents.news"
                    label=t("delivery.news")
                    checked=Signal::derive(move || d.with(|d| d.consent_news))
                    set=move |on: bool| d.update(|d| d.consent_news = on)
                />
            </fieldset>
        </StepFrame>
    }
}
