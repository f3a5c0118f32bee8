//! Reference data (establishments, streams, which establishment offers which stream): the normalised form both
//! the shipped sample and the region's files are turned into (`store::reference` loads it into the database).

use crate::{levels, uai};
use passregion_core::api::{Establishment, Stream};
use std::collections::HashSet;

#[derive(Debug, Default)]
pub struct RefData {
    pub establishments: Vec<Establishment>,
    pub streams: Vec<Stream>,
    /// (uai, stream code)
    pub offers: Vec<(String, String)>,
}

impl RefData {
    /// Refuses data that would make the API lie: a bad UAI check letter, a stream with an unknown level, an offer
    /// pointing at nothing.
    pub fn check(&self) -> Result<(), String> {
        let mut uais = HashSet::new();
        for e in &self.establishments {
            if !uai::is_valid(&e.uai) {
                return Err(format!("establishment {}: bad UAI check letter", e.uai));
            }
            if !uais.insert(e.uai.as_str()) {
                return Err(format!("establishment {} listed twice", e.uai));
            }
        }
        let mut codes = HashSet::new();
        for s in &self.streams {
            if !levels::is_known(&s.level) {
                return Err(format!("stream {}: unknown level {}", s.code, s.level));
            }
            if !codes.insert(s.code.as_str()) {
                return Err(format!("stream {} listed twice", s.code));
            }
        }
        for (u, c) in &self.offers {
            if !uais.contains(u.as_str()) || !codes.contains(c.as_str()) {
                return Err(format!("offer {u} / {c}: unknown establishment or stream"));
            }
        }
        Ok(())
    }
}
