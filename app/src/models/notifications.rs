//! In-app notifications.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i32,
    /// "dossier.submit", "dossier.return", "dossier.comment", …: the page translates it.
    pub kind: String,
    pub dossier_id: Option<i32>,
    /// The product's name.
    pub about: String,
    pub at: String,
    pub unread: bool,
}
