//! Step "photo": the photo helper's `PhotoStep` inside the common step frame, with the phone handoff offered.

use leptos::prelude::*;
use passregion_core::journey::StepId;

use crate::photo::PhotoStep;
use crate::ui::step_frame::StepFrame;

#[component]
pub fn PhotoPage() -> impl IntoView {
    view! {
        <StepFrame step=StepId::Photo>
            <PhotoStep phone_panel=crate::photo::handoff::panel />
        </StepFrame>
    }
}
