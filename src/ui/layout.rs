//! The frame of every page: skip link, header with the Région's identity and the language switch, the main
//! landmark, and the footer with the helpline and the data-protection link.

use leptos::prelude::*;

use crate::i18n::{Lang, t, use_lang};

/// The address on screen, for `aria-current` on the header's and footer's links. Plain `<a>`s, not the router's
/// `<A>`: the start page's own bundle has no router (src/start_bundle.rs, 8 KB gzip less), and in the application the
/// router takes over clicks on any `<a>` of the site. Each bundle provides it: the application from its router
/// (src/app.rs), the start page's bundle as "/".
#[derive(Clone, Copy)]
pub struct CurrentPath(pub Signal<String>);

/// `aria-current="page"` when `href` is the address on screen (as `<A>` sets it); none without a [`CurrentPath`].
fn current(href: &'static str) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
    let path = use_context::<CurrentPath>();
    move || path.filter(|p| p.0.with(|p| p == href)).map(|_| "page")
}

/// The helpline, as dialled and as shown.
pub const HELPLINE_TEL: &str = "tel:+33810559559";
pub const HELPLINE_DISPLAY: &str = "0810 559 559";

/// "Aller au contenu": the first thing a keyboard reaches on every page, the app's and the phone's.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            crate::ui::form::focus_id("main");
        }>{t("shell.skip_link")}</a>
    }
}

/// The Région's mark and "Pass'Région / Auvergne-Rhône-Alpes", inside the header's `.brand` (a link home in the app,
/// plain on the phone's page, which has nowhere to go back to). The space draws the same markup from its own crate
/// and texts (space/src/ui/layout.rs); style/main.css styles both.
#[component]
pub fn BrandText() -> impl IntoView {
    view! {
        <span class="brand__mark" aria-hidden="true"></span>
        <span class="brand__text">
            <span class="brand__name">{t("shell.wordmark")}</span>
            <span class="brand__region">{t("shell.region")}</span>
        </span>
    }
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <SkipLink />
        <header class="site-header">
            <div class="site-header__inner">
                <a href="/" class="brand" aria-current=current("/")><BrandText /></a>
                <div class="lang-switch">
                    // The space is another bundle: rel="external" makes the router leave it to a full page load.
                    <a class="button button--secondary button--small" href="/espace/connexion" rel="external">{t("shell.space_link")}</a>
                    <LangSwitch />
                </div>
            </div>
        </header>
        <main id="main" class="main" tabindex="-1">
            {children()}
        </main>
        <Footer />
    }
}

#[component]
pub fn LangSwitch() -> impl IntoView {
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

#[component]
pub fn Helpline() -> impl IntoView {
    view! {
        <a class="helpline__number" href=HELPLINE_TEL>{HELPLINE_DISPLAY}</a>
    }
}

/// "Besoin d'aide ?": the number, its hours and its cost, in every page's footer.
#[component]
fn HelplineBlock() -> impl IntoView {
    view! {
        <div class="helpline">
            <h2 class="helpline__title">{t("shell.help_title")}</h2>
            <p>
                {t("shell.help_call")} " " <Helpline /> <br />
                <span class="helpline__hours">{t("shell.help_hours")}</span>
            </p>
            <p class="helpline__cost">{t("shell.help_cost")}</p>
        </div>
    }
}

/// The footer of the pages that stand alone (the phone's, the space's new photo): the helpline only, since a link
/// away would lose what the page holds in memory (the phone's handoff, the photo being framed).
#[component]
pub fn HelpFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <HelplineBlock />
            </div>
        </footer>
    }
}

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <HelplineBlock />
                <nav class="footer-links" aria-label=t("shell.footer_nav")>
                    <ul>
                        <li><a href="/protection-des-donnees" aria-current=current("/protection-des-donnees")>{t("shell.privacy_link")}</a></li>
                        <li><a href="/" aria-current=current("/")>{t("shell.home_link")}</a></li>
                    </ul>
                </nav>
                <p class="site-footer__owner">{t("shell.owner")}</p>
            </div>
        </footer>
    }
}
