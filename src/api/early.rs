//! Answers `index.html` asked for before the app ran (its inline script, `window.passregionEarly`): the campaign,
//! which every page of the app waits for, and on a journey step the charter, which a fresh tab lands on. Asked
//! beside the app's code rather than after it has run, they break the chain main module → campaign → charter that
//! kept the charter, the page's largest content, waiting (issue 8). Each is taken once: a retry, or the page opened
//! again, asks the server itself; so does anything index.html did not ask, or asked in another language, or whose
//! early request failed. Neither answer holds personal data.

use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::Lang;

/// The text of the successful answer to `path` in `lang` that index.html asked for, if it did and got one.
pub async fn take(path: &str, lang: Lang) -> Option<String> {
    let early = js_sys::Reflect::get(&js_sys::global(), &"passregionEarly".into()).ok()?;
    if !early.is_object() {
        return None;
    }
    let key = JsValue::from_str(&format!("{path} {}", lang.code()));
    let promise = js_sys::Reflect::get(&early, &key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(early.unchecked_ref::<js_sys::Object>(), &key);
    let text = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_string();
    // Often in before the app has run: showing it is then a task of its own, not part of the first render's.
    passregion_lazy::next_task().await;
    text
}
