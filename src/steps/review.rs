//! Step "verification": every answer grouped by step with a "Modifier" link that comes back here, the photo on a
//! mock of the card, the password again if a reload erased it, and the submission.

mod submit;

use leptos::prelude::*;
use passregion_core::api::Civility;
use passregion_core::draft::Draft;
use passregion_core::journey::{self, StepId};
use passregion_core::rules::name::display_last_name;
use passregion_core::rules::phone::tidy_phone;

use super::identity::PasswordFields;
use crate::i18n::{t, t_now};
use crate::state::use_app_state;
use crate::ui::step_frame::{RETURN_PARAM, StepFrame};

fn civility_text(c: Option<Civility>) -> String {
    match c {
        Some(Civility::Madame) => t_now("common.civility_madame"),
        Some(Civility::Monsieur) => t_now("common.civility_monsieur"),
        None => String::new(),
    }
}

fn yes_no(b: bool) -> String {
    t_now(if b { "common.yes" } else { "common.no" })
}

/// The rows of one group: (label key, value).
fn rows(step: StepId, d: &Draft) -> Vec<(&'static str, String)> {
    let birth = d.birth_date().map(passregion_core::Date::to_french).unwrap_or_default();
    match step {
        StepId::Charter => vec![("review.charter_accepted", yes_no(d.charter_accepted))],
        StepId::Identity => vec![
            ("identity.civility", civility_text(d.civility)),
            ("identity.last_name", display_last_name(d.last_name.trim())),
            ("identity.first_name", d.first_name.trim().to_string()),
            ("identity.birth_date", birth),
            ("identity.email", d.email.trim().to_string()),
        ],
        StepId::Guardian => vec![
            ("guardian.civility", civility_text(d.guardian.civility)),
            ("guardian.last_name", display_last_name(d.guardian.last_name.trim())),
            ("guardian.first_name", d.guardian.first_name.trim().to_string()),
            ("guardian.email", d.guardian.email.trim().to_string()),
            ("guardian.phone", tidy_phone(&d.guardian.phone)),
        ],
        StepId::Contact => {
            let mut address = vec![d.street.trim().to_string()];
            for extra in [&d.complement, &d.care_of] {
                if !extra.trim().is_empty() {
                    address.push(extra.trim().to_string());
                }
            }
            address.push(format!("{} {}", d.postal_code.trim(), d.commune.trim()));
            vec![("contact.mobile_phone", tidy_phone(&d.mobile_phone)), ("contact.address", address.join(", "))]
        }
        StepId::Establishment => vec![
            ("school.label", d.establishment().map(|e| e.name.clone()).unwrap_or_default()),
            ("school.stream_label", d.stream().map(|s| s.label.clone()).unwrap_or_default()),
        ],
        StepId::Photo => vec![],
        StepId::Delivery => vec![
            (
                "review.delivery",
                t_now(if d.send_to_establishment { "review.delivery_school" } else { "review.delivery_home" }),
            ),
            ("delivery.good_deals", yes_no(d.consent_good_deals)),
            ("delivery.news", yes_no(d.consent_news)),
        ],
        StepId::Review => vec![],
    }
}

#[component]
fn ReviewGroup(step: StepId) -> impl IntoView {
    let state = use_app_state();
    let title = t(step.title_key());
    let edit_href = format!("{}?{RETURN_PARAM}={}", step.path(), StepId::Review.slug());
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
                            .map(|(key, value)| view! {
                                <div class="review-list__row">
                                    <dt>{crate::i18n::t_now(key)}</dt>
                                    <dd>{value}</dd>
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
