//! The English texts of a bundle whose wasm carries French only, fetched once when first needed; shared by the
//! application (`src/i18n.rs`) and the beneficiary space (`space/src/i18n.rs`), which each keep their own French
//! table and language signal.
//!
//! The file: `build-tools/postbuild.mjs` writes the bundle's English texts as `i18n/en-<hash>.json` (one flat
//! object, `{"namespace.key": "text"}`) and names it in the page's `<meta name="passregion-i18n-en">`. When English
//! is the remembered choice the page's inline script fetches it itself, beside the wasm, and leaves the promise in
//! `window.passregionEnTexts` and the text in `window.passregionEnText`: the table is then there for the first frame.
//! While it is awaited the page's `boot-en-pending` class hides its text (style/main.css), so French does not flash.

use std::cell::Cell;
use wasm_bindgen::JsCast;

/// A translation table: `(key, text)` sorted by key.
pub type Table = &'static [(&'static str, &'static str)];

thread_local! {
    static TABLE: Cell<Option<Table>> = const { Cell::new(None) };
    static LOADING: Cell<bool> = const { Cell::new(false) };
}

/// The table, if loaded; installs it on first call when the page's early fetch has already brought it
/// (`window.passregionEnText`), so that an English visitor's first frame is English.
pub fn table() -> Option<Table> {
    if let Some(table) = TABLE.with(Cell::get) {
        return Some(table);
    }
    let text = js_sys::Reflect::get(&js_sys::global(), &"passregionEnText".into()).ok()?.as_string()?;
    let table = parse(&text)?;
    install(table);
    Some(table)
}

fn install(table: Table) {
    TABLE.with(|c| c.set(Some(table)));
    show_texts();
}

/// Lifts the page's `boot-en-pending`, which hides its text while English is awaited.
fn show_texts() {
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.class_list().remove_1("boot-en-pending");
    }
}

/// Where `build-tools/postbuild.mjs` put the file (hashed name, so cached for good; under the bundle's own prefix).
fn url() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector("meta[name='passregion-i18n-en']")
        .ok()
        .flatten()?
        .get_attribute("content")
}

/// Fetches and installs the table; false when it could not (offline, a missing file): French stays, the caller
/// says so, and a later call tries again.
pub async fn load() -> bool {
    if table().is_some() {
        return true;
    }
    if LOADING.with(|l| l.replace(true)) {
        return false;
    }
    let table = fetch().await;
    LOADING.with(|l| l.set(false));
    match table {
        Some(t) => {
            TABLE.with(|c| c.set(Some(t)));
            // The caller now tells its texts, whose views follow in the next microtasks: the page is shown after
            // them, so it never shows French for a moment.
            leptos::prelude::request_animation_frame(show_texts);
            true
        }
        None => {
            show_texts();
            false
        }
    }
}

/// The text of the file: the page's early fetch when it started one and it succeeded, else a fetch of our own.
async fn fetch() -> Option<Table> {
    let early = js_sys::Reflect::get(&js_sys::global(), &"passregionEnTexts".into()).ok();
    if let Some(promise) = early.and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        && let Some(text) = wasm_bindgen_futures::JsFuture::from(promise).await.ok().and_then(|t| t.as_string())
    {
        return parse(&text);
    }
    let response = gloo_net::http::Request::get(&url()?).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    parse(&response.text().await.ok()?)
}

/// The browser parses the JSON (`JSON.parse`): no JSON parser in the wasm for this. The file's keys are in byte order
/// (postbuild.mjs sorts them; they are ASCII, where JavaScript's order is the same) and `Object.entries` keeps that
/// order, so the table needs no sorting here (no sort code in the first page); a file out of order is refused.
fn parse(text: &str) -> Option<Table> {
    let object = js_sys::JSON::parse(text).ok()?.dyn_into::<js_sys::Object>().ok()?;
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let pairs: Vec<(&'static str, &'static str)> = js_sys::Object::entries(&object)
        .iter()
        .filter_map(|entry| {
            let entry = entry.dyn_into::<js_sys::Array>().ok()?;
            Some((leak(entry.get(0).as_string()?), leak(entry.get(1).as_string()?)))
        })
        .collect();
    if !pairs.is_sorted_by(|a, b| a.0 < b.0) {
        return None;
    }
    Some(Box::leak(pairs.into_boxed_slice()))
}
