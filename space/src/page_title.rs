//! The tab's title at each of the space's addresses: "Mon dossier – Mon espace Pass'Région".
//!
//! A screen reader announces the title first when a page opens, and people tell their tabs and their history apart by
//! it (WCAG 2.4.2, RGAA 8.5 and 8.6): one title for the whole space said nothing of where one is. Each address has
//! one stable name, the menu's where there is one, not the heading of the moment: the dossier's heading carries the
//! first name, which must not stay in a shared school computer's history.

use crate::app::{
    ADVANTAGES_PATH, CARD_PATH, CODE_PATH, CONFIRM_EMAIL_PATH, FORGOT_NUMBER_PATH, FORGOT_PASSWORD_PATH, HOME_PATH,
    LOGIN_PATH, MY_DETAILS_PATH, RESET_PASSWORD_PATH,
};

/// The text key of the page's name at `path` (the address's path, without its query).
pub fn title_key(path: &str) -> &'static str {
    let path = path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path);
    match path {
        HOME_PATH => "shell.nav_dossier",
        LOGIN_PATH => "shell.title_login",
        FORGOT_PASSWORD_PATH => "shell.title_forgot_password",
        FORGOT_NUMBER_PATH => "shell.title_forgot_number",
        RESET_PASSWORD_PATH => "shell.title_reset_password",
        CODE_PATH => "shell.nav_code",
        CARD_PATH => "shell.nav_card",
        ADVANTAGES_PATH => "shell.nav_advantages",
        MY_DETAILS_PATH => "shell.nav_details",
        CONFIRM_EMAIL_PATH => "shell.title_confirm_email",
        _ => "shell.title_not_found",
    }
}

/// The whole title, in the current language (tracked inside a reactive closure); « Erreur : » first while a form of
/// the page shows its error summary, as the application's steps do, so that a screen reader's first words say so.
pub fn title_at(path: &str, errors: bool) -> String {
    let title = crate::i18n::tf_now("shell.page_title", &[("page", &crate::i18n::t_now(title_key(path)))]);
    if errors { format!("{} {title}", crate::i18n::t_now("shell.title_error_prefix")) } else { title }
}

/// How many error summaries the page shows (ui/form.rs `ErrorSummary` counts itself in while it is on screen).
#[derive(Clone, Copy)]
pub struct ErrorsShown(pub leptos::prelude::RwSignal<usize>);

/// Makes the count of error summaries available to the whole bundle; call it at the root, above the pages.
pub fn provide_errors_shown() {
    leptos::prelude::provide_context(ErrorsShown(leptos::prelude::RwSignal::new(0)));
}

/// Keeps the tab's title on the page at `path`, in the chosen language (and once English has arrived).
pub fn follow(path: impl Fn() -> String + 'static) {
    use leptos::prelude::*;
    let shown = use_context::<ErrorsShown>();
    Effect::new(move |_| {
        let errors = shown.is_some_and(|s| s.0.get() > 0);
        let title = title_at(&path(), errors);
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&title);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, text};

    #[test]
    fn each_address_has_a_name_of_its_own() {
        let paths = [
            HOME_PATH,
            LOGIN_PATH,
            FORGOT_PASSWORD_PATH,
            FORGOT_NUMBER_PATH,
            RESET_PASSWORD_PATH,
            CODE_PATH,
            CARD_PATH,
            ADVANTAGES_PATH,
            MY_DETAILS_PATH,
            CONFIRM_EMAIL_PATH,
            "/espace/inconnue",
        ];
        for lang in Lang::ALL {
            let names: Vec<String> = paths.iter().map(|p| text(lang, title_key(p))).collect();
            for (i, name) in names.iter().enumerate() {
                assert!(!name.starts_with("shell."), "{} has no {} text", paths[i], lang.code());
                assert!(!names[..i].contains(name), "{} is named like another page: {name}", paths[i]);
            }
        }
    }

    #[test]
    fn a_trailing_slash_or_an_unknown_address_is_named_as_the_router_shows_it() {
        for (path, key) in [
            ("/espace", "shell.nav_dossier"),
            ("/espace/", "shell.nav_dossier"),
            ("/espace/carte/", "shell.nav_card"),
            ("/espace/connexion", "shell.title_login"),
            ("/espace/carte/autre", "shell.title_not_found"),
            ("/", "shell.title_not_found"),
            ("", "shell.title_not_found"),
        ] {
            assert_eq!(title_key(path), key, "{path}");
        }
    }

    #[test]
    fn the_title_names_the_page_then_the_space_and_never_who_is_logged_in() {
        assert_eq!(title_at(CODE_PATH, false), "Code secret – Mon espace Pass'Région");
        assert_eq!(title_at(HOME_PATH, false), "Mon dossier – Mon espace Pass'Région");
        assert_eq!(title_at(LOGIN_PATH, true), "Erreur : Connexion – Mon espace Pass'Région");
        assert_eq!(
            crate::i18n::fill(&text(Lang::En, "shell.page_title"), &[("page", &text(Lang::En, "shell.nav_card"))]),
            "Lost or stolen card – My Pass'Région space"
        );
    }
}
