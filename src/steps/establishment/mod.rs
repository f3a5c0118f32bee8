//! Step "etablissement": the school (a search combobox) and the stream taught there.

mod levels;
mod school_search;
mod streams;

use leptos::prelude::*;
use passregion_core::journey::StepId;

use crate::i18n::t;
use crate::state::use_app_state;
use crate::ui::layout::Helpline;
use crate::ui::step_frame::StepFrame;

#[component]
pub fn EstablishmentStep() -> impl IntoView {
    let state = use_app_state();
    let uai = Memo::new(move |_| state.draft.with(|d| d.establishment().map(|e| e.uai.clone())));
    view! {
        <StepFrame step=StepId::Establishment>
            <p class="step__intro">{t("school.intro")}</p>
            <school_search::SchoolSearch />
            <details class="disclosure">
                <summary>{t("school.not_found_title")}</summary>
                <div class="disclosure__body">
                    <p>{t("school.not_found_text")}</p>
                    <p>{t("school.not_found_call")} " " <Helpline /></p>
                </div>
            </details>
            {move || uai.get().map(|uai| view! { <streams::StreamPicker uai=uai /> })}
        </StepFrame>
    }
}
