//! The audit log as administrators and provincial officers browse it.
use serde::{Deserialize, Serialize};

/// Entries per page.
pub const AUDIT_PER_PAGE: usize = 50;

/// Filters of `/admin/audit` (all optional; they come from the address bar).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// An action ("account.lock") or a family ("account.").
    pub action: String,
    /// Entries done by this account.
    pub actor_user_id: Option<i32>,
    /// Entries about this account.
    pub target_user_id: Option<i32>,
    /// "yyyy-mm-dd", inclusive.
    pub from: String,
    pub to: String,
    /// 1-based.
    pub page: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i64,
    /// "dd/mm/yyyy hh:mm:ss", Vietnam's time.
    pub at: String,
    pub actor_user_id: Option<i32>,
    /// The actor's name, or empty for the system or an anonymous visitor.
    pub actor_name: String,
    pub action: String,
    /// What was done, as a sentence after the actor's name.
    pub sentence: crate::models::reports::periodic::Text,
    pub target_type: String,
    pub target_id: Option<String>,
    pub summary: String,
    pub ip: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    /// Whether an older page exists (counting a growing log on every page is not worth it).
    pub has_more: bool,
    pub page: usize,
}
