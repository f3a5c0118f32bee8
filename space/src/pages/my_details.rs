//! `/espace/mes-informations`: names and birth date read-only (they come from the ID document: the establishment
//! corrects them); phone, postal address and the two opt-ins changed directly with the application's rules; the
//! email address only once the new one's link is opened; the commune from its postcode's in the official list, as in
//! the application (`ui::commune`); the password with the current one and core's checklist.
//! One error summary for the page: each form shows its own messages in it, placed on their fields.

use leptos::prelude::*;
use passregion_core::api::{Address, Consents};
use passregion_core::rules::password::{validate_password, validate_password_confirmation};
use passregion_core::space::{DetailsUpdate, EmailChangeRequest, MyDetails, PasswordChange};

use crate::api;
use crate::i18n::{t, t_now, tf_now, use_lang};
use crate::pages::{loaded_view, rule_text, server_errors};
use crate::ui::commune::{CommuneChoice, CommuneField};
use crate::ui::form::{ErrorSummary, Errors, Field};
use crate::ui::password::{PasswordChecklist, PasswordField};

const PHONE: &str = "me-phone";
const STREET: &str = "me-street";
const COMPLEMENT: &str = "me-complement";
const POSTAL_CODE: &str = "me-postal-code";
const COMMUNE: &str = "me-commune";
const NEW_EMAIL: &str = "me-new-email";
const EMAIL_PASSWORD: &str = "me-email-password";
const CURRENT: &str = "me-password-current";
const NEW: &str = "me-password-new";
const CONFIRM: &str = "me-password-confirm";

#[component]
pub fn MyDetailsPage() -> impl IntoView {
    let lang = use_lang();
    let loaded = LocalResource::new(move || api::my_details(lang.get_untracked()));
    loaded_view("me.title", loaded, |me| view! { <DetailsView me /> })
}

#[component]
fn Checkbox(id: &'static str, label_key: &'static str, value: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="checkbox">
            <input type="checkbox" id=id prop:checked=move || value.get() on:change=move |ev| value.set(event_target_checked(&ev)) />
            <label for=id>{t(label_key)}</label>
        </div>
    }
}

#[component]
fn DetailsView(me: MyDetails) -> impl IntoView {
    let lang = use_lang();
    let end_session = crate::session::use_end_session();
    let errors = Errors::new();
    let notice = RwSignal::new(None::<String>);
    let birth = passregion_core::Date::parse_iso(&me.birth_date);
    let email = RwSignal::new(me.email.clone());
    let pending = RwSignal::new(me.pending_email.clone());

    // Shown as the application shows it ("06 12 34 56 78"), whatever the stored E.164 form.
    let phone = RwSignal::new(passregion_core::rules::phone::format_phone_fr(&me.mobile_phone));
    let street = RwSignal::new(me.address.street.clone());
    let complement = RwSignal::new(me.address.complement.clone().unwrap_or_default());
    let choice = CommuneChoice::new(&me.address);
    let CommuneChoice { postal_code, commune, not_listed: commune_not_listed, .. } = choice;
    let good_deals = RwSignal::new(me.consents.good_deals);
    let news = RwSignal::new(me.consents.news);
    let care_of = StoredValue::new(me.address.care_of.clone());

    let new_email = RwSignal::new(String::new());
    let email_password = RwSignal::new(String::new());
    let current = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let shown_email = RwSignal::new(false);
    let shown_current = RwSignal::new(false);
    let shown_new = RwSignal::new(false);

    let done = move |text: String| {
        errors.clear();
        notice.set(Some(text));
        crate::ui::form::focus_later("me-notice");
    };
    let failed = move |e: api::ApiError, map: &[(&str, &'static str)]| {
        notice.set(None);
        if e.session_required() {
            end_session.run(crate::session::EndReason::SessionRequired);
        } else {
            errors.show(server_errors(&e, map));
        }
    };

    let save = Action::new_local(move |u: &DetailsUpdate| {
        let u = u.clone();
        async move { api::update_details(u, lang.get_untracked()).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(me)) => {
            // What the server now holds, not what was typed: the phone normalised ("0711223344" comes back as
            // "07 11 22 33 44"), the commune as the list spells it, the address's text tidied.
            phone.set(passregion_core::rules::phone::format_phone_fr(&me.mobile_phone));
            street.set(me.address.street);
            complement.set(me.address.complement.unwrap_or_default());
            postal_code.set(me.address.postal_code);
            commune.set(me.address.commune);
            commune_not_listed.set(me.address.commune_not_listed);
            care_of.set_value(me.address.care_of);
            good_deals.set(me.consents.good_deals);
            news.set(me.consents.news);
            done(t_now("me.contact_saved"));
        }
        Some(Err(e)) => failed(
            e,
            &[
                ("contact.mobile_phone", PHONE),
                ("contact.address.street", STREET),
                ("contact.address.complement", COMPLEMENT),
                ("contact.address.postal_code", POSTAL_CODE),
                ("contact.address.commune", COMMUNE),
            ],
        ),
        None => {}
    });
    let ask_email = Action::new_local(move |r: &EmailChangeRequest| {
        let r = r.clone();
        async move { api::change_email(r, lang.get_untracked()).await }
    });
    Effect::new(move |_| match ask_email.value().get() {
        Some(Ok(me)) => {
            email_password.set(String::new());
            new_email.set(String::new());
            let to = me.pending_email.clone().unwrap_or_default();
            pending.set(me.pending_email);
            email.set(me.email);
            done(tf_now("me.email_sent", &[("email", &to)]));
        }
        Some(Err(e)) => {
            email_password.set(String::new());
            failed(e, &[("new_email", NEW_EMAIL), ("current_password", EMAIL_PASSWORD)]);
        }
        None => {}
    });
    let change_password = Action::new_local(move |c: &PasswordChange| {
        let c = c.clone();
        async move { api::change_password(c, lang.get_untracked()).await }
    });
    Effect::new(move |_| {
        if let Some(result) = change_password.value().get() {
            current.set(String::new());
            match result {
                Ok(()) => {
                    new_password.set(String::new());
                    confirm.set(String::new());
                    done(t_now("me.password_changed"));
                }
                Err(e) => failed(e, &[("current_password", CURRENT), ("new_password", NEW)]),
            }
        }
    });

    let submit_contact = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A commune its postcode does not have is said here, with the server's rule and words, not sent.
        if let Some((path, code)) = choice.issue() {
            notice.set(None);
            let id = if path == passregion_core::api::field::POSTAL_CODE { POSTAL_CODE } else { COMMUNE };
            errors.show(vec![(Some(id), rule_text(code))]);
            return;
        }
        let complement = complement.get_untracked();
        save.dispatch(DetailsUpdate {
            mobile_phone: phone.get_untracked(),
            address: Address {
                street: street.get_untracked(),
                complement: (!complement.trim().is_empty()).then_some(complement),
                care_of: care_of.get_value(),
                postal_code: postal_code.get_untracked(),
                commune: commune.get_untracked(),
                commune_not_listed: commune_not_listed.get_untracked(),
            },
            consents: Consents { good_deals: good_deals.get_untracked(), news: news.get_untracked() },
        });
    };
    let submit_email = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut found = Vec::new();
        if new_email.with_untracked(|e| e.trim().is_empty()) {
            found.push((Some(NEW_EMAIL), t_now("me.new_email_required")));
        }
        if email_password.with_untracked(String::is_empty) {
            found.push((Some(EMAIL_PASSWORD), t_now("code.password_required")));
        }
        if found.is_empty() {
            errors.clear();
            ask_email.dispatch(EmailChangeRequest {
                new_email: new_email.get_untracked().trim().to_string(),
                current_password: email_password.get_untracked(),
            });
        } else {
            notice.set(None);
            errors.show(found);
        }
    };
    let submit_password = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (c, p, p2) = (current.get_untracked(), new_password.get_untracked(), confirm.get_untracked());
        let mut found = Vec::new();
        if c.is_empty() {
            found.push((Some(CURRENT), t_now("code.password_required")));
        }
        if let Err(code) = validate_password(&p) {
            found.push((Some(NEW), rule_text(code)));
        }
        if let Err(code) = validate_password_confirmation(&p, &p2) {
            found.push((Some(CONFIRM), rule_text(code)));
        }
        if found.is_empty() {
            errors.clear();
            change_password.dispatch(PasswordChange { current_password: c, new_password: p });
        } else {
            notice.set(None);
            errors.show(found);
        }
    };
    let busy = move || save.pending().get() || ask_email.pending().get() || change_password.pending().get();

    view! {
        <h1 id="page-title" tabindex="-1">{t("me.title")}</h1>
        {move || notice.get().map(|text| view! {
            <div class="notice notice--success" id="me-notice" tabindex="-1" role="status"><p>{text}</p></div>
        })}
        <ErrorSummary errors />

        <section class="space-section" aria-labelledby="me-identity-title">
            <h2 id="me-identity-title">{t("me.identity_title")}</h2>
            <dl class="space-details">
                <div><dt>{t("me.last_name")}</dt><dd>{me.last_name.clone()}</dd></div>
                <div><dt>{t("me.first_name")}</dt><dd>{me.first_name.clone()}</dd></div>
                <div><dt>{t("me.birth_date")}</dt><dd>{move || birth.map(crate::dates::long).unwrap_or_default()}</dd></div>
            </dl>
            <p class="field__hint">{t("me.identity_note")}</p>
        </section>

        <section class="space-section" aria-labelledby="me-contact-title">
            <h2 id="me-contact-title">{t("me.contact_title")}</h2>
            <form class="space-form" novalidate on:submit=submit_contact>
                <Field id=PHONE label=Signal::derive(t("me.phone")) hint=Signal::derive(t("me.phone_hint"))
                    value=phone errors input_type=Signal::derive(|| "tel".to_string()) autocomplete="tel" />
                <Field id=STREET label=Signal::derive(t("card.street")) value=street errors autocomplete="address-line1" />
                <Field id=COMPLEMENT label=Signal::derive(t("me.complement")) value=complement errors autocomplete="address-line2" />
                <Field id=POSTAL_CODE label=Signal::derive(t("card.postal_code")) value=postal_code errors
                    autocomplete="postal-code" inputmode="numeric" maxlength=5 />
                <CommuneField id=COMMUNE choice errors />
                <fieldset class="fieldset">
                    <legend class="fieldset__legend">{t("me.consents")}</legend>
                    <Checkbox id="me-good-deals" label_key="me.good_deals" value=good_deals />
                    <Checkbox id="me-news" label_key="me.news" value=news />
                </fieldset>
                <div class="button-row">
                    <button type="submit" class="button button--primary" disabled=busy>{t("me.contact_submit")}</button>
                </div>
            </form>
        </section>

        <section class="space-section" aria-labelledby="me-email-title">
            <h2 id="me-email-title">{t("me.email_title")}</h2>
            <p class="space-email">{t("me.email_current")} " " <strong>{move || email.get()}</strong></p>
            {move || pending.get().map(|p| view! {
                <p class="notice">{move || tf_now("me.email_pending", &[("email", &p)])}</p>
            })}
            <form class="space-form" novalidate on:submit=submit_email>
                <Field id=NEW_EMAIL label=Signal::derive(t("me.new_email")) value=new_email errors
                    input_type=Signal::derive(|| "email".to_string()) autocomplete="email" spellcheck_off=true />
                <PasswordField id=EMAIL_PASSWORD label=Signal::derive(t("code.password")) value=email_password errors
                    shown=shown_email toggle=true autocomplete="current-password" />
                <div class="button-row">
                    <button type="submit" class="button button--primary" disabled=busy>{t("me.email_submit")}</button>
                </div>
            </form>
        </section>

        <section class="space-section" aria-labelledby="me-password-title">
            <h2 id="me-password-title">{t("me.password_title")}</h2>
            <form class="space-form" novalidate on:submit=submit_password>
                <PasswordField id=CURRENT label=Signal::derive(t("code.password")) value=current errors
                    shown=shown_current toggle=true autocomplete="current-password" />
                <PasswordField id=NEW label=Signal::derive(t("reset.password")) hint=Signal::derive(t("reset.password_hint"))
                    value=new_password errors shown=shown_new toggle=true controls="me-password-new me-password-confirm"
                    autocomplete="new-password" />
                <PasswordChecklist value=new_password />
                <PasswordField id=CONFIRM label=Signal::derive(t("reset.password_confirm")) value=confirm errors
                    shown=shown_new autocomplete="new-password" />
                <div class="button-row">
                    <button type="submit" class="button button--primary" disabled=busy>{t("me.password_submit")}</button>
                </div>
            </form>
        </section>
    }
}
