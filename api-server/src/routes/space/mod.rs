//! The beneficiary space: log in with the dossier number, the session, the dossier, a lost password or number.

pub mod card;
pub mod details;
pub mod dossier;
pub mod recovery;
pub mod session;
