//! UAI check on loading reference data: exactly the canonical form (7 digits and the right upper-case check
//! letter), using the rule of `passregion-core`.

use passregion_core::rules::uai::uai_check_letter;

/// True when `uai` is 7 digits followed by the matching check letter (upper case, nothing else).
pub fn is_valid(uai: &str) -> bool {
    uai.len() == 8 && uai.is_char_boundary(7) && uai_check_letter(&uai[..7]).is_some_and(|c| uai[7..] == *c.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_uais() {
        assert!(super::is_valid("0630020E"));
        assert!(super::is_valid("0010001W"));
        assert!(!super::is_valid("0630020F"));
        assert!(!super::is_valid("0630020e"));
        assert!(!super::is_valid("063002E"));
        assert!(!super::is_valid("0630020É"));
    }
}
