//! Pages outside the journey.

pub mod activation;
pub mod guardian_consent;
pub mod not_found;
pub mod privacy;
