//! Argon2id password hashing (OWASP parameters: 19 MiB, 2 passes, 1 lane — the crate's
//! defaults), always on a blocking thread so the async runtime keeps serving.
use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Argon2, PasswordHash as PhcHash};

/// A stored password hash. Deliberately neither `Serialize` nor `Display`: it cannot end up in
/// a server-function answer or a log line by accident.
pub struct PasswordHash(String);

impl PasswordHash {
    /// Wraps a hash read from the database.
    pub fn from_stored(phc: String) -> Self {
        PasswordHash(phc)
    }

    /// The PHC string to store.
    pub fn into_stored(self) -> String {
        self.0
    }
}

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(…)")
    }
}

/// Hashes a new password.
///
/// # Errors
/// Only if the blocking pool is gone or Argon2 refuses its own parameters (a bug), as a message.
pub async fn hash(password: String) -> Result<PasswordHash, String> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(|e| e.to_string())?
}

fn hash_blocking(password: &str) -> Result<PasswordHash, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| PasswordHash(h.to_string()))
        .map_err(|e| e.to_string())
}

/// Checks a password against a stored hash; `None` (no such account) still spends the time of
/// one verification, so response times do not tell which accounts exist.
pub async fn verify(password: String, stored: Option<PasswordHash>) -> bool {
    tokio::task::spawn_blocking(move || {
        let phc = match &stored {
            Some(PasswordHash(phc)) => phc.as_str(),
            None => dummy_hash(),
        };
        let matches = PhcHash::new(phc)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        matches && stored.is_some()
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_blocking("a password nobody has")
            .map(PasswordHash::into_stored)
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::{hash, verify};

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = hash("mây trắng bay qua".into())
            .await
            .unwrap()
            .into_stored();
        assert!(stored.starts_with("$argon2id$"));
        let again =
            |p: &str, s: &str| verify(p.into(), Some(super::PasswordHash::from_stored(s.into())));
        assert!(again("mây trắng bay qua", &stored).await);
        assert!(!again("may trang bay qua", &stored).await);
        assert!(!again("mây trắng bay qua", "not a hash").await);
        assert!(!verify("anything".into(), None).await);
    }
}
