//! The review step's rows: for each step, what is shown back to the person and under which label. Labels of fields
//! come from the step's own field rows ([`super::fields`]); the few rows that are not one field (the address, the
//! delivery choice) name their own key. Values stay untranslated: the app turns them into words.

use super::StepId;
use super::fields::{self, Field};
use crate::api::Civility;
use crate::draft::Draft;
use crate::rules::name::display_last_name;
use crate::rules::phone::tidy_phone;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewValue {
    /// Shown as written (already tidied).
    Text(String),
    YesNo(bool),
    /// A date, to be written in words in the language on screen ([`crate::Date::in_words`]); none when not given.
    Date(Option<crate::Date>),
    Civility(Option<Civility>),
    /// A sentence of the translation files, by key.
    Key(&'static str),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewRow {
    pub label_key: &'static str,
    pub value: ReviewValue,
}

fn row(field: Field, value: ReviewValue) -> ReviewRow {
    ReviewRow { label_key: field.label_key, value }
}

fn text(value: &str) -> ReviewValue {
    ReviewValue::Text(value.trim().to_string())
}

/// The rows of one step's group on the review page; empty for the steps shown otherwise (the photo, on its card).
pub fn rows(step: StepId, d: &Draft) -> Vec<ReviewRow> {
    use ReviewValue::{Civility, Key, Text, YesNo};
    match step {
        StepId::Charter => vec![ReviewRow { label_key: "review.charter_accepted", value: YesNo(d.charter_accepted) }],
        StepId::Identity => vec![
            row(fields::CIVILITY, Civility(d.civility)),
            row(fields::LAST_NAME, Text(display_last_name(d.last_name.trim()))),
            row(fields::FIRST_NAME, text(&d.first_name)),
            row(fields::BIRTH_DATE, ReviewValue::Date(d.birth_date().ok())),
            row(fields::EMAIL, text(&d.email)),
        ],
        StepId::Guardian => vec![
            row(fields::GUARDIAN_CIVILITY, Civility(d.guardian.civility)),
            row(fields::GUARDIAN_LAST_NAME, Text(display_last_name(d.guardian.last_name.trim()))),
            row(fields::GUARDIAN_FIRST_NAME, text(&d.guardian.first_name)),
            row(fields::GUARDIAN_EMAIL, text(&d.guardian.email)),
            row(fields::GUARDIAN_PHONE, Text(tidy_phone(&d.guardian.phone))),
        ],
        StepId::Contact => {
            let mut address = vec![d.street.trim()];
            address.extend([d.complement.trim(), d.care_of.trim()].into_iter().filter(|s| !s.is_empty()));
            let town = format!("{} {}", d.postal_code.trim(), d.commune.trim());
            address.push(&town);
            vec![
                row(fields::MOBILE_PHONE, Text(tidy_phone(&d.mobile_phone))),
                ReviewRow { label_key: "contact.address", value: Text(address.join(", ")) },
            ]
        }
        StepId::Establishment => vec![
            row(fields::UAI, Text(d.establishment().map(|e| e.name.clone()).unwrap_or_default())),
            row(fields::STREAM_CODE, Text(d.stream().map(|s| s.label.clone()).unwrap_or_default())),
        ],
        StepId::Photo | StepId::Review => vec![],
        StepId::Delivery => vec![
            ReviewRow {
                label_key: "review.delivery",
                value: Key(if d.send_to_establishment { "review.delivery_school" } else { "review.delivery_home" }),
            },
            ReviewRow { label_key: "delivery.good_deals", value: YesNo(d.consent_good_deals) },
            ReviewRow { label_key: "delivery.news", value: YesNo(d.consent_news) },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(step: StepId, d: &Draft) -> Vec<&'static str> {
        rows(step, d).into_iter().map(|r| r.label_key).collect()
    }

    /// A field shown back under the same words that name it in the error summary.
    #[test]
    fn field_rows_take_the_fields_labels() {
        let d = Draft::default();
        assert_eq!(
            labels(StepId::Identity, &d),
            ["identity.civility", "identity.last_name", "identity.first_name", "identity.birth_date", "identity.email"]
        );
        assert_eq!(labels(StepId::Establishment, &d), ["school.label", "school.stream_label"]);
        for step in [StepId::Identity, StepId::Guardian, StepId::Establishment] {
            for label in labels(step, &d) {
                assert!(
                    super::super::STEPS
                        .iter()
                        .flat_map(|s| match s.checks {
                            super::super::Checks::Fields(fs) => fs,
                            super::super::Checks::Everything => &[][..],
                        })
                        .any(|f| f.label_key == label),
                    "{label}"
                );
            }
        }
    }

    #[test]
    fn values_are_tidied_and_the_address_skips_empty_lines() {
        let mut d = Draft::default();
        d.last_name = "  de la fontaine ".into();
        d.first_name = " Zoé ".into();
        d.mobile_phone = "0612345678".into();
        d.street = " 3 rue Neuve ".into();
        d.complement = "  ".into();
        d.care_of = "chez Mme Roux".into();
        d.postal_code = "69001".into();
        d.commune = "Lyon".into();
        d.birth_day = "7".into();
        d.birth_month = "3".into();
        d.birth_year = "2009".into();
        let identity = rows(StepId::Identity, &d);
        assert_eq!(identity[3].value, ReviewValue::Date(crate::Date::new(2009, 3, 7)));
        assert_eq!(identity[1].value, ReviewValue::Text(display_last_name("de la fontaine")));
        assert_eq!(identity[2].value, ReviewValue::Text("Zoé".into()));
        let contact = rows(StepId::Contact, &d);
        assert_eq!(contact[0].value, ReviewValue::Text(tidy_phone("0612345678")));
        assert_eq!(contact[1].value, ReviewValue::Text("3 rue Neuve, chez Mme Roux, 69001 Lyon".into()));
    }

    #[test]
    fn the_delivery_choice_is_a_sentence_and_consents_are_yes_or_no() {
        let mut d = Draft::default();
        d.send_to_establishment = false;
        d.consent_news = true;
        assert_eq!(
            rows(StepId::Delivery, &d),
            vec![
                ReviewRow { label_key: "review.delivery", value: ReviewValue::Key("review.delivery_home") },
                ReviewRow { label_key: "delivery.good_deals", value: ReviewValue::YesNo(false) },
                ReviewRow { label_key: "delivery.news", value: ReviewValue::YesNo(true) },
            ]
        );
        assert!(rows(StepId::Photo, &d).is_empty());
    }
}
