//! Step "representant-legal" (only under the campaign's guardian age): the guardian's identity and contact. The
//! guardian gives their consent themselves, from the link emailed to them once the application is sent (see
//! `passregion_core::guardian`), so the step explains that instead of asking the child to tick a box; their address
//! must not be the child's (core's rule, checked here on blur and on "Continuer" like every field).

use leptos::prelude::*;
use passregion_core::api::field;
use passregion_core::journey::StepId;
use passregion_core::rules::phone::tidy_phone;

use super::identity::{civility_code, civility_from_code, civility_options};
use crate::i18n::t;
use crate::state::use_app_state;
use crate::ui::fields::{RadioGroup, TextField};
use crate::ui::step_frame::StepFrame;

#[component]
pub fn GuardianStep() -> impl IntoView {
    let d = use_app_state().draft;
    macro_rules! text {
        ($field:ident) => {
            (
                Signal::derive(move || d.with(|d| d.guardian.$field.clone())),
                Callback::new(move |v: String| d.update(|d| d.guardian.$field = v)),
            )
        };
    }
    let (last_name, set_last_name) = text!(last_name);
    let (first_name, set_first_name) = text!(first_name);
    let (email, set_email) = text!(email);
    let (phone, set_phone) = text!(phone);
    view! {
        <StepFrame step=StepId::Guardian>
            <p class="step__intro">{t("guardian.intro")}</p>
            <RadioGroup
                path=field::GUARDIAN_CIVILITY
                legend=t("guardian.civility")
                options=civility_options()
                selected=Signal::derive(move || d.with(|d| d.guardian.civility.map(|c| civility_code(c).to_string())))
                set=move |v: String| d.update(|d| d.guardian.civility = civility_from_code(&v))
                inline=true
            />
            <TextField
                path=field::GUARDIAN_LAST_NAME
                label=t("guardian.last_name")
                value=last_name
                set=set_last_name
                autocomplete="off"
                spellcheck=false
                maxlength=100
                class="input--upper"
            />
            <TextField
                path=field::GUARDIAN_FIRST_NAME
                label=t("guardian.first_name")
                value=first_name
                set=set_first_name
                autocomplete="off"
                spellcheck=false
                maxlength=100
            />
            <TextField
                path=field::GUARDIAN_EMAIL
                label=t("guardian.email")
                hint=t("guardian.email_hint")
                value=email
                set=set_email
                input_type="email"
                autocomplete="off"
                autocapitalize="off"
                spellcheck=false
                maxlength=254
            />
            <TextField
                path=field::GUARDIAN_PHONE
                label=t("guardian.phone")
                hint=t("guardian.phone_hint")
                value=phone
                set=set_phone
                input_type="tel"
                autocomplete="off"
                maxlength=20
                tidy=tidy_phone
            />
            <div class="notice" id="guardian-consent-notice">
                <h2>{t("guardian.consent_title")}</h2>
                <p>{t("guardian.consent_email")}</p>
                <p>{t("guardian.consent_wait")}</p>
            </div>
        </StepFrame>
    }
}
