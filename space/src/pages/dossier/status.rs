//! Where the dossier stands, in plain words per status, with the establishment's reason for a refused photo and
//! the card's expected days.

use leptos::prelude::*;
use passregion_core::status::{Duplicate, Progress, Stage, StageState, Status};

use crate::dates;
use crate::i18n::{t_now, tf_now};

pub fn status_key(s: Status) -> &'static str {
    match s {
        Status::AwaitingGuardian => "status.awaiting_guardian",
        Status::AwaitingActivation => "status.awaiting_activation",
        Status::AwaitingSchool => "status.awaiting_school",
        Status::PhotoRefused => "status.photo_refused",
        Status::InManufacture => "status.in_manufacture",
        Status::Sent => "status.sent",
        Status::HandedOver => "status.handed_over",
        Status::CampaignClosed => "status.campaign_closed",
        Status::CardBlocked => "status.card_blocked",
    }
}

pub fn stage_key(s: Stage) -> &'static str {
    match s {
        Stage::Registered => "timeline.registered",
        Stage::SchoolValidation => "timeline.school_validation",
        Stage::Manufacture => "timeline.manufacture",
        Stage::HandedOver => "timeline.handed_over",
    }
}

pub fn state_key(s: StageState) -> &'static str {
    match s {
        StageState::Done => "timeline.state_done",
        StageState::Current => "timeline.state_current",
        StageState::ActionNeeded => "timeline.state_action_needed",
        StageState::Upcoming => "timeline.state_upcoming",
        StageState::Stopped => "timeline.state_stopped",
    }
}

/// Keys made at run time, checked by a native test in i18n.
pub fn dynamic_keys() -> Vec<String> {
    use passregion_core::ErrorCode;
    let statuses = [
        Status::AwaitingGuardian,
        Status::AwaitingActivation,
        Status::AwaitingSchool,
        Status::PhotoRefused,
        Status::InManufacture,
        Status::Sent,
        Status::HandedOver,
        Status::CampaignClosed,
        Status::CardBlocked,
    ];
    let stages = [Stage::Registered, Stage::SchoolValidation, Stage::Manufacture, Stage::HandedOver];
    let states =
        [StageState::Done, StageState::Current, StageState::ActionNeeded, StageState::Upcoming, StageState::Stopped];
    let codes = [
        ErrorCode::Required,
        ErrorCode::TooLong,
        ErrorCode::PasswordTooShort,
        ErrorCode::PasswordNeedsLetter,
        ErrorCode::PasswordNeedsDigit,
        ErrorCode::PasswordMismatch,
        ErrorCode::PostalCodeUnknown,
        ErrorCode::CommuneNotInPostalCode,
    ];
    statuses
        .into_iter()
        .map(status_key)
        .chain(stages.into_iter().map(stage_key))
        .chain(states.into_iter().map(state_key))
        .map(str::to_string)
        .chain(codes.into_iter().map(|c| format!("errors.{}", c.as_str())))
        .collect()
}

/// The card's expected days, when the timeline knows them.
pub fn expected_sentence(p: &Progress) -> Option<String> {
    p.timeline
        .iter()
        .find(|s| s.stage == Stage::Manufacture)
        .and_then(|s| Some(dates::card_expected(s.expected_from?, s.expected_to?)))
}

fn duplicate_done_on(d: &Duplicate, stage: Stage) -> Option<String> {
    d.timeline.iter().find(|s| s.stage == stage).and_then(|s| s.done_on).map(dates::long)
}

/// A blocked card, in words: since when and why, then where its duplicate stands with its expected days.
fn blocked_lines(d: &Duplicate) -> Vec<String> {
    let reason = t_now(super::card::reason_key(d.reason));
    let mut lines = vec![tf_now("status.card_blocked", &[("date", &dates::long(d.blocked_on)), ("reason", &reason)])];
    let step = |stage| d.timeline.iter().find(|s| s.stage == stage);
    let made = step(Stage::Manufacture);
    if let Some(sent) = made.and_then(|s| s.done_on) {
        let key = if d.to_establishment { "status.duplicate_sent" } else { "status.duplicate_sent_home" };
        lines.push(tf_now(key, &[("date", &dates::long(sent))]));
    } else if let Some((from, to)) = made.and_then(|s| Some((s.expected_from?, s.expected_to?))) {
        lines.push(dates::card_expected(from, to));
    } else {
        lines.push(t_now("status.duplicate_validation"));
        if let Some((from, to)) = step(Stage::SchoolValidation).and_then(|s| Some((s.expected_from?, s.expected_to?))) {
            lines.push(dates::validation_expected(from, to));
        }
    }
    lines
}

fn done_on(p: &Progress, stage: Stage) -> Option<String> {
    p.timeline.iter().find(|s| s.stage == stage).and_then(|s| s.done_on).map(dates::long)
}

#[component]
pub fn StatusText(progress: Progress) -> impl IntoView {
    let p = progress;
    let warn = matches!(p.status, Status::PhotoRefused | Status::CardBlocked);
    view! {
        <div class="space-status" class:notice--warning=warn>
            {move || {
                let mut lines = Vec::new();
                match p.status {
                    Status::Sent => {
                        let date = done_on(&p, Stage::Manufacture).unwrap_or_default();
                        let key = if p.sent_to_establishment == Some(false) { "status.sent_home" } else { "status.sent" };
                        lines.push(tf_now(key, &[("date", &date)]));
                    }
                    Status::HandedOver => {
                        // After a duplicate, the card in hand is the duplicate.
                        let date = match &p.duplicate {
                            Some(d) => duplicate_done_on(d, Stage::HandedOver),
                            None => done_on(&p, Stage::HandedOver),
                        };
                        lines.push(tf_now("status.handed_over", &[("date", &date.unwrap_or_default())]));
                    }
                    Status::CardBlocked => {
                        if let Some(d) = &p.duplicate {
                            lines.extend(blocked_lines(d));
                        }
                    }
                    other => lines.push(t_now(status_key(other))),
                }
                if p.status == Status::InManufacture && let Some(s) = expected_sentence(&p) {
                    lines.push(s);
                }
                let reason = p.photo_refusal_reason.clone();
                view! {
                    {lines.into_iter().map(|l| view! { <p class="space-status__line">{l}</p> }).collect_view()}
                    {reason.map(|r| view! {
                        <p class="space-status__reason">
                            <strong>{t_now("status.refusal_reason")}</strong> " " <q>{r}</q>
                        </p>
                    })}
                }
            }}
        </div>
    }
}
