//! serde's `Deserializer` over what `JSON.parse` returns, in place of serde-wasm-bindgen's.
//!
//! The reason is its error type ([`Error`]), but the reading is kept as serde-wasm-bindgen did it, so that callers
//! see no change: a struct reads its declared fields by name (so unknown fields are ignored, even under
//! `deny_unknown_fields`, which only the server's own types carry); integers are numbers within ±(2^53 − 1);
//! `null` is `None` and `()`; an enum is `"variant"` or `{"variant": payload}`; anything read without a type
//! (`deserialize_any`, which serde uses for internally tagged enums) takes the value's own JSON type.
//!
//! Only the values `JSON.parse` makes are expected: no `undefined` inside, no `Map`, no `BigInt`.

use crate::error::Error;
use js_sys::{Array, Object};
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Error as _, Expected, Unexpected, Visitor};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A plain object, read by property name without `Reflect`'s exception handling.
    type Fields;

    #[wasm_bindgen(method, structural, indexing_getter)]
    fn get(this: &Fields, name: &str) -> JsValue;
}

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// The value of type `T` that `value` (as made by `JSON.parse`) holds.
pub fn from_value<T: de::DeserializeOwned>(value: JsValue) -> Result<T, Error> {
    T::deserialize(Deserializer(value))
}

pub struct Deserializer(JsValue);

impl Deserializer {
    fn is_null(&self) -> bool {
        self.0.is_null() || self.0.is_undefined()
    }

    /// A plain object: not `null`, not an array.
    fn is_object(&self) -> bool {
        self.0.is_object() && !Array::is_array(&self.0)
    }

    /// The error for a value of the wrong type; what was found is named by kind only (see `error.rs`).
    #[cold]
    fn invalid(&self, expected: &dyn Expected) -> Error {
        let found = if self.is_null() {
            Unexpected::Unit
        } else if let Some(b) = self.0.as_bool() {
            Unexpected::Bool(b)
        } else if let Some(n) = self.0.as_f64() {
            Unexpected::Float(n)
        } else if self.0.is_string() {
            Unexpected::Str("")
        } else if Array::is_array(&self.0) {
            Unexpected::Seq
        } else if self.0.is_object() {
            Unexpected::Map
        } else {
            Unexpected::Other("")
        };
        Error::invalid_type(found, expected)
    }

    /// A number: the integers JS holds exactly as integers (`u64` from 0 up, so that any integer type can take
    /// it and check its range), anything else as `f64`, which an integer type refuses.
    fn number<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_f64() {
            Some(n) if n.trunc() == n && n.abs() <= MAX_SAFE_INTEGER => {
                if n >= 0.0 {
                    visitor.visit_u64(n as u64)
                } else {
                    visitor.visit_i64(n as i64)
                }
            }
            Some(n) => visitor.visit_f64(n),
            None => Err(self.invalid(&visitor)),
        }
    }

    fn string<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_string() {
            Some(s) => visitor.visit_string(s),
            None => Err(self.invalid(&visitor)),
        }
    }

    fn array<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !Array::is_array(&self.0) {
            return Err(self.invalid(&visitor));
        }
        let array: Array = self.0.unchecked_into();
        let mut elements = Elements { len: array.length(), array, next: 0 };
        let value = visitor.visit_seq(&mut elements)?;
        if elements.next < elements.len {
            return Err(Error::invalid_length(elements.len as usize, &"fewer elements in array"));
        }
        Ok(value)
    }

    /// Every property of a plain object, for maps and for what is read without a type.
    fn entries<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !self.is_object() {
            return Err(self.invalid(&visitor));
        }
        let entries = Object::entries(self.0.unchecked_ref());
        visitor.visit_map(Entries { len: entries.length(), entries, next: 0, value: JsValue::UNDEFINED })
    }
}

impl<'de> de::Deserializer<'de> for Deserializer {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_unit()
        } else if let Some(b) = self.0.as_bool() {
            visitor.visit_bool(b)
        } else if self.0.as_f64().is_some() {
            self.number(visitor)
        } else if self.0.is_string() {
            self.string(visitor)
        } else if Array::is_array(&self.0) {
            self.array(visitor)
        } else {
            self.entries(visitor)
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_bool() {
            Some(b) => visitor.visit_bool(b),
            None => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.string(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.string(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.array(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.array(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() { visitor.visit_none() } else { visitor.visit_some(self) }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() { visitor.visit_unit() } else { Err(self.invalid(&visitor)) }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.array(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.array(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.array(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.entries(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if !self.is_object() {
            return Err(self.invalid(&visitor));
        }
        visitor.visit_map(Declared { object: self.0.unchecked_into(), fields, value: JsValue::UNDEFINED, field: "" })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if self.0.is_string() {
            return visitor.visit_enum(Variant { tag: self.0, payload: None });
        }
        if !self.is_object() {
            return Err(self.invalid(&visitor));
        }
        let entries = Object::entries(self.0.unchecked_ref());
        if entries.length() != 1 {
            return Err(Error::invalid_length(entries.length() as usize, &"an object with one property"));
        }
        let pair: Array = entries.get(0).unchecked_into();
        visitor.visit_enum(Variant { tag: pair.get(0), payload: Some(pair.get(1)) })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.string(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// An array's elements, in order.
struct Elements {
    array: Array,
    len: u32,
    next: u32,
}

impl<'de> de::SeqAccess<'de> for Elements {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.next >= self.len {
            return Ok(None);
        }
        let index = self.next;
        self.next += 1;
        seed.deserialize(Deserializer(self.array.get(index))).map(Some).map_err(|e| e.in_element(index as usize))
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.len - self.next) as usize)
    }
}

/// A plain object's properties, as `Object.entries` lists them.
struct Entries {
    entries: Array,
    len: u32,
    next: u32,
    /// The value of the key just read, and that key (for the error's path).
    value: JsValue,
}

impl<'de> de::MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        if self.next >= self.len {
            return Ok(None);
        }
        let pair: Array = self.entries.get(self.next).unchecked_into();
        self.next += 1;
        self.value = pair.get(1);
        seed.deserialize(Deserializer(pair.get(0))).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = std::mem::replace(&mut self.value, JsValue::UNDEFINED);
        seed.deserialize(Deserializer(value)).map_err(|e| {
            let pair: Array = self.entries.get(self.next - 1).unchecked_into();
            match pair.get(0).as_string() {
                Some(key) => e.in_field(&key),
                None => e,
            }
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.len - self.next) as usize)
    }
}

/// A struct's declared fields read from an object by name, those it lacks left out (as serde-wasm-bindgen did).
struct Declared {
    object: Fields,
    fields: &'static [&'static str],
    /// The value of the field just read, and its name (for the error's path).
    value: JsValue,
    field: &'static str,
}

impl<'de> de::MapAccess<'de> for Declared {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        while let Some((field, rest)) = self.fields.split_first() {
            self.fields = rest;
            let value = self.object.get(field);
            if !value.is_undefined() {
                self.value = value;
                self.field = field;
                return seed.deserialize(BorrowedStrDeserializer::new(field)).map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = std::mem::replace(&mut self.value, JsValue::UNDEFINED);
        seed.deserialize(Deserializer(value)).map_err(|e| e.in_field(self.field))
    }
}

/// An enum's variant name and, in the object form, its payload.
struct Variant {
    tag: JsValue,
    payload: Option<JsValue>,
}

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = Error;
    type Variant = Payload;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Payload), Error> {
        let variant = seed.deserialize(Deserializer(self.tag))?;
        Ok((variant, Payload(self.payload)))
    }
}

struct Payload(Option<JsValue>);

impl Payload {
    /// The payload a variant with data needs, or the error for `"variant"` alone.
    fn data(self, expected: &str) -> Result<Deserializer, Error> {
        match self.0 {
            Some(value) => Ok(Deserializer(value)),
            None => Err(Error::invalid_type(Unexpected::UnitVariant, &expected)),
        }
    }
}

impl<'de> de::VariantAccess<'de> for Payload {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.0 {
            Some(value) => de::Deserialize::deserialize(Deserializer(value)),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self.data("a variant with a value")?)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_tuple(self.data("a tuple variant")?, len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_struct(self.data("a struct variant")?, "", fields, visitor)
    }
}
