//! The four stages (Inscription → Validation par l'établissement → Fabrication et expédition → Carte remise), each
//! with its state in words (never by colour alone) and its date, done or expected.

use leptos::prelude::*;
use passregion_core::status::{Progress, Stage, StageState, TimelineStep};

use super::status::{stage_key, state_key};
use crate::dates;
use crate::i18n::{t, t_now, tf_now};

fn state_class(s: StageState) -> &'static str {
    match s {
        StageState::Done => "timeline__step timeline__step--done",
        StageState::Current => "timeline__step timeline__step--current",
        StageState::ActionNeeded => "timeline__step timeline__step--action",
        StageState::Upcoming => "timeline__step timeline__step--upcoming",
        StageState::Stopped => "timeline__step timeline__step--stopped",
    }
}

#[component]
pub fn Step(step: TimelineStep, #[prop(optional)] duplicate: bool) -> impl IntoView {
    let current = matches!(step.state, StageState::Current | StageState::ActionNeeded);
    view! {
        <li class=state_class(step.state) aria-current=current.then_some("step")>
            <span class="timeline__mark" aria-hidden="true"></span>
            <div class="timeline__body">
                <h3 class="timeline__name">{t(if duplicate { super::card::duplicate_stage_key(step.stage) } else { stage_key(step.stage) })}</h3>
                <p class="timeline__state">
                    {move || match (step.state, step.done_on) {
                        (StageState::Done, Some(d)) => tf_now("timeline.done_on", &[("date", &dates::long(d))]),
                        (state, _) => t_now(state_key(state)),
                    }}
                </p>
                {move || match (step.state, step.expected_from, step.expected_to) {
                    (StageState::Done, ..) => None,
                    (_, Some(from), Some(to)) => {
                        // Only a duplicate's validation (by the Région) has expected days; the establishment's has none.
                        let text = if step.stage == Stage::SchoolValidation {
                            dates::validation_expected(from, to)
                        } else {
                            dates::card_expected(from, to)
                        };
                        Some(view! { <p class="timeline__expected">{text}</p> })
                    }
                    _ => None,
                }}
            </div>
        </li>
    }
}

#[component]
pub fn Timeline(progress: Progress) -> impl IntoView {
    view! {
        <section class="space-section" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t("timeline.title")}</h2>
            <ol class="timeline">
                {progress.timeline.into_iter().map(|step| view! { <Step step /> }).collect_view()}
            </ol>
        </section>
    }
}
