//! Step "identite": the student's civility, names, birth date, e-mail and password.

use leptos::prelude::*;
use passregion_core::api::{Civility, field};
use passregion_core::campaign::{AgeCheck, age_check};
use passregion_core::journey::StepId;
use passregion_core::rules::email::suggest_email_fix;
use passregion_core::rules::password::password_checklist;

use crate::i18n::{t, tf};
use crate::state::use_app_state;
use crate::ui::fields::{DateField, RadioGroup, TextField};
use crate::ui::layout::Helpline;
use crate::ui::step_frame::StepFrame;

pub fn civility_code(c: Civility) -> &'static str {
    match c {
        Civility::Madame => "madame",
        Civility::Monsieur => "monsieur",
    }
}

pub fn civility_from_code(code: &str) -> Option<Civility> {
    match code {
        "madame" => Some(Civility::Madame),
        "monsieur" => Some(Civility::Monsieur),
        _ => None,
    }
}

/// The two civility choices, for the student and the guardian.
pub fn civility_options() -> Vec<(String, Signal<String>)> {
    vec![
        ("madame".to_string(), Signal::derive(t("common.civility_madame"))),
        ("monsieur".to_string(), Signal::derive(t("common.civility_monsieur"))),
    ]
}

#[component]
pub fn IdentityStep() -> impl IntoView {
    let state = use_app_state();
    let d = state.draft;
    macro_rules! text {
        ($field:ident) => {
            (
                Signal::derive(move || d.with(|d| d.$field.clone())),
                Callback::new(move |v: String| d.update(|d| d.$field = v)),
            )
        };
    }
    let (last_name, set_last_name) = text!(last_name);
    let (first_name, set_first_name) = text!(first_name);
    let (day, set_day) = text!(birth_day);
    let (month, set_month) = text!(birth_month);
    let (year, set_year) = text!(birth_year);
    let (email, set_email) = text!(email);
    let (email_confirm, set_email_confirm) = text!(email_confirm);

    let suggestion = Memo::new(move |_| d.with(|d| suggest_email_fix(&d.email)));
    let age = Memo::new(move |_| {
        let campaign = state.campaign_now()?;
        let birth = d.with(passregion_core::draft::Draft::birth_date).ok()?;
        Some((age_check(birth, &campaign), campaign.guardian_required_under, campaign.min_age, campaign.max_age))
    });

    let age_notice = move || {
        age.get().and_then(|(check, under, min, max)| match check {
            AgeCheck::NeedsGuardian => Some(
                view! {
                    <div class="notice notice--info" role="status">
                        <p>{tf("identity.guardian_notice", move || vec![("age", under.to_string())])}</p>
                    </div>
                }
                .into_any(),
            ),
            AgeCheck::TooYoung | AgeCheck::TooOld => Some(
                view! {
                    <div class="notice notice--warning" role="status">
                        <p>{tf("identity.age_out_of_bounds", move || vec![("min", min.to_string()), ("max", max.to_string())])}</p>
                        <p>{t("identity.age_help")} " " <Helpline /></p>
                    </div>
                }
                .into_any(),
            ),
            AgeCheck::Eligible => None,
        })
    };

    view! {
        <StepFrame step=StepId::Identity>
            <p class="step__intro">{t("identity.intro")}</p>
            <RadioGroup
                path=field::CIVILITY
                legend=t("identity.civility")
                options=civility_options()
                selected=Signal::derive(move || d.with(|d| d.civility.map(|c| civility_code(c).to_string())))
                set=move |v: String| d.update(|d| d.civility = civility_from_code(&v))
                inline=true
            />
            <TextField
                path=field::LAST_NAME
                label=t("identity.last_name")
                hint=t("identity.last_name_hint")
                value=last_name
                set=set_last_name
                autocomplete="family-name"
                autocapitalize="characters"
                spellcheck=false
                maxlength=100
                class="input--upper"
            />
            <TextField
                path=field::FIRST_NAME
                label=t("identity.first_name")
                hint=t("identity.first_name_hint")
                value=first_name
                set=set_first_name
                autocomplete="given-name"
                spellcheck=false
                maxlength=100
            />
            <DateField
                path=field::BIRTH_DATE
                legend=t("identity.birth_date")
                hint=t("identity.birth_date_hint")
                day=day
                month=month
                year=year
                set_day=set_day
                set_month=set_month
                set_year=set_year
            />
            <div aria-live="polite">{age_notice}</div>
            <TextField
                path=field::EMAIL
                label=t("identity.email")
                hint=t("identity.email_hint")
                value=email
                set=set_email
                input_type="email"
                autocomplete="email"
                autocapitalize="off"
                spellcheck=false
                maxlength=254
            />
            <div aria-live="polite">
                {move || suggestion.get().map(|s| {
                    let fixed = s.clone();
                    view! {
                        <p class="suggestion">
                            {tf("identity.email_suggestion", move || vec![("email", s.clone())])} " "
                            <button type="button" class="button button--small" on:click=move |_| {
                                let fixed = fixed.clone();
                                state.clear_server_error(field::EMAIL);
                                d.update(|d| d.email = fixed);
                            }>
                                {t("identity.email_suggestion_apply")}
                            </button>
                        </p>
                    }
                })}
            </div>
            <TextField
                path=field::EMAIL_CONFIRM
                label=t("identity.email_confirm")
                value=email_confirm
                set=set_email_confirm
                input_type="email"
                autocomplete="email"
                autocapitalize="off"
                spellcheck=false
                maxlength=254
            />
            <PasswordFields />
        </StepFrame>
    }
}

/// Password and confirmation with a show/hide toggle and the live checklist; also used on the review page when
/// the password was lost in a reload.
#[component]
pub fn PasswordFields() -> impl IntoView {
    let state = use_app_state();
    let d = state.draft;
    let shown = RwSignal::new(false);
    let input_type = Signal::derive(move || if shown.get() { "text".to_string() } else { "password".to_string() });
    let checklist = Memo::new(move |_| d.with(|d| password_checklist(d.password())));
    let item = move |met: Signal<bool>, key: &'static str| {
        view! {
            <li class="checklist-live__item" class:met=move || met.get()>
                <span class="checklist-live__mark" aria-hidden="true">{move || if met.get() { "✓" } else { "•" }}</span>
                {t(key)} " "
                <span class="visually-hidden">{move || if met.get() { crate::i18n::t_now("identity.rule_met") } else { crate::i18n::t_now("identity.rule_not_met") }}</span>
            </li>
        }
    };
    let toggle = move || {
        view! {
            <button
                type="button"
                class="button button--secondary button--toggle"
                aria-pressed=move || if shown.get() { "true" } else { "false" }
                aria-controls="identity-password identity-password_confirm"
                on:click=move |_| shown.update(|s| *s = !*s)
            >
                {move || if shown.get() { crate::i18n::t_now("identity.password_hide") } else { crate::i18n::t_now("identity.password_show") }}
            </button>
        }
    };
    view! {
        <TextField
            path=field::PASSWORD
            label=t("identity.password")
            hint=t("identity.password_hint")
            value=Signal::derive(move || d.with(|d| d.password().to_string()))
            set=move |v: String| d.update(|d| d.set_password(v))
            input_type=input_type
            autocomplete="new-password"
            autocapitalize="off"
            spellcheck=false
            maxlength=128
        >
            {toggle()}
        </TextField>
        <ul class="checklist-live" aria-live="polite" aria-label=t("identity.password_rules")>
            {item(Signal::derive(move || checklist.get().long_enough), "identity.rule_length")}
            {item(Signal::derive(move || checklist.get().has_letter), "identity.rule_letter")}
            {item(Signal::derive(move || checklist.get().has_digit), "identity.rule_digit")}
        </ul>
        <TextField
            path=field::PASSWORD_CONFIRM
            label=t("identity.password_confirm")
            value=Signal::derive(move || d.with(|d| d.password_confirm().to_string()))
            set=move |v: String| d.update(|d| d.set_password_confirm(v))
            input_type=input_type
            autocomplete="new-password"
            autocapitalize="off"
            spellcheck=false
            maxlength=128
        />
    }
}
