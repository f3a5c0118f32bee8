//! Step "coordonnees": the student's mobile phone and postal address, the commune from the official postcode list.

mod commune;

use leptos::prelude::*;
use passregion_core::api::field;
use passregion_core::journey::StepId;
use passregion_core::rules::phone::tidy_phone;

use crate::i18n::t;
use crate::state::use_app_state;
use crate::ui::fields::TextField;
use crate::ui::step_frame::StepFrame;
use commune::CommuneField;

#[component]
pub fn ContactStep() -> impl IntoView {
    let d = use_app_state().draft;
    macro_rules! text {
        ($field:ident) => {
            (
                Signal::derive(move || d.with(|d| d.$field.clone())),
                Callback::new(move |v: String| d.update(|d| d.$field = v)),
            )
        };
    }
    let (phone, set_phone) = text!(mobile_phone);
    let (street, set_street) = text!(street);
    let (complement, set_complement) = text!(complement);
    let (care_of, set_care_of) = text!(care_of);
    let (postal_code, set_postal_code) = text!(postal_code);
    view! {
        <StepFrame step=StepId::Contact>
            <p class="step__intro">{t("contact.intro")}</p>
            <TextField
                path=field::MOBILE_PHONE
                label=t("contact.mobile_phone")
                hint=t("contact.mobile_phone_hint")
                value=phone
                set=set_phone
                input_type="tel"
                autocomplete="tel"
                maxlength=20
                tidy=tidy_phone
            />
            <fieldset class="fieldset">
                <legend class="fieldset__legend">{t("contact.address")}</legend>
                <TextField
                    path=field::STREET
                    label=t("contact.street")
                    hint=t("contact.street_hint")
                    value=street
                    set=set_street
                    autocomplete="address-line1"
                    maxlength=100
                />
                <TextField
                    path=field::COMPLEMENT
                    label=t("contact.complement")
                    hint=t("contact.complement_hint")
                    value=complement
                    set=set_complement
                    autocomplete="address-line2"
                    maxlength=100
                />
                <TextField
                    path=field::CARE_OF
                    label=t("contact.care_of")
                    hint=t("contact.care_of_hint")
                    value=care_of
                    set=set_care_of
                    autocomplete="off"
                    maxlength=100
                />
                <TextField
                    path=field::POSTAL_CODE
                    label=t("contact.postal_code")
                    hint=t("contact.postal_code_hint")
                    value=postal_code
                    set=set_postal_code
                    autocomplete="postal-code"
                    inputmode="numeric"
                    maxlength=5
                    class="input--5"
                />
                <CommuneField />
            </fieldset>
        </StepFrame>
    }
}
