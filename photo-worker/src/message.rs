//! Building and reading the plain JS objects exchanged with the page.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

pub fn get_str(obj: &JsValue, key: &str) -> Option<String> {
    Reflect::get(obj, &key.into()).ok().and_then(|v| v.as_string())
}

/// Whole, non-negative numbers only: anything else reads as missing (and the crop check then refuses it).
pub fn get_u32(obj: &JsValue, key: &str) -> Option<u32> {
    let v = Reflect::get(obj, &key.into()).ok()?.as_f64()?;
    (v >= 0.0 && v <= f64::from(u32::MAX) && v.fract() == 0.0).then_some(v as u32)
}

pub struct Out(Object);

impl Out {
    pub fn new(kind: &str, id: f64) -> Out {
        Out(Object::new()).str("type", kind).value("id", &JsValue::from_f64(id))
    }

    pub fn str(self, key: &str, value: &str) -> Out {
        self.value(key, &JsValue::from_str(value))
    }

    pub fn num(self, key: &str, value: u32) -> Out {
        self.value(key, &JsValue::from_f64(f64::from(value)))
    }

    pub fn value(self, key: &str, value: &JsValue) -> Out {
        let _ = Reflect::set(&self.0, &key.into(), value);
        self
    }

    pub fn post(self) {
        let _ = crate::scope().post_message(&self.0);
    }

    /// Hands the buffer over instead of copying it.
    pub fn post_transferring(self, buffer: &JsValue) {
        let _ = crate::scope().post_message_with_transfer(&self.0, &Array::of1(buffer));
    }
}
