//! JSON text to and from serde types, by the browser's `JSON.parse` and `JSON.stringify` in wasm.
//!
//! Between `JSON.parse` and the types, the crate's own deserializer over `JsValue` (`de.rs`), whose errors format
//! no float (`error.rs`: serde-wasm-bindgen's brought f64 formatting into every first page); between the types
//! and `JSON.stringify`, serde-wasm-bindgen's serializer.
//!
//! The text is the one serde_json writes for the same value — objects with the fields in declaration order, `None`
//! as `null`, numbers as JSON numbers — so the server, `openapi.yaml` and what an older build left in
//! sessionStorage read it as before (`tests/web.rs` compares the two for the draft, the receipt and a request).
//! What serde-wasm-bindgen would do differently by default is set back by [`Serializer::json_compatible`]:
//! `None` and `()` become `null` rather than `undefined` (which `JSON.stringify` would drop), maps become plain
//! objects rather than `Map`s (which it would write as `{}`), bytes become arrays. 64-bit integers are written as
//! numbers and refused beyond 2^53 (no type sent or stored here carries one that large).
//!
//! Natively (unit tests of the API clients) the same functions run on serde_json.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why a text could not be read or a value written; shown only in `ApiError::Unexpected`'s detail.
pub type Error = String;

#[cfg(target_arch = "wasm32")]
mod de;
#[cfg(target_arch = "wasm32")]
mod error;

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::Error;
    use serde::Serialize;
    use serde::de::DeserializeOwned;
    use serde_wasm_bindgen::Serializer;
    use wasm_bindgen::{JsCast, JsValue};

    const SERIALIZER: Serializer = Serializer::json_compatible();

    pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
        let value = js_sys::JSON::parse(text).map_err(js_error)?;
        super::de::from_value(value).map_err(|e| e.to_string())
    }

    pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
        let value = value.serialize(&SERIALIZER).map_err(|e| e.to_string())?;
        js_sys::JSON::stringify(&value).map(String::from).map_err(js_error)
    }

    fn js_error(e: JsValue) -> Error {
        match e.dyn_ref::<js_sys::Error>() {
            Some(e) => e.message().into(),
            None => "not JSON".into(),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::Error;
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
        serde_json::to_string(value).map_err(|e| e.to_string())
    }
}

/// The value a JSON text holds.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    imp::from_str(text)
}

/// The JSON text of a value.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    imp::to_string(value)
}
