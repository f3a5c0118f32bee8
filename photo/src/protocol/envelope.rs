//! The envelope `[message, payload]` in the browser, for both ends: the message written and read as a plain JS
//! value ([`super::js`]), the payload (the picture) passed through as it is.

use js_sys::Array;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

/// `[message, payload]`, ready for `postMessage`; `None` if the message cannot be written (none of the protocol's
/// types has a value that cannot).
pub fn write<T: Serialize>(message: &T, payload: &JsValue) -> Option<Array> {
    let message = super::js::to_value(message)?;
    Some(Array::of2(&message, payload))
}

/// The message and the payload of a received envelope; `None` for anything that is not one of ours.
pub fn read<T: DeserializeOwned>(data: &JsValue) -> Option<(T, JsValue)> {
    let envelope = data.dyn_ref::<Array>().filter(|a| a.length() == 2)?;
    let message = super::js::from_value(envelope.get(0))?;
    Some((message, envelope.get(1)))
}
