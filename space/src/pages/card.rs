//! `/espace/carte`: declare the card lost, stolen or damaged. It is blocked at once and a duplicate requested, sent
//! to the establishment or home (the home address may be corrected here); the current password is asked again.
//! A blocked card is not unblocked from the space: the helpline checks who is calling. Once declared, the page offers
//! the duplicate's optional new photo (`/espace/nouvelle-photo`). The home address's commune is chosen from its
//! postcode's in the official list, as on "Mes informations" (`ui::commune`), and checked with the server's rule
//! before anything is sent.

use leptos::prelude::*;
use leptos_router::components::A;
use passregion_core::api::Address;
use passregion_core::space::{CardDeclaration, Dossier, MyDetails};
use passregion_core::status::BlockReason;

use crate::api::{self, ApiError};
use crate::app::HOME_PATH;
use crate::i18n::{t, t_now, tf_now, use_lang};
use crate::pages::{loaded_view, rule_text, server_errors};
use crate::ui::commune::{CommuneChoice, CommuneField};
use crate::ui::form::{ErrorSummary, Errors, Field, InlineError};
use crate::ui::layout::Helpline;
use crate::ui::password::PasswordField;

const REASON: &str = "card-reason-lost";
const STREET: &str = "card-street";
const POSTAL_CODE: &str = "card-postal-code";
const COMMUNE: &str = "card-commune";
const PASSWORD: &str = "card-password";

async fn load(lang: crate::i18n::Lang) -> Result<(Dossier, MyDetails), ApiError> {
    let dossier = api::dossier(lang).await?;
    Ok((dossier, api::my_details(lang).await?))
}

#[component]
pub fn CardPage() -> impl IntoView {
    let lang = use_lang();
    let session = crate::session::use_session();
    let loaded = LocalResource::new(move || load(lang.get_untracked()));
    loaded_view("card.title", loaded, move |(d, me)| {
        session.moved(&d.session);
        match d.card {
            None => view! {
                <h1 id="page-title" tabindex="-1">{t("card.title")}</h1>
                <p>{t("card.not_issued")}</p>
                <p><A href=HOME_PATH>{t("common.back_to_dossier")}</A></p>
            }
            .into_any(),
            Some(card) if card.blocked_on.is_some() => {
                let date =
                    card.blocked_on.as_deref().and_then(passregion_core::Date::parse_iso).map(crate::dates::long);
                view! {
                    <h1 id="page-title" tabindex="-1">{t("card.title")}</h1>
                    <div class="notice notice--warning" role="status">
                        <p>{move || tf_now("card.already_blocked", &[("date", &date.clone().unwrap_or_default())])}</p>
                    </div>
                    <p><A href=HOME_PATH>{t("card.follow_duplicate")}</A></p>
                }
                .into_any()
            }
            Some(_) => view! { <DeclareForm me /> }.into_any(),
        }
    })
}

#[component]
fn DeclareForm(me: MyDetails) -> impl IntoView {
    let lang = use_lang();
    let end_session = crate::session::use_end_session();
    let reason = RwSignal::new(None::<BlockReason>);
    let to_school = RwSignal::new(me.send_to_establishment);
    let street = RwSignal::new(me.address.street.clone());
    let choice = CommuneChoice::new(&me.address);
    let CommuneChoice { postal_code, commune, .. } = choice;
    let password = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    let done = RwSignal::new(false);
    let errors = Errors::new();
    let original = StoredValue::new(me.address.clone());
    let send = Action::new_local(move |d: &CardDeclaration| {
        let d = d.clone();
        async move { api::declare_card(d, lang.get_untracked()).await }
    });
    Effect::new(move |_| {
        let Some(result) = send.value().get() else { return };
        password.set(String::new());
        match result {
            Ok(_) => {
                done.set(true);
                crate::pages::focus_heading();
            }
            Err(e) if e.session_required() => end_session.run(crate::session::EndReason::SessionRequired),
            Err(e) => errors.show(server_errors(
                &e,
                &[
                    ("current_password", PASSWORD),
                    ("contact.address.street", STREET),
                    ("contact.address.postal_code", POSTAL_CODE),
                    ("contact.address.commune", COMMUNE),
                ],
            )),
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut found = Vec::new();
        if reason.get_untracked().is_none() {
            found.push((Some(REASON), t_now("card.reason_required")));
        }
        if password.with_untracked(String::is_empty) {
            found.push((Some(PASSWORD), t_now("code.password_required")));
        }
        let home = !to_school.get_untracked();
        if home {
            let commune_key = if choice.offers_list() { "card.commune_choose" } else { "card.commune_required" };
            for (id, value, key) in [
                (STREET, street, "card.street_required"),
                (POSTAL_CODE, postal_code, "card.postal_code_required"),
                (COMMUNE, commune, commune_key),
            ] {
                if value.with_untracked(|v| v.trim().is_empty()) {
                    found.push((Some(id), t_now(key)));
                }
            }
            // A commune its postcode does not have is said here, with the server's rule and words, not sent.
            if let Some((path, code)) = choice.issue() {
                let id = if path == passregion_core::api::field::POSTAL_CODE { POSTAL_CODE } else { COMMUNE };
                found.push((Some(id), rule_text(code)));
            }
        }
        let (Some(r), true) = (reason.get_untracked(), found.is_empty()) else {
            errors.show(found);
            return;
        };
        let address = home
            .then(|| Address {
                street: street.get_untracked(),
                postal_code: postal_code.get_untracked(),
                commune: commune.get_untracked(),
                commune_not_listed: choice.not_listed.get_untracked(),
                ..original.get_value()
            })
            .filter(|a| *a != original.get_value());
        errors.clear();
        send.dispatch(CardDeclaration {
            reason: r,
            current_password: password.get_untracked(),
            send_to_establishment: !home,
            address,
        });
    };
    let reason_error = Signal::derive(move || errors.of(REASON));
    let radio = move |id: &'static str, value: BlockReason, key: &'static str| {
        view! {
            <div class="radio">
                <input type="radio" id=id name="card-reason" class="radio__input"
                    prop:checked=move || reason.get() == Some(value)
                    on:change=move |_| reason.set(Some(value)) />
                <label class="radio__label" for=id>{t(key)}</label>
            </div>
        }
    };
    view! {
        <Show when=move || done.get() fallback=move || view! {
            <h1 id="page-title" tabindex="-1">{t("card.title")}</h1>
            <div class="notice notice--warning card-warning">
                <p><strong>{t("card.warning_title")}</strong></p>
                <p>{t("card.warning")} " " <Helpline /> "."</p>
            </div>
            <ErrorSummary errors />
            <form class="space-form" novalidate on:submit=submit>
                <fieldset class="fieldset field" class:field--error=move || reason_error.get().is_some()
                    aria-describedby=move || reason_error.get().map(|_| "card-reason-error")>
                    <legend class="fieldset__legend">{t("card.reason")}</legend>
                    <InlineError id="card-reason-error" message=reason_error />
                    {radio(REASON, BlockReason::Lost, "card.reason_lost")}
                    {radio("card-reason-stolen", BlockReason::Stolen, "card.reason_stolen")}
                    {radio("card-reason-damaged", BlockReason::Damaged, "card.reason_damaged")}
                </fieldset>
                <fieldset class="fieldset field">
                    <legend class="fieldset__legend">{t("card.where")}</legend>
                    <div class="radio">
                        <input type="radio" id="card-to-school" name="card-where" class="radio__input"
                            prop:checked=move || to_school.get() on:change=move |_| to_school.set(true) />
                        <label class="radio__label" for="card-to-school">{t("card.to_school")}</label>
                    </div>
                    <div class="radio">
                        <input type="radio" id="card-to-home" name="card-where" class="radio__input"
                            prop:checked=move || !to_school.get() on:change=move |_| to_school.set(false) />
                        <label class="radio__label" for="card-to-home">{t("card.to_home")}</label>
                    </div>
                </fieldset>
                <Show when=move || !to_school.get()>
                    <fieldset class="fieldset field">
                        <legend class="fieldset__legend">{t("card.address")}</legend>
                        <Field id=STREET label=Signal::derive(t("card.street")) value=street errors autocomplete="address-line1" />
                        <Field id=POSTAL_CODE label=Signal::derive(t("card.postal_code")) value=postal_code errors
                            autocomplete="postal-code" inputmode="numeric" maxlength=5 />
                        <CommuneField id=COMMUNE choice errors />
                    </fieldset>
                </Show>
                <PasswordField id=PASSWORD label=Signal::derive(t("code.password")) hint=Signal::derive(t("code.password_hint"))
                    value=password errors shown toggle=true autocomplete="current-password" />
                <div class="button-row">
                    <button type="submit" class="button button--primary" disabled=move || send.pending().get()>
                        {move || if send.pending().get() { t_now("common.sending") } else { t_now("card.submit") }}
                    </button>
                </div>
            </form>
        }>
            <h1 id="page-title" tabindex="-1">{t("card.done_title")}</h1>
            <div class="notice notice--success" role="status"><p>{t("card.done")}</p></div>
            <crate::pages::dossier::new_photo::NewPhotoLink why=passregion_core::status::NewPhotoFor::Duplicate />
            <p><A href=HOME_PATH attr:class="button button--secondary">{t("card.follow_duplicate")}</A></p>
        </Show>
    }
}
