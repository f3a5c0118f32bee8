//! Pure logic of the Pass'Région application, shared by the browser app and the reference API server.
//!
//! Nothing here touches the DOM, the network or the clock: callers pass "today" in, so every rule can be
//! tested natively with `cargo test -p passregion-core`.
//!
//! - [`api`]: the wire types of the REST contract.
//! - [`date`], [`campaign`]: calendar days, ages and the campaign window.
//! - [`rules`]: one pure validation rule per kind of value; [`error::ErrorCode`] says why a value is refused.
//! - [`application`]: the whole request, as the server checks it.
//! - [`draft`], [`journey`]: the form as the person fills it in, and the steps they go through.
//! - [`dossier`]: dossier numbers and their check digit.
//! - [`photo_step`]: what "Continue" says while a photo is framed or prepared.
//! - [`messages`]: the translated error messages.

pub mod advantages;
pub mod api;
pub mod application;
pub mod campaign;
pub mod date;
mod date_serde;
pub mod dossier;
pub mod draft;
pub mod error;
pub mod guardian;
pub mod handoff;
pub mod journey;
pub mod messages;
pub mod photo_step;
pub mod rules;
pub mod space;
pub mod status;

pub use date::Date;
pub use error::{ErrorCode, FieldIssue};
