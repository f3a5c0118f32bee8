//! The card on the dossier page: its number in groups of four, whether it is blocked or locked after wrong codes,
//! and, once declared lost, stolen or damaged, the duplicate's own three-stage timeline.

use leptos::prelude::*;
use leptos_router::components::A;
use passregion_core::space::CardView;
use passregion_core::status::{BlockReason, Duplicate, Stage};

use super::status::stage_key;
use super::timeline::Step;
use crate::app::{CARD_PATH, CODE_PATH};
use crate::dates;
use crate::i18n::{t, t_now, tf_now};

/// "4970 1234 5678 9012", each group kept whole at a line break.
pub fn groups_of_four(number: &str) -> Vec<String> {
    number.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect()
}

pub fn duplicate_stage_key(s: Stage) -> &'static str {
    match s {
        Stage::SchoolValidation => "duplicate.validation",
        other => stage_key(other),
    }
}

pub fn reason_key(r: BlockReason) -> &'static str {
    match r {
        BlockReason::Lost => "duplicate.reason_lost",
        BlockReason::Stolen => "duplicate.reason_stolen",
        BlockReason::Damaged => "duplicate.reason_damaged",
    }
}

#[component]
pub fn CardSection(card: CardView) -> impl IntoView {
    let blocked = card.blocked_on.as_deref().and_then(passregion_core::Date::parse_iso);
    let (locked, code_set) = (card.code_locked, card.secret_code_set);
    view! {
        <section class="space-section" aria-labelledby="card-title">
            <h2 id="card-title">{t("dossier.card_title")}</h2>
            <dl class="space-details">
                <div>
                    <dt>{t("dossier.card_number")}</dt>
                    <dd class="card-number">
                        {groups_of_four(&card.number).into_iter().map(|g| view! { <span class="card-number__group">{g}</span> " " }).collect_view()}
                    </dd>
                </div>
                <div>
                    <dt>{t("dossier.card_state")}</dt>
                    <dd class="card-state">
                        {move || match (blocked, locked, code_set) {
                            (Some(d), ..) => tf_now("dossier.card_blocked", &[("date", &dates::long(d))]),
                            (None, true, _) => t_now("dossier.card_locked"),
                            (None, false, true) => t_now("dossier.card_active"),
                            (None, false, false) => t_now("dossier.card_no_code"),
                        }}
                    </dd>
                </div>
            </dl>
            <ul class="space-links">
                {(blocked.is_none() && locked).then(|| view! { <li><A href=CODE_PATH>{t("dossier.card_new_code")}</A></li> })}
                {blocked.is_none().then(|| view! { <li><A href=CARD_PATH>{t("dossier.card_declare")}</A></li> })}
            </ul>
        </section>
    }
}

#[component]
pub fn DuplicateSection(duplicate: Duplicate, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let Duplicate { blocked_on, reason, to_establishment, timeline } = duplicate;
    view! {
        <section class="space-section" aria-labelledby="duplicate-title">
            <h2 id="duplicate-title">{t("duplicate.title")}</h2>
            <p>
                {move || tf_now("duplicate.declared", &[("reason", &t_now(reason_key(reason))), ("date", &dates::long(blocked_on))])}
                " "
                {t(if to_establishment { "duplicate.to_school" } else { "duplicate.to_home" })}
            </p>
            <ol class="timeline">
                {timeline.into_iter().map(|step| view! { <Step step duplicate=true /> }).collect_view()}
            </ol>
            {children.map(|c| c())}
        </section>
    }
}
