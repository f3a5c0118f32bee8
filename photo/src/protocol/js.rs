//! The protocol's types to and from plain JS values (objects, arrays, strings, numbers), the shapes serde_json would
//! write for them as JSON (the tests in `protocol.rs` pin those), for `postMessage` to clone.
//!
//! Why not serde-wasm-bindgen, which does the same: in the worker it cost 14.3 KB gzip (measured: 261,347 →
//! 275,688 B for wasm and glue), most of it the text of its errors — serde's "invalid type: floating point `1.5`,
//! expected u32" formats floats, which linked core's whole float printer (13 KB raw) into a worker that prints
//! none — and a JS string cache with its hash map. Nobody reads those texts here: a message that does not fit is
//! simply not ours. [`Fail`] carries no text, so nothing is formatted, and only what the protocol's shapes need is
//! written.

use js_sys::{Array, Object, Reflect};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::ser::{self, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// `value` as a plain JS value; `None` for what a protocol message never holds (integers beyond 2^53, map keys that
/// are not strings).
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Option<JsValue> {
    value.serialize(Ser).ok()
}

/// The `T` that `value` holds; `None` if it holds anything else.
pub fn from_value<T: de::DeserializeOwned>(value: JsValue) -> Option<T> {
    T::deserialize(De(value)).ok()
}

/// The one error: the value is not of the expected shape. No message is kept (see the module's note).
#[derive(Debug)]
pub struct Fail;

impl std::fmt::Display for Fail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a message of the photo protocol")
    }
}

impl std::error::Error for Fail {}

impl ser::Error for Fail {
    fn custom<T: std::fmt::Display>(_: T) -> Fail {
        Fail
    }
}

impl de::Error for Fail {
    fn custom<T: std::fmt::Display>(_: T) -> Fail {
        Fail
    }
}

/// Largest integer a JS number holds exactly.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

fn object(key: &str, value: &JsValue) -> JsValue {
    let object = Object::new();
    let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    object.into()
}

struct Ser;

/// An array or an object under construction; `tag` wraps it as `{tag: …}` (a tuple or struct variant).
struct Compound {
    value: JsValue,
    tag: Option<&'static str>,
    key: JsValue,
}

impl Compound {
    fn array(tag: Option<&'static str>) -> Compound {
        Compound { value: Array::new().into(), tag, key: JsValue::UNDEFINED }
    }

    fn object(tag: Option<&'static str>) -> Compound {
        Compound { value: Object::new().into(), tag, key: JsValue::UNDEFINED }
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        self.value.unchecked_ref::<Array>().push(&value.serialize(Ser)?);
        Ok(())
    }

    fn set<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Fail> {
        Reflect::set(&self.value, &JsValue::from_str(key), &value.serialize(Ser)?).map_err(|_| Fail)?;
        Ok(())
    }

    fn finish(self) -> Result<JsValue, Fail> {
        Ok(match self.tag {
            Some(tag) => object(tag, &self.value),
            None => self.value,
        })
    }
}

impl ser::Serializer for Ser {
    type Ok = JsValue;
    type Error = Fail;
    type SerializeSeq = Compound;
    type SerializeTuple = Compound;
    type SerializeTupleStruct = Compound;
    type SerializeTupleVariant = Compound;
    type SerializeMap = Compound;
    type SerializeStruct = Compound;
    type SerializeStructVariant = Compound;

    fn serialize_bool(self, v: bool) -> Result<JsValue, Fail> {
        Ok(JsValue::from_bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<JsValue, Fail> {
        Ok(JsValue::from_f64(f64::from(v)))
    }
    fn serialize_i16(self, v: i16) -> Result<JsValue, Fail> {
        Ok(JsValue::from_f64(f64::from(v)))
    }
    fn serialize_i32(self, v: i32) -> Result<JsValue, Fail> {
        Ok(JsValue::from_f64(f64::from(v)))
    }
    fn serialize_i64(self, v: i64) -> Result<JsValue, Fail> {
        #[allow(clippy::cast_precision_loss)] // checked just below
        let f = v as f64;
        if f.abs() > MAX_SAFE { Err(Fail) } else { Ok(JsValue::from_f64(f)) }
    }
    fn serialize_u8(self, v: u8) -> Result<JsValue, Fail> {
        Ok(JsValue::from_f64(f64::from(v)))
    }
    fn serialize_u16(self, v: u16) -> Result<JsValue, Fail> {
        Ok(JsValue::from_f64(f64::from(v)))
    }
    fn serialize_u32(self, v: u32) -> Result<JsValue, Fail> {
        Ok(JsValue::from_f64(f64::from(v)))
    }
    fn serialize_u64(self, v: u64) -> Result<JsValue, Fail> {
        #[allow(clippy::cast_precision_loss)] // checked just below
        let f = v as f64;
        if f > MAX_SAFE { Err(Fail) } else { Ok(JsValue::from_f64(f)) }
    }
    fn serialize_f32(self, v: f32) -> Result<JsValue, Fail> {
        Ok(JsValue::from_f64(f64::from(v)))
    }
    fn serialize_f64(self, v: f64) -> Result<JsValue, Fail> {
        Ok(JsValue::from_f64(v))
    }
    fn serialize_char(self, v: char) -> Result<JsValue, Fail> {
        Ok(JsValue::from_str(v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_str(self, v: &str) -> Result<JsValue, Fail> {
        Ok(JsValue::from_str(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<JsValue, Fail> {
        let array = Array::new();
        for &b in v {
            array.push(&JsValue::from_f64(f64::from(b)));
        }
        Ok(array.into())
    }
    fn serialize_none(self) -> Result<JsValue, Fail> {
        Ok(JsValue::NULL)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<JsValue, Fail> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<JsValue, Fail> {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<JsValue, Fail> {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<JsValue, Fail> {
        Ok(JsValue::from_str(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<JsValue, Fail> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<JsValue, Fail> {
        Ok(object(variant, &value.serialize(self)?))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound, Fail> {
        Ok(Compound::array(None))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound, Fail> {
        Ok(Compound::array(None))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound, Fail> {
        Ok(Compound::array(None))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound, Fail> {
        Ok(Compound::array(Some(variant)))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound, Fail> {
        Ok(Compound::object(None))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound, Fail> {
        Ok(Compound::object(None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound, Fail> {
        Ok(Compound::object(Some(variant)))
    }
}

impl ser::SerializeSeq for Compound {
    type Ok = JsValue;
    type Error = Fail;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        self.push(value)
    }
    fn end(self) -> Result<JsValue, Fail> {
        self.finish()
    }
}

impl ser::SerializeTuple for Compound {
    type Ok = JsValue;
    type Error = Fail;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        self.push(value)
    }
    fn end(self) -> Result<JsValue, Fail> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Compound {
    type Ok = JsValue;
    type Error = Fail;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        self.push(value)
    }
    fn end(self) -> Result<JsValue, Fail> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for Compound {
    type Ok = JsValue;
    type Error = Fail;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        self.push(value)
    }
    fn end(self) -> Result<JsValue, Fail> {
        self.finish()
    }
}

impl ser::SerializeMap for Compound {
    type Ok = JsValue;
    type Error = Fail;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Fail> {
        // Plain objects only: a key must be a string (as in JSON).
        self.key = key.serialize(Ser)?;
        if self.key.is_string() { Ok(()) } else { Err(Fail) }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        Reflect::set(&self.value, &self.key, &value.serialize(Ser)?).map_err(|_| Fail)?;
        Ok(())
    }
    fn end(self) -> Result<JsValue, Fail> {
        self.finish()
    }
}

impl ser::SerializeStruct for Compound {
    type Ok = JsValue;
    type Error = Fail;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Fail> {
        self.set(key, value)
    }
    fn end(self) -> Result<JsValue, Fail> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Compound {
    type Ok = JsValue;
    type Error = Fail;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Fail> {
        self.set(key, value)
    }
    fn end(self) -> Result<JsValue, Fail> {
        self.finish()
    }
}

/// Reads a JS value: what it holds decides what the visitor is shown, as JSON's types decide for serde_json.
struct De(JsValue);

impl<'de> de::Deserializer<'de> for De {
    type Error = Fail;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fail> {
        let v = self.0;
        if let Some(s) = v.as_string() {
            visitor.visit_string(s)
        } else if let Some(n) = v.as_f64() {
            // Whole numbers as integers, so that a u32 field takes 3 but refuses 3.5 and -1, as serde_json does.
            if n.fract() == 0.0 && (0.0..=MAX_SAFE).contains(&n) {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // whole, within 0..=2^53
                visitor.visit_u64(n as u64)
            } else if n.fract() == 0.0 && (-MAX_SAFE..0.0).contains(&n) {
                #[allow(clippy::cast_possible_truncation)] // whole, within -2^53..0
                visitor.visit_i64(n as i64)
            } else {
                visitor.visit_f64(n)
            }
        } else if let Some(b) = v.as_bool() {
            visitor.visit_bool(b)
        } else if v.is_null() || v.is_undefined() {
            visitor.visit_unit()
        } else if Array::is_array(&v) {
            let array: Array = v.unchecked_into();
            visitor.visit_seq(Seq { values: array, next: 0 })
        } else if v.is_object() {
            let keys = Object::keys(v.unchecked_ref::<Object>());
            visitor.visit_map(Map { object: v, keys, next: 0 })
        } else {
            Err(Fail)
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fail> {
        if self.0.is_null() || self.0.is_undefined() { visitor.visit_none() } else { visitor.visit_some(self) }
    }

    /// Externally tagged: `"variant"` for a unit variant, `{"variant": payload}` for the others.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Fail> {
        if self.0.is_string() {
            return visitor.visit_enum(Variant { tag: self.0, payload: JsValue::UNDEFINED });
        }
        if !self.0.is_object() || Array::is_array(&self.0) {
            return Err(Fail);
        }
        let keys = Object::keys(self.0.unchecked_ref::<Object>());
        if keys.length() != 1 {
            return Err(Fail);
        }
        let tag = keys.get(0);
        let payload = Reflect::get(&self.0, &tag).map_err(|_| Fail)?;
        visitor.visit_enum(Variant { tag, payload })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit unit_struct
        newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct Seq {
    values: Array,
    next: u32,
}

impl<'de> de::SeqAccess<'de> for Seq {
    type Error = Fail;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Fail> {
        if self.next >= self.values.length() {
            return Ok(None);
        }
        let value = self.values.get(self.next);
        self.next += 1;
        seed.deserialize(De(value)).map(Some)
    }
}

struct Map {
    object: JsValue,
    keys: Array,
    next: u32,
}

impl<'de> de::MapAccess<'de> for Map {
    type Error = Fail;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Fail> {
        if self.next >= self.keys.length() {
            return Ok(None);
        }
        seed.deserialize(De(self.keys.get(self.next))).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Fail> {
        let key = self.keys.get(self.next);
        self.next += 1;
        seed.deserialize(De(Reflect::get(&self.object, &key).map_err(|_| Fail)?))
    }
}

struct Variant {
    tag: JsValue,
    payload: JsValue,
}

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = Fail;
    type Variant = De;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, De), Fail> {
        let tag = seed.deserialize(De(self.tag))?;
        Ok((tag, De(self.payload)))
    }
}

impl<'de> de::VariantAccess<'de> for De {
    type Error = Fail;

    fn unit_variant(self) -> Result<(), Fail> {
        if self.0.is_undefined() || self.0.is_null() { Ok(()) } else { Err(Fail) }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Fail> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Fail> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], visitor: V) -> Result<V::Value, Fail> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}

impl IntoDeserializer<'_, Fail> for De {
    type Deserializer = De;
    fn into_deserializer(self) -> De {
        self
    }
}
