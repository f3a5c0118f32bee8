//! UAI (établissement identifier): 7 characters and a check letter, mod 23 on the 7 digits, alphabet without
//! I, O and Q.
//! Private to the server until `passregion-core` exposes the same check.

const LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";

/// True when `uai` is 7 digits followed by the matching check letter (upper case).
pub fn is_valid(uai: &str) -> bool {
    let b = uai.as_bytes();
    if b.len() != 8 || !b[..7].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n: u32 = uai[..7].parse().unwrap_or(0);
    LETTERS[(n % 23) as usize] == b[7]
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
    }
}
