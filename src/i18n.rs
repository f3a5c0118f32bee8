//! Translations: `locales/<lang>/<namespace>.json`, checked by build.rs (which refuses to build when a key is
//! missing in one language or used in `src/` without being defined).
//!
//! French, the default, is compiled into the app; in the split release build the namespaces only lazily loaded
//! chunks use (build.rs `CHUNKED`: photo, handoff, delivery, privacy) are in those chunks, installed when they load
//! (src/chunks.rs). English is not on the first page: `build-tools/postbuild.mjs`
//! writes it as `i18n/en-<hash>.json` and names that file in `index.html`'s `<meta name="passregion-i18n-en">`; it
//! is fetched when English is chosen (by `index.html` itself, before the app starts, when it was chosen before: the
//! first frame is then English). Until it is there the French text shows, and every translated text in view
//! follows as soon as it arrives. Native builds and the
//! browser tests (feature `embedded-translations`) have both languages built in.
//!
//! Keys are written "namespace.key". [`t`] gives a closure that follows the current language (put it straight in a
//! view); [`t_now`] gives the text once. `{name}` placeholders are filled by [`tf`] / [`tf_now`] / [`fill`].

use leptos::prelude::*;

mod table {
    include!(concat!(env!("OUT_DIR"), "/translations.rs"));
}

type Table = &'static [(&'static str, &'static str)];

/// The English table, built in.
#[cfg(any(not(target_arch = "wasm32"), feature = "embedded-translations"))]
mod english {
    pub fn table() -> Option<super::Table> {
        Some(super::table::EN)
    }

    pub async fn load() -> bool {
        true
    }
}

/// The English table, fetched once when first needed (lazy-view/src/english.rs, shared with the space).
#[cfg(all(target_arch = "wasm32", not(feature = "embedded-translations")))]
use passregion_lazy::english;

/// localStorage key of the chosen language. A UI preference, not personal data.
pub const LANG_STORAGE_KEY: &str = "passregion.lang";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// BCP 47 code, also used for `<html lang>`, `?lang=` and `Accept-Language`.
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

    /// The texts of this language; empty while English is not loaded yet (lookups then fall back to French).
    fn table(self) -> Table {
        match self {
            Lang::Fr => french(),
            Lang::En => english::table().unwrap_or(&[]),
        }
    }
}

thread_local! {
    /// The French table of the bundle that runs: the application's, or a small bundle's own (build.rs `BUNDLES`).
    static FRENCH: std::cell::Cell<Option<Table>> = const { std::cell::Cell::new(None) };
}

/// The French tables each binary may run with. Only the binary's own start names one, so the others stay out of its
/// wasm: a bundle that named the application's table by default would carry every step's texts.
pub mod french {
    pub use super::table::{FR as APPLICATION, FR_PHONE as PHONE, FR_SPACE_PHOTO as SPACE_PHOTO, FR_START as START};
}

/// Chooses the bundle's French table; each binary's start calls it before anything is drawn (src/lib.rs).
pub fn use_french(table: Table) {
    FRENCH.set(Some(table));
}

fn french() -> Table {
    FRENCH.get().unwrap_or_else(default_french)
}

/// Native code (the tests) and the browser tests run the whole table unless told otherwise.
#[cfg(any(not(target_arch = "wasm32"), feature = "embedded-translations"))]
fn default_french() -> Table {
    table::FR
}

/// A wasm bundle has no default: one whose start forgot to choose would show every key raw, at once.
#[cfg(not(any(not(target_arch = "wasm32"), feature = "embedded-translations")))]
fn default_french() -> Table {
    &[]
}

/// The text of `key` in `lang`, if defined.
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    find(lang.table(), key).or_else(|| match lang {
        Lang::Fr => chunked::lookup(key),
        Lang::En => None,
    })
}

fn find(table: Table, key: &str) -> Option<&'static str> {
    table.binary_search_by(|(k, _)| (*k).cmp(key)).ok().map(|i| table[i].1)
}

/// The French texts of the namespaces that travel with their chunks (build.rs `CHUNKED`), in the split build: a
/// chunk installs them ([`install_chunk_texts`]) before it builds its view. Without `split` they are in the main
/// table and nothing is ever installed.
mod chunked {
    use std::cell::RefCell;

    thread_local! {
        static TABLES: RefCell<Vec<super::Table>> = const { RefCell::new(Vec::new()) };
    }

    #[cfg_attr(not(feature = "split"), allow(dead_code))]
    pub fn install(table: super::Table) {
        TABLES.with(|installed| {
            let mut installed = installed.borrow_mut();
            if !installed.iter().any(|t| std::ptr::eq(*t, table)) {
                installed.push(table);
            }
        });
    }

    pub fn lookup(key: &str) -> Option<&'static str> {
        TABLES.with(|installed| installed.borrow().iter().find_map(|table| super::find(table, key)))
    }
}

/// Makes the French texts of a chunk's namespaces available. Called only by the chunk's own code (src/chunks.rs),
/// the only code that names these tables, so that wasm-split puts them in the chunk.
#[cfg(feature = "split")]
pub fn install_chunk_texts(table: Table) {
    chunked::install(table);
}

/// The French tables of the chunked namespaces, for src/chunks.rs (split build only).
#[cfg(feature = "split")]
pub mod chunk_texts {
    pub use super::table::{FR_DELIVERY, FR_HANDOFF, FR_PHOTO, FR_PRIVACY};
}

/// A text of the space's photo page: build.rs keeps its namespace, `space_photo`, out of the app's tables (and so
/// off the application's first page and out of its English file); only that page's binary reaches this.
pub fn space_photo_text(lang: Lang, key: &str) -> Option<&'static str> {
    let table = match lang {
        Lang::Fr => table::SPACE_PHOTO_FR,
        Lang::En => table::SPACE_PHOTO_EN,
    };
    find(table, key)
}

/// Every key of one language, sorted (for tests).
pub fn keys(lang: Lang) -> impl Iterator<Item = &'static str> {
    lang.table().iter().map(|(k, _)| *k)
}

/// Keys found by build.rs in `src/` and in core's journey table (for tests).
pub fn used_keys() -> &'static [&'static str] {
    table::USED_KEYS
}

/// The text of `key`, falling back to French, then to the key itself (build.rs makes that last case a bug).
pub fn text(lang: Lang, key: &str) -> String {
    lookup(lang, key).or_else(|| lookup(Lang::Fr, key)).unwrap_or(key).to_string()
}

/// Replaces each `{name}` with its value; unknown placeholders stay as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The language context: one signal for the whole app.
#[derive(Clone, Copy, Debug)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

/// Counts the translation tables that arrived after start (English): texts read it, so they follow.
#[derive(Clone, Copy, Debug)]
struct TablesLoaded(RwSignal<u32>);

fn tables_loaded() -> Option<RwSignal<u32>> {
    use_context::<TablesLoaded>().map(|t| t.0)
}

/// Sets up the language: remembered choice, else French; keeps `<html lang>` and localStorage
/// in step with it, and fetches the English texts the first time English is on. Call once, at the root.
pub fn provide_i18n() -> RwSignal<Lang> {
    let lang = RwSignal::new(initial_lang());
    let loaded = RwSignal::new(0u32);
    provide_context(I18n { lang });
    provide_context(TablesLoaded(loaded));
    Effect::new(move |_| {
        let lang = lang.get();
        apply_lang(lang);
        if lang == Lang::En && english::table().is_none() {
            leptos::task::spawn_local(async move {
                if english::load().await {
                    let _ = loaded.try_update(|n| *n += 1);
                }
            });
        }
    });
    lang
}

/// The language to start in: the remembered choice, else French. The browser's language is deliberately not
/// followed: this is a French public service whose reference text is French, and the switch is one tap away.
pub fn initial_lang() -> Lang {
    crate::storage::local_get(LANG_STORAGE_KEY).and_then(|c| Lang::from_code(&c)).unwrap_or_default()
}

/// Remembers `lang` and updates `<html lang>` (screen readers switch voice on it).
pub fn apply_lang(lang: Lang) {
    crate::storage::local_set(LANG_STORAGE_KEY, lang.code());
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", lang.code());
    }
}

/// The language signal from context (French, constant, when there is none, e.g. in a bare test).
pub fn use_lang() -> RwSignal<Lang> {
    match use_context::<I18n>() {
        Some(i18n) => i18n.lang,
        None => RwSignal::new(Lang::Fr),
    }
}

/// The current language, tracked when read inside a reactive closure (and so is the arrival of its texts).
pub fn current_lang() -> Lang {
    if let Some(loaded) = tables_loaded() {
        loaded.track();
    }
    use_context::<I18n>().map(|i| i.lang.get()).unwrap_or_default()
}

/// Reactive translation: a closure giving the text of `key` in the current language.
pub fn t(key: &'static str) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let lang = use_lang();
    let loaded = tables_loaded();
    move || {
        if let Some(loaded) = loaded {
            loaded.track();
        }
        text(lang.get(), key)
    }
}

/// The text of `key` in the current language, now (tracked if called inside a reactive closure).
pub fn t_now(key: &str) -> String {
    text(current_lang(), key)
}

/// Reactive translation with placeholders; `args` is re-evaluated too, so values may come from signals.
pub fn tf<A>(key: &'static str, args: A) -> impl Fn() -> String + Clone + Send + Sync + 'static
where
    A: Fn() -> Vec<(&'static str, String)> + Clone + Send + Sync + 'static,
{
    let lang = use_lang();
    let loaded = tables_loaded();
    move || {
        if let Some(loaded) = loaded {
            loaded.track();
        }
        let values = args();
        let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(&text(lang.get(), key), &pairs)
    }
}

/// [`t_now`] with placeholders.
pub fn tf_now(key: &str, args: &[(&str, &str)]) -> String {
    fill(&t_now(key), args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_the_same_keys() {
        let fr: Vec<_> = keys(Lang::Fr).collect();
        for lang in Lang::ALL {
            let other: Vec<_> = keys(lang).collect();
            assert_eq!(fr, other, "keys of {} differ from fr", lang.code());
        }
        assert!(!fr.is_empty());
    }

    #[test]
    fn every_used_key_exists_in_every_language() {
        assert!(!used_keys().is_empty(), "build.rs found no key in src/");
        for key in used_keys() {
            for lang in Lang::ALL {
                assert!(lookup(lang, key).is_some(), "{key} missing in {}", lang.code());
            }
        }
    }

    /// Namespaces by prefix, not whole keys: build.rs reads every "namespace.key" literal in this file as a key that
    /// every small bundle uses.
    #[test]
    fn the_small_bundles_carry_their_own_texts_and_not_the_steps() {
        let whole = table::FR;
        let has = |table: Table, prefix: &str| table.iter().any(|(k, _)| k.starts_with(prefix));
        for (name, table, own, foreign) in [
            ("start", french::START, &["start."][..], &["identity.", "photo.", "school."][..]),
            ("phone", french::PHONE, &["photo.", "handoff."][..], &["start.", "identity.", "school."][..]),
            ("space photo", french::SPACE_PHOTO, &["photo.", "handoff."][..], &["start.", "identity."][..]),
        ] {
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0), "{name}: sorted, for the binary search");
            assert!(table.iter().all(|(k, v)| find(whole, k) == Some(*v)), "{name}: the application's texts");
            assert!(table.len() * 2 < whole.len(), "{name}: {} of {} texts", table.len(), whole.len());
            for prefix in own.iter().chain(&["shell.", "common.", "errors.", "dates."]) {
                assert!(has(table, prefix), "{name} lacks {prefix}");
            }
            for prefix in foreign {
                assert!(!has(table, prefix), "{name} carries {prefix}");
            }
        }
    }

    #[test]
    fn lookup_is_exact_and_falls_back_to_the_key() {
        assert!(lookup(Lang::Fr, "shell.wordmark").is_some());
        assert_eq!(lookup(Lang::Fr, &format!("shell.{}", "wordmar")), None);
        assert_eq!(text(Lang::En, "nope.nothing"), "nope.nothing");
    }

    /// Keys built at run time (step titles from core's journey, messages of core's error codes) are not seen by
    /// build.rs's scan of `src/`: check them here.
    #[test]
    fn dynamic_keys_exist_in_every_language() {
        for step in passregion_core::journey::STEPS {
            for lang in Lang::ALL {
                assert!(lookup(lang, step.title_key).is_some(), "{} missing in {}", step.title_key, lang.code());
            }
        }
        for month in 1..=12 {
            for lang in Lang::ALL {
                let key = passregion_core::Date::month_key(month);
                assert!(lookup(lang, &key).is_some(), "{key} missing in {}", lang.code());
            }
        }
        for code in passregion_core::ErrorCode::ALL {
            for lang in Lang::ALL {
                let key = code.translation_key();
                assert!(lookup(lang, &key).is_some(), "{key} missing in {}", lang.code());
            }
        }
    }

    #[test]
    fn fill_replaces_named_placeholders_only() {
        assert_eq!(fill("Étape {n} sur {m}", &[("n", "2"), ("m", "8")]), "Étape 2 sur 8");
        assert_eq!(fill("{a}{a} {b}", &[("a", "x")]), "xx {b}");
    }

    #[test]
    fn lang_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
    }
}
