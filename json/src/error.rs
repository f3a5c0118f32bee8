//! The deserializer's error: where in the value (`photo.width`, `events[2].on`) and what was wrong, in words.
//!
//! serde's default messages describe the value found with `Unexpected`'s `Display`, which formats a float as a
//! float: that alone linked f64 formatting (grisu, dragon, ≈ 12 KB raw) into every first page. Every constructor
//! serde calls is overridden here so that none formats a number other than an integer, nor anything with `Debug`.

use serde::de::{self, Expected, Unexpected};
use std::fmt;

pub struct Error {
    /// The field names and indexes leading to the value, outermost first once complete.
    path: String,
    message: String,
}

impl Error {
    fn new(message: String) -> Self {
        Error { path: String::new(), message }
    }

    /// The same error, one field further out.
    pub(crate) fn in_field(mut self, field: &str) -> Self {
        if !self.path.is_empty() && !self.path.starts_with('[') {
            self.path.insert(0, '.');
        }
        self.path.insert_str(0, field);
        self
    }

    /// The same error, one array element further out.
    pub(crate) fn in_element(mut self, index: usize) -> Self {
        if !self.path.is_empty() && !self.path.starts_with('[') {
            self.path.insert(0, '.');
        }
        self.path.insert_str(0, &format!("[{index}]"));
        self
    }
}

/// What kind of value was found, without its value (a float's would need float formatting).
fn kind(unexpected: &Unexpected<'_>) -> &'static str {
    match unexpected {
        Unexpected::Bool(_) => "a boolean",
        Unexpected::Unsigned(_) | Unexpected::Signed(_) => "an integer",
        Unexpected::Float(_) => "a number",
        Unexpected::Char(_) | Unexpected::Str(_) => "a string",
        Unexpected::Bytes(_) => "bytes",
        Unexpected::Unit | Unexpected::Option => "null",
        Unexpected::NewtypeStruct | Unexpected::Seq => "an array",
        Unexpected::Map | Unexpected::StructVariant => "an object",
        Unexpected::Enum
        | Unexpected::UnitVariant
        | Unexpected::NewtypeVariant
        | Unexpected::TupleVariant
        | Unexpected::Other(_) => "another value",
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error::new(message.to_string())
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Error::new(format!("found {}, expected {expected}", kind(&unexpected)))
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Error::new(format!("invalid value ({}), expected {expected}", kind(&unexpected)))
    }

    fn invalid_length(len: usize, expected: &dyn Expected) -> Self {
        Error::new(format!("{len} elements, expected {expected}"))
    }

    fn unknown_variant(variant: &str, _expected: &'static [&'static str]) -> Self {
        Error::new(format!("unknown variant `{variant}`"))
    }

    fn unknown_field(field: &str, _expected: &'static [&'static str]) -> Self {
        Error::new(format!("unknown field `{field}`"))
    }

    fn missing_field(field: &'static str) -> Self {
        Error::new(format!("missing field `{field}`"))
    }

    fn duplicate_field(field: &'static str) -> Self {
        Error::new(format!("duplicate field `{field}`"))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() { f.write_str(&self.message) } else { write!(f, "{}: {}", self.path, self.message) }
    }
}

/// As `Display`: a derived `Debug` would escape the strings (`str`'s `Debug` and its Unicode tables).
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}
