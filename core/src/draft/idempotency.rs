//! One dossier per application, however often the answer is lost: the idempotency key sent with the request.

use super::{Draft, PhotoMeta};
use crate::api::ApplicationRequest;

/// What the idempotency key's fingerprint is computed over: the request without its password, and the photo's size.
pub type FingerprintBody = (ApplicationRequest, Option<PhotoMeta>);

/// 64-bit FNV-1a: a stable, dependency-free fingerprint (not a security measure: it never sees the password).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

impl Draft {
    /// The idempotency key to send with this request: the stored one if it was issued for the same request,
    /// otherwise `fresh()` (a random UUID from the app), stored with the draft.
    ///
    /// A retry after a lost answer must reuse the key, or the person could end up with two dossiers; but a
    /// request changed after an error is a new request and needs a new key, or the server would refuse the reuse.
    /// The fingerprint leaves the password out, so it never reaches storage even hashed: an edit of the password
    /// alone keeps the key.
    pub fn idempotency_key_for(&mut self, request: &ApplicationRequest, fresh: impl FnOnce() -> String) -> String {
        self.idempotency_key_with(request, |body| serde_json::to_string(body).unwrap_or_default(), fresh)
    }

    /// [`Draft::idempotency_key_for`] with the JSON writer given: the browser app passes `JSON.stringify`'s, which
    /// writes the same text, so that no JSON code is compiled into its wasm.
    pub fn idempotency_key_with(
        &mut self,
        request: &ApplicationRequest,
        to_json: impl FnOnce(&FingerprintBody) -> String,
        fresh: impl FnOnce() -> String,
    ) -> String {
        let mut without_secret = request.clone();
        without_secret.identity.password.clear();
        let body = to_json(&(without_secret, self.photo));
        let fingerprint = format!("{:016x}", fnv1a(body.as_bytes()));
        match (&self.idempotency_key, &self.idempotency_fingerprint) {
            (Some(key), Some(fp)) if *fp == fingerprint => key.clone(),
            _ => {
                let key = fresh();
                self.idempotency_key = Some(key.clone());
                self.idempotency_fingerprint = Some(fingerprint);
                key
            }
        }
    }

    pub fn idempotency_key(&self) -> Option<&str> {
        self.idempotency_key.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::super::PhotoMeta;
    use super::super::fixtures::{complete, today};
    use super::*;
    use crate::campaign::test_campaign;

    #[test]
    fn idempotency_key_is_reused_for_the_same_request_only() {
        let c = test_campaign();
        let mut d = complete();
        let mut n = 0;
        let mut fresh = || {
            n += 1;
            format!("key-{n}")
        };
        let r = d.to_request(&c, today()).unwrap();
        assert_eq!(d.idempotency_key_for(&r, &mut fresh), "key-1");
        assert_eq!(d.idempotency_key_for(&r, &mut fresh), "key-1", "a retry reuses the key");

        // The key and its fingerprint survive a reload (the password does not, and is not in the fingerprint).
        let mut reloaded = Draft::from_storage_json(&d.to_storage_json()).unwrap();
        assert_eq!(reloaded.idempotency_key(), Some("key-1"));
        assert!(!reloaded.to_storage_json().contains("motdepasse1"));
        assert_eq!(reloaded.idempotency_key_for(&r, &mut fresh), "key-1");

        d.commune = "Clermont-Fd".into();
        let changed = d.to_request(&c, today()).unwrap();
        assert_eq!(d.idempotency_key_for(&changed, &mut fresh), "key-2", "a changed request is a new request");
        d.photo = Some(PhotoMeta { width: 600, height: 800, bytes: 170_000 });
        assert_eq!(d.idempotency_key_for(&changed, &mut fresh), "key-3", "so is a new photo");
    }
}
