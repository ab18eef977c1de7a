//! What the adoption page shows (`domain::adoption` for the rules).
use serde::{Deserialize, Serialize};

use crate::domain::adoption::{Missing, OfficialTally, SubjectTally};

/// One commune's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdoptionRow {
    pub code: String,
    pub name: String,
    pub subjects: SubjectTally,
    pub officers: OfficialTally,
    /// Subjects using the system, in percent of those with OCOP products.
    pub percent: i64,
}

/// Someone not yet where the target wants them: a subject, or an official.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingRow {
    /// "subject" or "official".
    pub kind: String,
    pub id: i32,
    pub name: String,
    /// The commune's name, or the official's role and unit.
    pub unit: String,
    pub missing: Missing,
    /// The latest sign-in of its accounts, if any.
    pub last_sign_in: Option<String>,
    pub trained: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdoptionPage {
    /// The commune's name, or the province's.
    pub scope_name: String,
    pub province: bool,
    pub rows: Vec<AdoptionRow>,
    pub subjects: SubjectTally,
    pub officers: OfficialTally,
    /// The council and advisory members (the province's page only).
    pub council: OfficialTally,
    pub percent: i64,
    /// The commune whose list is shown (the province's choice; a commune's own).
    pub selected: Option<String>,
    pub selected_name: String,
    pub missing: Vec<MissingRow>,
    pub active_within_days: i64,
}
