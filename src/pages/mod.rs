//! Pages outside the journey.

pub mod activation;
pub mod not_found;
pub mod privacy;
