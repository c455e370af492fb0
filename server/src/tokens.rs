//! Unguessable identifiers and secrets.
//!
//! Room ids and participant ids are UUID v4 (122 random bits): knowing one does not
//! help guess another. Tokens are 128 random bits, shown once, stored only as their
//! SHA-256, so a copied database does not hand out facilitator rights.

use sha2::{Digest, Sha256};

/// A fresh random id (room, participant, run).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A fresh secret token (hex, 32 characters).
pub fn new_token() -> String {
    let bytes: [u8; 16] = rand::random();
    hex(&bytes)
}

/// What we store and compare instead of the token.
pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Compares a presented token with a stored hash without leaking, through timing,
/// how many leading characters matched.
pub fn token_matches(token: &str, stored_hash: &str) -> bool {
    hashes_match(&hash_token(token), stored_hash)
}

/// Constant-time comparison of two token hashes (hash the presented token once,
/// then compare it with many stored hashes).
pub fn hashes_match(presented_hash: &str, stored_hash: &str) -> bool {
    presented_hash.len() == stored_hash.len()
        && presented_hash
            .bytes()
            .zip(stored_hash.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_verifiable() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        let h = hash_token(&a);
        assert!(token_matches(&a, &h));
        assert!(!token_matches(&b, &h));
        assert!(!token_matches("", &h));
    }

    #[test]
    fn ids_are_uuid_v4() {
        let id = new_id();
        assert_eq!(uuid::Uuid::parse_str(&id).unwrap().get_version_num(), 4);
    }
}
