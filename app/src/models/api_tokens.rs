//! The open data API's tokens as the administration page shows them (`/admin/api-tokens`).
use serde::{Deserialize, Serialize};

/// One token, without its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRow {
    pub id: i32,
    /// The secret's first characters.
    pub prefix: String,
    pub note: String,
    /// Scope codes (`public_read`, `private_read`).
    pub scopes: Vec<String>,
    /// "dd/mm/yyyy hh:mm", Vietnam's time.
    pub created_at: String,
    /// "dd/mm/yyyy".
    pub expires_on: String,
    pub last_used_at: Option<String>,
    pub use_count: i64,
    /// "active", "expired" or "revoked".
    pub state: String,
}

/// A token just created: its secret is shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedToken {
    pub id: i32,
    pub secret: String,
}
