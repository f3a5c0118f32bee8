//! Posting the worker's replies in the protocol's envelope (`passregion_photo::protocol::envelope`).

use js_sys::{Array, ArrayBuffer};
use passregion_photo::protocol::{Reply, envelope};
use wasm_bindgen::JsValue;

pub fn post(reply: &Reply) {
    if let Some(message) = envelope::write(reply, &JsValue::UNDEFINED) {
        let _ = crate::scope().post_message(&message);
    }
}

/// Posts the reply with `buffer` beside it, handed over to the page rather than copied.
pub fn post_transferring(reply: &Reply, buffer: &ArrayBuffer) {
    if let Some(message) = envelope::write(reply, buffer) {
        let _ = crate::scope().post_message_with_transfer(&message, &Array::of1(buffer));
    }
}
