//! The e-mail outbox as the administration page shows it (`/admin/mail`).
use serde::{Deserialize, Serialize};

/// How many messages are in each state, and the newest ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    /// The server sends e-mail (`SMTP_URL` is set).
    pub enabled: bool,
    /// (state, count) for "pending", "sending", "sent", "failed", "expired".
    pub counts: Vec<(String, u64)>,
    pub messages: Vec<OutboxMessage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: i32,
    /// "dd/mm/yyyy hh:mm", Vietnam's time.
    pub created_at: String,
    pub to_address: String,
    /// The event ("dossier.return", "password.link", …).
    pub kind: String,
    pub state: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub sent_at: Option<String>,
}
