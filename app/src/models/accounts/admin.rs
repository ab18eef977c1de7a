//! Account administration as officers see it: the list, one account, a new official.
use serde::{Deserialize, Serialize};

use crate::domain::access::Role;
use crate::models::audit::AuditRow;

/// Rows per page of the account list.
pub const ACCOUNTS_PER_PAGE: usize = 25;

/// Filters of `/admin/accounts` (all optional; they come from the address bar).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountFilter {
    /// Part of the name, email or phone; diacritics and case ignored.
    pub query: String,
    /// `Role::as_str`, or empty for every role.
    pub role: String,
    /// "pending", "active", "rejected", "locked", or empty for all.
    pub status: String,
    /// 1-based.
    pub page: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub user_id: i32,
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub role: Role,
    /// The commune's name for commune officers and producers.
    pub commune_name: Option<String>,
    pub subject_name: Option<String>,
    pub status: String,
    /// "dd/mm/yyyy hh:mm", or empty if never.
    pub last_login: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountPage {
    pub rows: Vec<AccountRow>,
    /// How many accounts match the filter (over all pages).
    pub total: usize,
    pub page: usize,
    pub pages: usize,
}

/// One account with what the viewing officer may do to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDetail {
    pub account: AccountRow,
    pub commune_code: Option<String>,
    pub subject_id: Option<i32>,
    pub status_reason: Option<String>,
    pub created_at: String,
    pub may_lock: bool,
    pub may_reset: bool,
    pub may_change_role: bool,
    /// The roles the viewer could give this account (empty unless `may_change_role`).
    pub assignable_roles: Vec<Role>,
    /// The latest audit entries about this account, newest first.
    pub history: Vec<AuditRow>,
}

/// What an officer fills in to create an official's account. There is no password: the
/// account gets a one-time link to set one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialInput {
    /// `Role::as_str` of any role but producer.
    pub role: String,
    pub full_name: String,
    pub email: String,
    pub phone: String,
    /// Required for a commune officer; for a council or advisory member, optional: where they
    /// live (that commune's dossiers flag them as conflicted); ignored otherwise.
    pub commune_code: String,
}

/// A password link still open for the signed-in user's own account (never its token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenResetLink {
    /// "dd/mm/yyyy hh:mm" (UTC); none for links issued before this was recorded.
    pub issued_at: Option<String>,
    pub issued_by: String,
    pub expires_at: String,
}

/// A one-time link to set a password, to hand over to its owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetLink {
    pub user_id: i32,
    pub full_name: String,
    /// The owner's email, else phone.
    pub contact: String,
    /// The site-relative address, `/reset-password?token=…`.
    pub path: String,
    /// "dd/mm/yyyy hh:mm" (UTC).
    pub expires_at: String,
    /// Set when a sender delivered it (e-mail, SMS) instead of the officer handing it over.
    pub sent_via: Option<String>,
}
