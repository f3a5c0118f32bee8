//! `/espace/connexion`: the dossier number (spaces or not; its check digit catches a typo before anything is sent)
//! and the password. One message for a wrong pair, whichever was wrong; a not-yet-activated account is told how to
//! get a new link; too many failures say how long to wait.
//!
//! Two bundles show it: the space's, and the login page's own (src/login_bundle.rs), which has no router: so the page
//! is told why it is shown and what to do once logged in, and its links are plain `<a>`s, which the space's router
//! takes over.

use leptos::prelude::*;
use passregion_core::api::problem_code;
use passregion_core::dossier;

use crate::api::{self, common_text};
use crate::app::{ACTIVATION_PATH, FORGOT_NUMBER_PATH, FORGOT_PASSWORD_PATH};
use crate::i18n::{t, t_now, tf_now, use_lang};
use crate::session::{EndReason, use_session};
use crate::ui::form::{ErrorSummary, Errors, Field};
use crate::ui::password::PasswordField;

const NUMBER: &str = "login-number";
const PASSWORD: &str = "login-password";

/// The message under the number field, if it would not be worth sending.
pub fn number_problem(input: &str) -> Option<String> {
    if input.trim().is_empty() {
        Some(t_now("login.number_required"))
    } else if !dossier::is_valid(input) {
        Some(t_now("login.number_typo"))
    } else {
        None
    }
}

#[component]
fn EndNotice(reason: Signal<Option<EndReason>>) -> impl IntoView {
    let session = use_session();
    move || {
        reason.get().map(|r| {
            let (class, text) = match r {
                EndReason::LoggedOut => ("notice notice--success", t_now("login.logged_out")),
                EndReason::Inactivity => {
                    let n = session.idle_minutes();
                    let text = if n == 1 {
                        t_now("login.inactivity_one")
                    } else {
                        tf_now("login.inactivity", &[("n", &n.to_string())])
                    };
                    ("notice notice--warning", text)
                }
                EndReason::SessionRequired => ("notice", t_now("login.session_required")),
            };
            view! { <div class=class role="status"><p>{text}</p></div> }
        })
    }
}

/// `reason`: why the page is shown (the address's `?raison=`); `logged_in`: where to go once the server has said yes
/// (the dossier page).
#[component]
pub fn LoginPage(reason: Signal<Option<EndReason>>, logged_in: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let number = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    let errors = Errors::new();
    let not_activated = RwSignal::new(false);

    let login = Action::new_local(move |(n, p): &(String, String)| {
        let (n, p) = (n.clone(), p.clone());
        async move { api::login(n, p, lang.get_untracked()).await }
    });
    Effect::new(move |_| {
        let Some(result) = login.value().get() else { return };
        match result {
            Ok(info) => {
                session.moved(&info);
                logged_in.run(());
            }
            Err(e) => {
                password.set(String::new());
                let code = e.code().map(str::to_string);
                not_activated.set(code.as_deref() == Some(problem_code::ACCOUNT_NOT_ACTIVATED));
                let item = match code.as_deref() {
                    Some(problem_code::LOGIN_FAILED) => (Some(NUMBER), t_now("login.failed")),
                    Some(problem_code::ACCOUNT_NOT_ACTIVATED) => (None, t_now("login.not_activated")),
                    _ => (None, common_text(&e)),
                };
                errors.show(vec![item]);
            }
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        not_activated.set(false);
        let mut found = Vec::new();
        if let Some(m) = number_problem(&number.get_untracked()) {
            found.push((Some(NUMBER), m));
        }
        if password.with_untracked(String::is_empty) {
            found.push((Some(PASSWORD), t_now("login.password_required")));
        }
        if found.is_empty() {
            errors.clear();
            login.dispatch((number.get_untracked(), password.get_untracked()));
        } else {
            errors.show(found);
        }
    };

    view! {
        <h1 id="page-title" tabindex="-1">{t("login.title")}</h1>
        <EndNotice reason />
        <ErrorSummary errors>
            <Show when=move || not_activated.get()>
                <p>
                    {t("login.not_activated_help")} " "
                    <a href=ACTIVATION_PATH rel="external">{t("login.not_activated_link")}</a>
                </p>
            </Show>
        </ErrorSummary>
        <p class="lead">{t("login.intro")}</p>
        <form class="space-form" novalidate on:submit=submit>
            <Field
                id=NUMBER
                label=Signal::derive(t("login.number"))
                hint=Signal::derive(t("login.number_hint"))
                value=number
                errors
                autocomplete="username"
                inputmode="numeric"
                spellcheck_off=true
                class="input--dossier"
            />
            <PasswordField
                id=PASSWORD
                label=Signal::derive(t("login.password"))
                value=password
                errors
                shown
                toggle=true
                autocomplete="current-password"
            />
            <div class="button-row">
                <button type="submit" class="button button--primary" disabled=move || login.pending().get()>
                    {move || if login.pending().get() { t_now("login.submitting") } else { t_now("login.submit") }}
                </button>
            </div>
        </form>
        <ul class="space-links">
            <li><a href=FORGOT_PASSWORD_PATH>{t("login.forgot_password")}</a></li>
            <li><a href=FORGOT_NUMBER_PATH>{t("login.forgot_number")}</a></li>
            <li>{t("login.no_application")} " " <a href="/" rel="external">{t("login.apply_link")}</a></li>
        </ul>
    }
}
