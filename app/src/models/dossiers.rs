//! Dossiers as the producer, the commune and the province see them.
use serde::{Deserialize, Serialize};

use crate::domain::checklist::Completeness;
use crate::domain::dossier::{DossierAction, DossierState, Party};
use crate::domain::dossier_diff::Change;
use crate::domain::dossier_form::{DossierCycle, DossierFormInput};
use crate::domain::pre_assessment::PreAssessmentInput;

pub const DOSSIERS_PER_PAGE: usize = 25;

/// A line of a dossier list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierRow {
    pub id: i32,
    pub product_name: String,
    pub subject_name: String,
    pub commune_name: String,
    pub group_code: String,
    pub cycle: DossierCycle,
    pub state: DossierState,
    pub submission_no: i32,
    /// dd/mm/yyyy hh:mm
    pub updated_at: String,
}

/// What a list shows: empty strings mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierFilter {
    pub state: String,
    pub commune_code: String,
    /// Top-level group ("I") or a sub-group ("I.1").
    pub group_code: String,
    pub cycle: String,
    pub page: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierList {
    pub rows: Vec<DossierRow>,
    /// How many of the viewer's dossiers are in each state (before the state filter), for the
    /// inbox's tabs; states with none are left out.
    pub counts: Vec<(DossierState, u64)>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
}

/// A file filed under a checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentView {
    pub document_id: i32,
    pub file_id: i32,
    pub name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub has_thumbnail: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i32,
    pub item_code: Option<String>,
    pub author_name: String,
    /// Whether the author is on the commune's or province's side (not the producer).
    pub by_official: bool,
    pub body: String,
    pub at: String,
    pub submission_no: i32,
}

/// One item of the required-document checklist with what was filed and said about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistEntry {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub mandatory: bool,
    pub documents: Vec<DocumentView>,
    pub comments: Vec<CommentView>,
}

/// A frozen submission and what changed since the one before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionView {
    pub number: i32,
    pub at: String,
    pub by_name: String,
    pub changes: Vec<Change>,
}

/// Who did what when (from the audit log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: String,
    pub actor_name: String,
    pub action: String,
    /// What was done, as a sentence after the actor's name.
    pub sentence: crate::models::reports::periodic::Text,
}

/// A dossier with everything its viewer may see and the buttons they may press.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierView {
    pub id: i32,
    pub version: i32,
    pub product_id: i32,
    pub product_name: String,
    pub group_code: String,
    pub group_name: String,
    pub subject_id: i32,
    pub subject_name: String,
    pub commune_code: String,
    pub commune_name: String,
    pub cycle: DossierCycle,
    pub state: DossierState,
    pub submission_no: i32,
    pub form: DossierFormInput,
    pub checklist: Vec<ChecklistEntry>,
    /// Comments on the dossier as a whole, oldest first.
    pub general_comments: Vec<CommentView>,
    pub completeness: Completeness,
    pub viewer: Party,
    pub actions: Vec<DossierAction>,
    /// The producer may change the form and documents now.
    pub may_edit: bool,
    /// The commune may comment and pre-assess now.
    pub may_review: bool,
    pub assessment: Option<PreAssessmentInput>,
    pub forward_note: Option<String>,
    pub versions: Vec<VersionView>,
    pub history: Vec<HistoryEntry>,
    pub max_upload_mb: usize,
    pub max_files_per_item: usize,
    /// The product's label against the label checklist, and its OCOP mark.
    pub label: crate::models::traceability::labels::LabelSummary,
    /// How the round's decision ended it (certified or not reached); none before.
    pub result: Option<DossierResult>,
}

/// How a round's decision ended a dossier, as its producer, its commune and the province read
/// it: the council's score, stars and subtotal of each part, its remarks, and the certificate.
/// Never a member's own sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierResult {
    pub round_id: i32,
    pub round_name: String,
    pub decision_number: Option<String>,
    /// Day-month-year.
    pub decision_date: Option<String>,
    /// Tenths of a point.
    pub score: Option<u32>,
    pub stars: Option<u8>,
    pub parts: Vec<PartResult>,
    pub remarks: Option<String>,
    pub certificate: Option<CertificateBrief>,
    /// Why the officer left it out of the round's decision (while it waits for a later one).
    pub deferred_reason: Option<String>,
}

impl DossierResult {
    /// Scored 50 or more but kept below 3★ by a mandatory criterion most members found unmet.
    pub fn barred(&self) -> bool {
        self.score.is_some_and(|s| s >= 500) && self.stars.is_some_and(|s| s < 3)
    }
}

/// The council's subtotal of one part of the criteria set (stored as JSON in
/// `round_dossier.parts_json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartResult {
    pub code: String,
    pub name: String,
    /// Tenths of a point.
    pub points: u32,
    pub max: u32,
}

/// The certificate a decision issued for the dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateBrief {
    pub number: String,
    pub stars: u8,
    /// Day-month-year.
    pub valid_until: String,
    pub revoked: bool,
    /// Replaced by a later certificate of the product.
    pub superseded: bool,
}

/// A product of the producer's subject a dossier may be opened for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierProductChoice {
    pub product_id: i32,
    pub name: String,
    pub stars: Option<i16>,
}
