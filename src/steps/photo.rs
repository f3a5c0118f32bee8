//! Step "photo": the photo helper's `PhotoStep` inside the common step frame, with the phone handoff offered. The
//! step's form hears what the photo helper has under way, so "Continue" says what is left (core's `photo_step`).

use leptos::prelude::*;
use passregion_core::api::field;
use passregion_core::journey::StepId;
use passregion_core::photo_step::{PhotoProgress, continue_issue};

use crate::photo::PhotoStep;
use crate::state::use_app_state;
use crate::ui::form::use_form;
use crate::ui::step_frame::StepFrame;

#[component]
pub fn PhotoPage() -> impl IntoView {
    view! {
        <StepFrame step=StepId::Photo>
            <PhotoFields />
        </StepFrame>
    }
}

/// Inside the frame, where its form is in context.
#[component]
fn PhotoFields() -> impl IntoView {
    let form = use_form();
    let state = use_app_state();
    let on_progress = Callback::new(move |progress: PhotoProgress| {
        // Idle: the draft alone says whether a photo is in use (core's step errors).
        let local = match progress {
            PhotoProgress::Idle => None,
            _ => continue_issue(progress, true),
        };
        form.local.set(local.map(|code| vec![(field::PHOTO, code)]).unwrap_or_default());
    });
    let message = Signal::derive(move || form.message(&state, field::PHOTO));
    view! {
        <PhotoStep phone_panel=crate::photo::handoff::panel on_progress=on_progress message=message />
    }
}
