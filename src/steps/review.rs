//! Step "verification": every answer grouped by step (the rows come from core's `journey::review`) with a
//! "Modifier" link that comes back here, the photo on a mock of the card, the password again if a reload erased it,
//! and the submission.

mod submit;

use leptos::prelude::*;
use passregion_core::api::Civility;
use passregion_core::journey::review::{ReviewValue, rows};
use passregion_core::journey::{self, StepId};

use super::identity::PasswordFields;
use crate::i18n::{t, t_now};
use crate::state::use_app_state;
use crate::ui::step_frame::StepFrame;

/// A review value in words.
fn value_text(value: ReviewValue) -> String {
    match value {
        ReviewValue::Text(text) => text,
        ReviewValue::YesNo(yes) => t_now(if yes { "common.yes" } else { "common.no" }),
        ReviewValue::Date(date) => date.map(|d| d.in_words(t_now)).unwrap_or_default(),
        ReviewValue::Civility(Some(Civility::Madame)) => t_now("common.civility_madame"),
        ReviewValue::Civility(Some(Civility::Monsieur)) => t_now("common.civility_monsieur"),
        ReviewValue::Civility(None) => String::new(),
        ReviewValue::Key(key) => t_now(key),
    }
}

#[component]
fn ReviewGroup(step: StepId) -> impl IntoView {
    let state = use_app_state();
    let title = t(step.title_key());
    let edit_href = step.path_back_to_review();
    let heading_id = format!("review-{}", step.slug());
    view! {
        <section class="review-group" aria-labelledby=heading_id.clone()>
            <div class="review-group__head">
                <h2 id=heading_id.clone()>{title.clone()}</h2>
                <a class="button button--secondary button--small" href=edit_href>
                    {t("review.edit")}
                    <span class="visually-hidden">" : " {title}</span>
                </a>
            </div>
            {move || {
                if step == StepId::Photo {
                    return view! { <CardPreview /> }.into_any();
                }
                let items = state.draft.with(|d| rows(step, d));
                view! {
                    <dl class="review-list">
                        {items
                            .into_iter()
                            .map(|row| view! {
                                <div class="review-list__row">
                                    <dt>{t_now(row.label_key)}</dt>
                                    <dd>{value_text(row.value)}</dd>
                                </div>
                            })
                            .collect_view()}
                    </dl>
                }
                .into_any()
            }}
        </section>
    }
}

/// The photo on a mock of the card, with the name and school as they will be printed.
#[component]
pub fn CardPreview() -> impl IntoView {
    let state = use_app_state();
    let name = Signal::derive(move || {
        state.draft.with(|d| passregion_core::rules::name::card_name(&d.first_name, &d.last_name))
    });
    let school =
        Signal::derive(move || state.draft.with(|d| d.establishment().map(|e| e.name.clone()).unwrap_or_default()));
    view! {
        <crate::photo::CardPreview photo_url=Signal::derive(crate::photo_bridge::photo_url) name=name school=school />
    }
}

#[component]
pub fn ReviewStep() -> impl IntoView {
    let state = use_app_state();
    let visible = Memo::new(move |_| {
        let Some(campaign) = state.campaign_now() else {
            return Vec::new();
        };
        state.draft.with(|d| journey::visible_steps(d, &campaign))
    });
    // Once asked again here, the boxes stay until the page is left, even when filled.
    let ask_password = state.draft.with_untracked(|d| d.password().is_empty());
    view! {
        <StepFrame step=StepId::Review no_continue=true>
            <p class="step__intro">{t("review.intro")}</p>
            {move || {
                visible
                    .get()
                    .into_iter()
                    .filter(|s| *s != StepId::Review)
                    .map(|s| view! { <ReviewGroup step=s /> })
                    .collect_view()
            }}
            <Show when=move || ask_password>
                <section class="review-group" aria-labelledby="review-password-title">
                    <h2 id="review-password-title">{t("review.password_again_title")}</h2>
                    <p>{t("review.password_again")}</p>
                    <PasswordFields />
                </section>
            </Show>
            <submit::SubmitButton />
        </StepFrame>
    }
}
