//! Random identifiers and one-way hashes: activation tokens (only their hash is stored), dossier numbers,
//! request fingerprints for idempotency, password hashes.

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use blake2::{Blake2b512, Digest};
use rand_core::{OsRng, RngCore};

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// A 256-bit random token, URL-safe (hex).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// The stored form of a token or a request: BLAKE2b, hex. Tokens are random and long, so no salt is needed.
pub fn digest(parts: &[&[u8]]) -> String {
    let mut h = Blake2b512::new();
    for p in parts {
        // Length prefixes keep ("ab","c") and ("a","bc") apart.
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    hex(&h.finalize()[..32])
}

/// Nine random digits; the caller adds the check digit.
pub fn dossier_body() -> String {
    let mut out = String::with_capacity(9);
    while out.len() < 9 {
        let mut b = [0u8; 1];
        OsRng.fill_bytes(&mut b);
        // Rejection sampling keeps the digits uniform.
        if b[0] < 250 {
            out.push(char::from(b'0' + b[0] % 10));
        }
    }
    out
}

/// Eight random bytes (a handoff's short code).
pub fn random_bytes() -> [u8; 8] {
    let mut b = [0u8; 8];
    OsRng.fill_bytes(&mut b);
    b
}

/// A card number: 16 random digits, the form partners' terminals read from the card.
pub fn card_number() -> String {
    let mut out = String::with_capacity(16);
    while out.len() < 16 {
        let mut b = [0u8; 1];
        OsRng.fill_bytes(&mut b);
        if b[0] < 250 {
            out.push(char::from(b'0' + b[0] % 10));
        }
    }
    out
}

/// Argon2id with the OWASP parameters (19 MiB, 2 passes), PHC string format.
pub fn hash_password(password: &str) -> Result<String, String> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|e| e.to_string())?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Whether `password` matches the PHC-string `hash`. A malformed hash never matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHash, PasswordVerifier};

    #[test]
    fn tokens_and_digests() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(digest(&[b"ab", b"c"]), digest(&[b"a", b"bc"]));
        assert_eq!(digest(&[a.as_bytes()]), digest(&[a.as_bytes()]));
        let d = dossier_body();
        assert!(d.len() == 9 && d.bytes().all(|c| c.is_ascii_digit()));
    }

    #[test]
    fn password_hash_verifies_and_hides_the_password() {
        let h = hash_password("Velo2026!").unwrap();
        assert!(h.starts_with("$argon2id$") && !h.contains("Velo2026"));
        let parsed = PasswordHash::new(&h).unwrap();
        assert!(Argon2::default().verify_password(b"Velo2026!", &parsed).is_ok());
        assert!(Argon2::default().verify_password(b"velo2026!", &parsed).is_err());
        assert!(verify_password("Velo2026!", &h) && !verify_password("velo2026!", &h) && !verify_password("x", "junk"));
    }
}
