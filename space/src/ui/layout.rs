//! The frame of every page, as in the application: skip link, header (identity, language switch, and
//! "Se déconnecter" while logged in), main landmark, footer with the helpline.

use leptos::prelude::*;

use crate::i18n::{I18n, Lang, english_failed, lookup, t, use_lang};
use crate::session::{EndReason, use_end_session, use_session};
use crate::ui::form::focus_id;
use crate::ui::idle_watch::IdleWatch;

pub const HELPLINE_TEL: &str = "tel:+33810559559";
pub const HELPLINE_DISPLAY: &str = "0810 559 559";

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let session = use_session();
    view! {
        <SkipLink />
        <Header>
            <Show when=move || session.logged_in()>
                <LogoutButton />
            </Show>
        </Header>
        <Show when=move || session.logged_in()>
            <SpaceNav />
        </Show>
        // The warning before the idle limit (its dialog is a chunk, fetched a minute before it is due).
        <MainAndFooter first=Box::new(move || view! { <Show when=move || session.logged_in()><IdleWatch /></Show> }.into_any())>
            {children()}
        </MainAndFooter>
    }
}

/// The same frame for the login page's own bundle (src/login_bundle.rs), which is logged out by definition: no
/// "Se déconnecter", no pages' menu, no idle watch, so none of their code (nor the router the menu needs) is in it.
#[component]
pub fn LoggedOutLayout(children: Children) -> impl IntoView {
    view! {
        <SkipLink />
        <Header />
        <MainAndFooter>{children()}</MainAndFooter>
    }
}

/// The main landmark, with `first` at its top and the notice of an English file that could not be fetched, then the
/// footer.
#[component]
fn MainAndFooter(children: Children, #[prop(optional)] first: Option<Children>) -> impl IntoView {
    view! {
        <main id="main" class="main" tabindex="-1">
            {first.map(|f| f())}
            <Show when=english_failed>
                <EnglishFailed />
            </Show>
            {children()}
        </main>
        <Footer />
    }
}

#[component]
fn SkipLink() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            focus_id("main");
        }>{t("shell.skip_link")}</a>
    }
}

/// The header: the identity, a link to the application, the language switch and what `children` adds beside it.
#[component]
fn Header(#[prop(optional)] children: Option<Children>) -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                // The application is another bundle: rel="external" makes the router leave it to a full page load.
                <a href="/" class="brand" rel="external">
                    <span class="brand__mark" aria-hidden="true"></span>
                    <span class="brand__text">
                        <span class="brand__name">{t("shell.wordmark")}</span>
                        <span class="brand__region">{t("shell.space")}</span>
                    </span>
                </a>
                <div class="space-header__tools">
                    <LangSwitch />
                    {children.map(|c| c())}
                </div>
            </div>
        </header>
    }
}

/// The space's pages, once logged in; the router marks the current one (`aria-current="page"`).
#[component]
fn SpaceNav() -> impl IntoView {
    use crate::app::{ADVANTAGES_PATH, CARD_PATH, CODE_PATH, HOME_PATH, MY_DETAILS_PATH};
    use leptos_router::components::A;
    view! {
        <nav class="space-nav" aria-label=t("shell.space_nav")>
            <ul class="space-nav__list">
                <li><A href=HOME_PATH exact=true>{t("shell.nav_dossier")}</A></li>
                <li><A href=CODE_PATH>{t("shell.nav_code")}</A></li>
                <li><A href=CARD_PATH>{t("shell.nav_card")}</A></li>
                <li><A href=ADVANTAGES_PATH>{t("shell.nav_advantages")}</A></li>
                <li><A href=MY_DETAILS_PATH>{t("shell.nav_details")}</A></li>
            </ul>
        </nav>
    }
}

#[component]
fn LogoutButton() -> impl IntoView {
    let end_session = use_end_session();
    view! {
        <button type="button" class="button button--secondary button--small space-logout"
            on:click=move |_| end_session.run(EndReason::LoggedOut)>
            {t("shell.logout")}
        </button>
    }
}

#[component]
fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let button = move |l: Lang, label_key: &'static str, short: &'static str| {
        view! {
            <button
                type="button"
                class="lang-switch__button"
                lang=l.code()
                aria-pressed=move || if lang.get() == l { "true" } else { "false" }
                aria-label=t(label_key)
                on:click=move |_| lang.set(l)
            >
                {short}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=t("shell.language")>
            {button(Lang::Fr, "shell.lang_fr", "FR")}
            {button(Lang::En, "shell.lang_en", "EN")}
        </div>
    }
}

/// Said when English was chosen and its file could not be fetched: the page is back in French, so this is the one
/// text in English that the wasm carries (build.rs `EN_BUILT_IN`), marked as such for screen readers.
#[component]
fn EnglishFailed() -> impl IntoView {
    let english = |key: &str| lookup(Lang::En, key).unwrap_or_default();
    let i18n = expect_context::<I18n>();
    view! {
        <div class="notice notice--error" role="alert" lang="en" id="english-failed">
            <p>{english("shell.english_failed")}</p>
            <button type="button" class="button button--secondary button--small" on:click=move |_| i18n.retry_english()>
                {english("shell.english_retry")}
            </button>
        </div>
    }
}

#[component]
pub fn Helpline() -> impl IntoView {
    view! { <a class="helpline__number" href=HELPLINE_TEL>{HELPLINE_DISPLAY}</a> }
}

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <div class="helpline">
                    <h2 class="helpline__title">{t("shell.help_title")}</h2>
                    <p>
                        {t("shell.help_call")} " " <Helpline /> <br />
                        <span class="helpline__hours">{t("shell.help_hours")}</span>
                    </p>
                    <p class="helpline__cost">{t("shell.help_cost")}</p>
                </div>
                <nav class="footer-links" aria-label=t("shell.footer_nav")>
                    <ul>
                        <li><a href="/protection-des-donnees" rel="external">{t("shell.privacy_link")}</a></li>
                        <li><a href="/" rel="external">{t("shell.application_link")}</a></li>
                    </ul>
                </nav>
                <p class="site-footer__owner">{t("shell.owner")}</p>
            </div>
        </footer>
    }
}
