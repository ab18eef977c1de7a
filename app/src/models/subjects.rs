//! A subject (chủ thể: enterprise, cooperative, cooperative group or household business).
use serde::{Deserialize, Serialize};

use crate::domain::access::Role;

/// What anyone may read about an active subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectView {
    pub id: i32,
    pub name: String,
    /// "DN", "HTX", "THT" or "HO".
    pub subject_type: String,
    pub commune_code: String,
    pub commune_name: String,
    pub address: Option<String>,
    pub tax_code: Option<String>,
    /// "pending", "active" or "rejected".
    pub status: String,
    /// Whether the viewer may see the member accounts.
    pub may_view_members: bool,
}

/// A member account of a subject, as its fellow members and officials see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectMember {
    pub user_id: i32,
    pub full_name: String,
    pub role: Role,
    pub status: String,
    /// "dd/mm/yyyy".
    pub joined: String,
}
