//! One module per kind of value; each rule is a pure function returning the normalised value or an [`ErrorCode`].
//!
//! [`ErrorCode`]: crate::error::ErrorCode

pub mod address;
pub mod commune;
pub mod email;
pub mod name;
pub mod password;
pub mod phone;
pub mod secret_code;
pub mod text;
pub mod uai;
