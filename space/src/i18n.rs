//! Translations: `space/locales/<lang>/<namespace>.json` embedded at build time by the space's build script
//! (../build.rs), which refuses to build when a key is missing in one language or used here without a definition.
//! The language choice is the application's (same localStorage key, same origin), so it follows the person.
//!
//! French, the default, is compiled into the wasm. English is not on the first page: `build-tools/postbuild.mjs`
//! writes it as `i18n/en-<hash>.json` and `passregion_lazy::english` (shared with the application) fetches it when
//! English is chosen, or `index.html` does, before the wasm has started, when it is the remembered choice (the first
//! frame is then English). Until it is there the French text shows, and every text in view follows as soon as it
//! arrives: only text nodes change, so nothing typed is lost. When it cannot be fetched the page goes back to
//! French and says so, in English ([`EnglishFailed`]). Native builds (the tests) have both languages built in.

use leptos::prelude::*;

mod table {
    include!(concat!(env!("OUT_DIR"), "/translations.rs"));
}

type Table = &'static [(&'static str, &'static str)];

/// The English table, built in.
#[cfg(not(target_arch = "wasm32"))]
mod english {
    pub fn table() -> Option<super::Table> {
        Some(super::table::EN)
    }

    pub async fn load() -> bool {
        true
    }
}

/// The English table, fetched once when first needed (lazy-view/src/english.rs).
#[cfg(target_arch = "wasm32")]
use passregion_lazy::english;

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

    /// The texts of this language; for English, the few built-in ones until the file is in.
    fn table(self) -> Table {
        match self {
            Lang::Fr => french(),
            Lang::En => english::table().unwrap_or(table::EN_BUILT_IN),
        }
    }
}

thread_local! {
    /// The French table of the bundle that runs: the space's, or the login page's own (build.rs `LOGIN_BUNDLE`).
    static FRENCH: std::cell::Cell<Option<Table>> = const { std::cell::Cell::new(None) };
}

/// The French tables each binary may run with. Only the binary's own start names one, so the login's bundle does not
/// carry every page's texts.
pub mod french {
    pub use super::table::{FR as SPACE, FR_LOGIN as LOGIN};
}

/// Chooses the bundle's French table; each binary's start calls it before anything is drawn (src/lib.rs).
pub fn use_french(table: Table) {
    FRENCH.set(Some(table));
}

fn french() -> Table {
    FRENCH.get().unwrap_or_else(default_french)
}

/// Native code (the tests) runs the whole table unless told otherwise.
#[cfg(not(target_arch = "wasm32"))]
fn default_french() -> Table {
    table::FR
}

/// A wasm bundle has no default: one whose start forgot to choose would show every key raw, at once.
#[cfg(target_arch = "wasm32")]
fn default_french() -> Table {
    &[]
}

fn find(table: Table, key: &str) -> Option<&'static str> {
    table.binary_search_by(|(k, _)| (*k).cmp(key)).ok().map(|i| table[i].1)
}

pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    find(lang.table(), key).or_else(|| match lang {
        Lang::Fr => chunked::lookup(key),
        Lang::En => None,
    })
}

/// The French texts that travel with their page's chunk (build.rs `CHUNKS`), in the split build: the chunk installs
/// them ([`install_chunk_texts`]) before it builds its view. Without `split` they are in the main table.
mod chunked {
    use std::cell::RefCell;

    thread_local! {
        static TABLES: RefCell<Vec<super::Table>> = const { RefCell::new(Vec::new()) };
    }

    pub fn install(tables: &'static [super::Table]) {
        TABLES.with(|installed| {
            let mut installed = installed.borrow_mut();
            for table in tables {
                if !installed.iter().any(|t| std::ptr::eq(*t, *table)) {
                    installed.push(table);
                }
            }
        });
    }

    pub fn lookup(key: &str) -> Option<&'static str> {
        TABLES.with(|installed| installed.borrow().iter().find_map(|table| super::find(table, key)))
    }
}

/// Makes a chunk's French texts available; called by the chunk's own code (src/chunks.rs), the only code that names
/// its tables (`chunk_texts::CHUNK_<NAME>`), so that they are fetched with it. Empty without the `split` feature.
pub fn install_chunk_texts(tables: &'static [Table]) {
    chunked::install(tables);
}

/// The French tables each chunk carries, for src/chunks.rs (`CHUNK_ESPACE`, …; empty without `split`).
pub mod chunk_texts {
    pub use super::table::{
        CHUNK_AVANTAGES, CHUNK_CARTE, CHUNK_CODE_SECRET, CHUNK_CONFIRMER_EMAIL, CHUNK_DELAI_INACTIVITE, CHUNK_ESPACE,
        CHUNK_MES_INFORMATIONS, CHUNK_MOT_DE_PASSE, CHUNK_MOT_DE_PASSE_OUBLIE, CHUNK_NUMERO_OUBLIE,
    };
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
    /// Counts the tables that arrived after start (English): texts read it, so they follow.
    loaded: RwSignal<u32>,
    /// English was chosen but its file could not be fetched: the page went back to French and says so.
    pub english_failed: RwSignal<bool>,
}

pub fn provide_i18n() -> RwSignal<Lang> {
    let lang = RwSignal::new(initial_lang());
    let loaded = RwSignal::new(0u32);
    let english_failed = RwSignal::new(false);
    provide_context(I18n { lang, loaded, english_failed });
    Effect::new(move |_| {
        let chosen = lang.get();
        apply_lang(chosen);
        if chosen == Lang::En && english::table().is_none() {
            leptos::task::spawn_local(async move {
                if english::load().await {
                    let _ = english_failed.try_set(false);
                    let _ = loaded.try_update(|n| *n += 1);
                } else if english::table().is_none() {
                    // French is what shows: the switch, `<html lang>` and the remembered choice say so too.
                    let _ = english_failed.try_set(true);
                    let _ = lang.try_set(Lang::Fr);
                }
            });
        } else if chosen == Lang::En {
            english_failed.set(false);
        }
    });
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

fn use_i18n() -> Option<I18n> {
    use_context::<I18n>()
}

pub fn use_lang() -> RwSignal<Lang> {
    match use_i18n() {
        Some(i18n) => i18n.lang,
        None => RwSignal::new(Lang::Fr),
    }
}

/// Whether the English file could not be fetched (false without a context).
pub fn english_failed() -> bool {
    use_i18n().is_some_and(|i| i.english_failed.get())
}

impl I18n {
    /// Tries English again after a failed fetch.
    pub fn retry_english(self) {
        self.english_failed.set(false);
        self.lang.set(Lang::En);
    }
}

/// The current language, tracked when read inside a reactive closure (and so is the arrival of its texts).
pub fn current_lang() -> Lang {
    match use_i18n() {
        Some(i18n) => {
            i18n.loaded.track();
            i18n.lang.get()
        }
        None => Lang::Fr,
    }
}

/// Reactive translation, to put straight in a view.
pub fn t(key: &'static str) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let i18n = use_i18n();
    move || match i18n {
        Some(i18n) => {
            i18n.loaded.track();
            text(i18n.lang.get(), key)
        }
        None => text(Lang::Fr, key),
    }
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

    /// Namespaces by prefix, not whole keys: build.rs reads every "namespace.key" literal in this file as a key that
    /// the login's bundle uses.
    #[test]
    fn the_login_bundle_carries_its_own_texts_and_not_the_pages() {
        let (login, whole) = (french::LOGIN, table::FR);
        let has = |prefix: &str| login.iter().any(|(k, _)| k.starts_with(prefix));
        assert!(login.windows(2).all(|w| w[0].0 < w[1].0), "sorted, for the binary search");
        assert!(login.iter().all(|(k, v)| find(whole, k) == Some(*v)), "the space's texts");
        assert!(login.len() * 2 < whole.len(), "{} of {} texts", login.len(), whole.len());
        for prefix in ["login.", "shell.", "common.", "errors."] {
            assert!(has(prefix), "lacks {prefix}");
        }
        for prefix in ["dossier.", "card.", "advantages.", "me.", "timeline."] {
            assert!(!has(prefix), "carries {prefix}");
        }
    }

    #[test]
    fn every_used_key_exists() {
        assert!(!used_keys().is_empty());
        for key in used_keys() {
            assert!(lookup(Lang::En, key).is_some() && lookup(Lang::Fr, key).is_some(), "{key}");
        }
    }

    #[test]
    fn the_built_in_english_texts_are_the_files_own() {
        assert!(!table::EN_BUILT_IN.is_empty());
        for (key, text) in table::EN_BUILT_IN {
            assert_eq!(find(table::EN, key), Some(*text), "{key}");
            assert_ne!(find(table::FR, key), Some(*text), "{key} is not translated");
        }
    }

    /// Keys a page builds at run time are of namespaces its chunk carries (or that stay in the first page): build.rs
    /// checks the keys it can see in the sources, this the ones it cannot.
    #[test]
    fn dynamic_keys_travel_with_their_chunk() {
        let carried = |chunk: &str| table::CHUNK_NAMESPACES.iter().find(|(c, _)| *c == chunk).unwrap().1;
        let chunked: Vec<&str> = table::CHUNK_NAMESPACES.iter().flat_map(|(_, ns)| ns.iter().copied()).collect();
        for (chunk, keys) in [
            ("espace", crate::pages::dossier::dynamic_keys()),
            ("code_secret", crate::pages::secret_code::dynamic_keys()),
            ("avantages", crate::pages::advantages::dynamic_keys()),
        ] {
            for key in keys {
                let ns = key.split('.').next().unwrap();
                assert!(
                    !chunked.contains(&ns) || carried(chunk).contains(&ns),
                    "{key}: chunk {chunk} does not carry {ns}"
                );
            }
        }
        for key in crate::dates::month_keys() {
            assert!(!chunked.contains(&key.split('.').next().unwrap()), "{key}: dates serve every page");
        }
    }

    /// The footer's helpline and the Région's line read the same in the space as in the application: two bundles,
    /// two translation tables, one footer for the person going from one to the other.
    #[test]
    fn the_footer_reads_as_in_the_application() {
        for (lang, app) in [
            (Lang::Fr, include_str!("../../locales/fr/shell.json")),
            (Lang::En, include_str!("../../locales/en/shell.json")),
        ] {
            let app: serde_json::Map<String, serde_json::Value> = serde_json::from_str(app).unwrap();
            for key in ["help_title", "help_call", "help_hours", "help_cost", "owner", "privacy_link"] {
                assert_eq!(lookup(lang, &format!("shell.{key}")), app[key].as_str(), "shell.{key} in {}", lang.code());
            }
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
