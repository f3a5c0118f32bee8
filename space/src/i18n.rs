//! Translations: `space/locales/<lang>/<namespace>.json` embedded at build time by the app's own build script
//! (../build.rs), which refuses to build when a key is missing in one language or used here without a definition.
//! The language choice is the application's (same localStorage key, same origin), so it follows the person.

use leptos::prelude::*;

mod table {
    include!(concat!(env!("OUT_DIR"), "/translations.rs"));
}

pub const LANG_STORAGE_KEY: &str = "passregion.lang";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::Fr => table::FR,
            Lang::En => table::EN,
        }
    }
}

pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    let table = lang.table();
    table.binary_search_by(|(k, _)| (*k).cmp(key)).ok().map(|i| table[i].1)
}

pub fn keys(lang: Lang) -> impl Iterator<Item = &'static str> {
    lang.table().iter().map(|(k, _)| *k)
}

pub fn used_keys() -> &'static [&'static str] {
    table::USED_KEYS
}

pub fn text(lang: Lang, key: &str) -> String {
    lookup(lang, key).or_else(|| lookup(Lang::Fr, key)).unwrap_or(key).to_string()
}

pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[derive(Clone, Copy, Debug)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

pub fn provide_i18n() -> RwSignal<Lang> {
    let lang = RwSignal::new(initial_lang());
    provide_context(I18n { lang });
    Effect::new(move |_| apply_lang(lang.get()));
    lang
}

/// The remembered choice, else French (a French public service; the switch is one tap away).
pub fn initial_lang() -> Lang {
    crate::storage::local_get(LANG_STORAGE_KEY).and_then(|c| Lang::from_code(&c)).unwrap_or_default()
}

pub fn apply_lang(lang: Lang) {
    crate::storage::local_set(LANG_STORAGE_KEY, lang.code());
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", lang.code());
    }
}

pub fn use_lang() -> RwSignal<Lang> {
    match use_context::<I18n>() {
        Some(i18n) => i18n.lang,
        None => RwSignal::new(Lang::Fr),
    }
}

pub fn current_lang() -> Lang {
    use_context::<I18n>().map(|i| i.lang.get()).unwrap_or_default()
}

/// Reactive translation, to put straight in a view.
pub fn t(key: &'static str) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let lang = use_lang();
    move || text(lang.get(), key)
}

/// The text now (tracked inside a reactive closure).
pub fn t_now(key: &str) -> String {
    text(current_lang(), key)
}

pub fn tf_now(key: &str, args: &[(&str, &str)]) -> String {
    fill(&t_now(key), args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_the_same_keys() {
        let fr: Vec<_> = keys(Lang::Fr).collect();
        assert!(!fr.is_empty());
        for lang in Lang::ALL {
            assert_eq!(fr, keys(lang).collect::<Vec<_>>(), "keys of {}", lang.code());
        }
    }

    #[test]
    fn every_used_key_exists() {
        assert!(!used_keys().is_empty());
        for key in used_keys() {
            assert!(lookup(Lang::En, key).is_some() && lookup(Lang::Fr, key).is_some(), "{key}");
        }
    }

    /// Keys built at run time: months, statuses, stages and states of core's progress, password rule codes.
    #[test]
    fn dynamic_keys_exist() {
        for key in crate::dates::month_keys()
            .into_iter()
            .chain(crate::pages::dossier::dynamic_keys())
            .chain(crate::pages::secret_code::dynamic_keys())
            .chain(crate::pages::advantages::dynamic_keys())
        {
            for lang in Lang::ALL {
                assert!(lookup(lang, &key).is_some(), "{key} missing in {}", lang.code());
            }
        }
    }
}
