//! Editing master data (`/admin/master-data`): administrative units, product groups and the
//! dossier checklist, each change dated and the earlier version kept.
use serde::{Deserialize, Serialize};

/// Which part of the master data a version row belongs to (`master_data_version.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MasterKind {
    Unit,
    Group,
    Checklist,
}

impl MasterKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MasterKind::Unit => "unit",
            MasterKind::Group => "group",
            MasterKind::Checklist => "checklist",
        }
    }
}

/// What an earlier version said; only the fields of its kind are set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionFields {
    /// The name (a unit's Vietnamese name).
    pub name_vi: String,
    #[serde(default)]
    pub name_en: String,
    /// A unit's kind (xã, phường).
    #[serde(default)]
    pub kind: String,
    /// A checklist item's.
    #[serde(default)]
    pub mandatory: bool,
    #[serde(default)]
    pub groups: String,
}

/// One earlier version, for the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionView {
    pub fields: VersionFields,
    pub valid_from: Option<String>,
    pub valid_to: String,
    pub changed_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasterUnitRow {
    pub code: String,
    pub name: String,
    pub kind: String,
    /// "commune" or "district".
    pub level: String,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    /// "phường Lương Văn Tri (06049)" for a unit that ended in a merger.
    pub successor: Option<String>,
    /// Subjects still registered in it (to move after it ends).
    pub subjects: u64,
    pub versions: Vec<VersionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasterGroupRow {
    pub code: String,
    pub parent_code: Option<String>,
    /// 0 for a top-level group.
    pub depth: usize,
    pub name_vi: String,
    pub name_en: String,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    /// Products filed under it.
    pub products: u64,
    pub versions: Vec<VersionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasterChecklistRow {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub mandatory: bool,
    pub groups: String,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub versions: Vec<VersionView>,
}

/// Everything `/admin/master-data` shows, and what this reader may change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasterDataView {
    pub units: Vec<MasterUnitRow>,
    pub groups: Vec<MasterGroupRow>,
    pub checklist: Vec<MasterChecklistRow>,
    /// The province and administrators: units and the dossier checklist.
    pub may_edit: bool,
    /// Administrators only: the groups follow the national decision.
    pub may_edit_groups: bool,
    pub today: String,
    /// The first day a dossier-checklist change applies.
    pub tomorrow: String,
}

/// A new commune or ward.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUnitInput {
    pub code: String,
    pub name: String,
    pub kind: String,
    /// yyyy-mm-dd.
    pub valid_from: String,
}

/// A unit's new name (and kind: a commune that becomes a ward), from a date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenameUnitInput {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub from: String,
}

/// A unit ends after `last_day`; `successor_code` takes it over.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetireUnitInput {
    pub code: String,
    pub last_day: String,
    pub successor_code: String,
}

/// A new sub-group under `parent_code`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGroupInput {
    pub parent_code: String,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub valid_from: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenameGroupInput {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub from: String,
}

/// A group, sub-group or checklist item no longer used after `last_day`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetireInput {
    pub code: String,
    pub last_day: String,
}

/// A dossier checklist item, new (`is_new`) or changed; either applies from today.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItemInput {
    #[serde(default)]
    pub is_new: bool,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    #[serde(default)]
    pub mandatory: bool,
    #[serde(default)]
    pub groups: String,
}

/// Longest name a unit, group or checklist item takes.
pub const MAX_NAME_CHARS: usize = 200;
