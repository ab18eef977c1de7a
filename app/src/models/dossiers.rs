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
}

/// A product of the producer's subject a dossier may be opened for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierProductChoice {
    pub product_id: i32,
    pub name: String,
    pub stars: Option<i16>,
}
