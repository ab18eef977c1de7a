//! What the inspection pages receive and send (`domain::inspection` for the rules).
use serde::{Deserialize, Serialize};

use crate::domain::inspection::{InspectionAction, InspectionKind, InspectionState};
use crate::models::dossiers::HistoryEntry;

/// Inspections on one page of the list.
pub const INSPECTIONS_PER_PAGE: usize = 25;
/// Products one plan may name at once (a commune's annual plan fits easily).
pub const MAX_PRODUCTS_PER_PLAN: usize = 50;
/// The longest text an inspection keeps in one field (findings, requests, answers).
pub const MAX_TEXT: usize = 2000;
/// The longest team description.
pub const MAX_TEAM: usize = 500;

/// One line of the inspections list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionRow {
    pub id: i32,
    pub product_id: i32,
    pub product_name: String,
    pub subject_name: String,
    pub commune_name: String,
    pub kind: InspectionKind,
    pub planned_on: String,
    pub team: String,
    pub state: InspectionState,
    pub correction_due: Option<String>,
    /// A correction still awaited after its date.
    pub overdue: bool,
}

/// A certified product an official may put in a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanCandidate {
    pub product_id: i32,
    pub product_name: String,
    pub subject_name: String,
    pub commune_name: String,
    pub stars: u8,
    pub certificate_number: String,
}

/// Which inspections the list shows: a state, or "open" (not ended), "overdue"; one product's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionFilter {
    pub state: String,
    pub product_id: Option<i32>,
    pub page: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionPage {
    pub rows: Vec<InspectionRow>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    /// An official who may plan (a link to the planning page).
    pub may_plan: bool,
    /// The product the list is narrowed to, by name.
    pub product_name: Option<String>,
}

/// The inspector's finding on one area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingView {
    /// `Area::as_str`.
    pub area: String,
    /// `Finding::as_str`.
    pub finding: String,
    pub note: Option<String>,
}

/// One inspection with what its viewer may see and do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionView {
    pub id: i32,
    pub product_id: i32,
    pub product_name: String,
    pub subject_name: String,
    pub commune_name: String,
    pub certificate_number: Option<String>,
    /// "valid", "expiring", "expired", "revoked" (`domain::certificate::Validity`).
    pub certificate_status: Option<String>,
    pub kind: InspectionKind,
    pub planned_on: String,
    pub team: String,
    pub purpose: Option<String>,
    pub state: InspectionState,
    pub overdue: bool,
    pub visited_on: Option<String>,
    pub conclusion: Option<String>,
    pub findings: Vec<FindingView>,
    pub correction_request: Option<String>,
    pub correction_due: Option<String>,
    pub correction_answer: Option<String>,
    pub answered_at: Option<String>,
    pub refusal_note: Option<String>,
    pub revocation_reason: Option<String>,
    /// The revocation it led to: "decision · date".
    pub revoked_by: Option<String>,
    pub closed_on: Option<String>,
    pub visit_photos: Vec<i32>,
    pub evidence_photos: Vec<i32>,
    /// What the viewer may do now.
    pub actions: Vec<InspectionAction>,
    /// The viewer is the producer (the page speaks to them).
    pub as_producer: bool,
    pub may_add_visit_photo: bool,
    pub may_add_evidence_photo: bool,
    pub max_upload_mb: usize,
    pub max_photos: usize,
    /// Today in Vietnam, for the date fields' defaults and limits.
    pub today: String,
    pub history: Vec<HistoryEntry>,
}

/// A plan: one inspection per product, with the same kind, date and team.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanInput {
    /// `InspectionKind::as_str`.
    pub kind: String,
    #[serde(default)]
    pub product_ids: Vec<i32>,
    pub planned_on: String,
    pub team: String,
    #[serde(default)]
    pub purpose: String,
}

/// One action on an inspection, as its forms send it: the visit with its verdict
/// ("RecordVisit": the date, each area's finding and note, a conclusion, and what to correct by
/// when or why revoke), the producer's answer ("Answer"), the inspector's judgement
/// ("AcceptCorrection", "RefuseCorrection" with a new deadline, "ProposeRevocation", "Cancel"),
/// or the province's revocation ("Revoke", with its decision and date). Unused fields stay empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionInput {
    pub inspection_id: i32,
    /// `InspectionAction` by its serde name, or "RecordVisit".
    pub action: String,
    /// The state the page showed (`InspectionState::as_str`): the action is refused if it
    /// changed meanwhile (another officer's step, say). Empty: not checked.
    #[serde(default)]
    pub state: String,
    /// The visit's verdict: "compliant", "correction" or "revocation".
    #[serde(default)]
    pub verdict: String,
    #[serde(default)]
    pub visited_on: String,
    #[serde(default)]
    pub conclusion: String,
    /// `Finding::as_str` per area (`Area::as_str` names the field), and a note on each.
    #[serde(default)]
    pub raw_materials: String,
    #[serde(default)]
    pub raw_materials_note: String,
    #[serde(default)]
    pub process: String,
    #[serde(default)]
    pub process_note: String,
    #[serde(default)]
    pub facilities: String,
    #[serde(default)]
    pub facilities_note: String,
    #[serde(default)]
    pub label_mark: String,
    #[serde(default)]
    pub label_mark_note: String,
    #[serde(default)]
    pub food_safety: String,
    #[serde(default)]
    pub food_safety_note: String,
    #[serde(default)]
    pub correction_request: String,
    #[serde(default)]
    pub correction_due: String,
    #[serde(default)]
    pub revocation_reason: String,
    /// The answer, the judgement's note, the proposal's or the revocation's reason.
    #[serde(default)]
    pub note: String,
    /// A new deadline when an answer is refused ("" keeps the old one).
    #[serde(default)]
    pub due: String,
    /// The revocation's decision number and date.
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub date: String,
}

impl InspectionInput {
    /// (area code, finding, note) in `Area::ALL` order.
    pub fn findings(&self) -> [(&'static str, &str, &str); 5] {
        [
            (
                "raw_materials",
                &self.raw_materials,
                &self.raw_materials_note,
            ),
            ("process", &self.process, &self.process_note),
            ("facilities", &self.facilities, &self.facilities_note),
            ("label_mark", &self.label_mark, &self.label_mark_note),
            ("food_safety", &self.food_safety, &self.food_safety_note),
        ]
    }
}
