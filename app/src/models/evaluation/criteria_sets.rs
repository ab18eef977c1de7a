//! Criteria sets as administrators and provincial officers read them.
use serde::{Deserialize, Serialize};

use crate::domain::scoring::{CriteriaSet, SetProblem};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriteriaSetRow {
    pub id: i32,
    pub group_code: String,
    pub group_name: String,
    pub name: String,
    pub version: i32,
    pub is_sample: bool,
    pub frozen: bool,
    pub criteria_count: usize,
    /// Validation problems (0: the set may be used).
    pub problem_count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriteriaSetView {
    pub row: CriteriaSetRow,
    pub set: CriteriaSet,
    pub problems: Vec<SetProblem>,
    /// The set as the JSON an import takes back.
    pub json: String,
}
