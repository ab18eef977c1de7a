//! A subject (chủ thể: enterprise, cooperative, cooperative group or household business).
use serde::{Deserialize, Serialize};

use crate::domain::access::Role;

/// What anyone may read about an active subject (its profile is public business information).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubjectView {
    pub id: i32,
    pub name: String,
    /// "DN", "HTX", "THT" or "HO".
    pub subject_type: String,
    pub commune_code: String,
    pub commune_name: String,
    pub address: Option<String>,
    pub tax_code: Option<String>,
    /// "pending", "active", "rejected" or "inactive".
    pub status: String,
    pub legal_representative: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub founded_year: Option<i16>,
    pub member_count: Option<i32>,
    pub local_workers: Option<i32>,
    pub introduction: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// The version a save must name (see `SubjectProfileInput::version`).
    pub version: i32,
    /// Whether the viewer may see the member accounts.
    pub may_view_members: bool,
    /// Its products, by name, each with its stars and cover photo's file id.
    pub products: Vec<SubjectProduct>,
    /// Whether the viewer may edit the profile (its active members).
    pub may_edit: bool,
    /// Whether the viewer may correct it as an official, set it inactive or active again
    /// (its commune's officers, the province).
    pub may_correct: bool,
    /// Whether the viewer may move it to another commune (the province).
    pub may_move: bool,
}

/// The profile form of `/producer/subject`, as typed (numbers too: the service parses them
/// and names the field that is wrong).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectProfileInput {
    pub subject_id: i32,
    /// The version the form was loaded with: if someone saved in between, the save is refused
    /// rather than silently overwriting their changes.
    pub version: i32,
    pub name: String,
    /// "DN", "HTX", "THT" or "HO".
    pub subject_type: String,
    pub tax_code: String,
    pub address: String,
    pub legal_representative: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub founded_year: String,
    pub member_count: String,
    pub local_workers: String,
    pub introduction: String,
    pub latitude: String,
    pub longitude: String,
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
    /// The viewer may give this member a one-time password link (their commune's officer, the
    /// province).
    pub may_issue_link: bool,
}

/// A product on its subject's page (linking to the product's public page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectProduct {
    pub id: i32,
    pub name: String,
    pub stars: Option<i16>,
    pub cover_file_id: Option<i32>,
}
