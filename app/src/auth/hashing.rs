//! Argon2id password hashing (OWASP parameters: 19 MiB, 2 passes, 1 lane — the crate's
//! defaults), always on a blocking thread so the async runtime keeps serving, and at most one
//! per core at a time: each takes 19 MiB and a core, so a flood of sign-ins or registrations
//! waits here (briefly, then "busy, try again") instead of taking the memory of hundreds.
use std::sync::{LazyLock, OnceLock};
use std::time::Duration;

use crate::slots::{SlotError, Slots};

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

/// Hashings and verifications running at once: one per core.
static SLOTS: LazyLock<Slots> = LazyLock::new(Slots::per_core);

/// How long a request waits for a free slot before it is told the server is busy.
const WAIT_FOR_SLOT: Duration = Duration::from_secs(5);

/// Why a password could not be hashed or checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HashingError {
    /// Every slot stayed taken for `WAIT_FOR_SLOT`: try again in a moment.
    Busy,
    /// The blocking pool is gone or Argon2 refused its own parameters (a bug).
    Failed(String),
}

impl From<SlotError> for HashingError {
    fn from(error: SlotError) -> Self {
        match error {
            SlotError::Busy => HashingError::Busy,
            SlotError::Failed => HashingError::Failed("the hashing did not finish".into()),
        }
    }
}

/// The most hashings and verifications seen running at once (for the tests that flood it).
pub fn peak_running() -> usize {
    SLOTS.peak()
}

/// Hashes a new password.
///
/// # Errors
/// `Busy` when no slot frees up in time; `Failed` as described there.
pub async fn hash(password: String) -> Result<PasswordHash, HashingError> {
    SLOTS
        .run(WAIT_FOR_SLOT, move || hash_blocking(&password))
        .await?
        .map_err(HashingError::Failed)
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
///
/// # Errors
/// `Busy` when no slot frees up in time.
pub async fn verify(password: String, stored: Option<PasswordHash>) -> Result<bool, HashingError> {
    let checked = SLOTS.run(WAIT_FOR_SLOT, move || {
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
    });
    match checked.await {
        Ok(matches) => Ok(matches),
        Err(SlotError::Busy) => Err(HashingError::Busy),
        Err(SlotError::Failed) => Ok(false),
    }
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
        assert_eq!(again("mây trắng bay qua", &stored).await, Ok(true));
        assert_eq!(again("may trang bay qua", &stored).await, Ok(false));
        assert_eq!(again("mây trắng bay qua", "not a hash").await, Ok(false));
        assert_eq!(verify("anything".into(), None).await, Ok(false));
    }
}
