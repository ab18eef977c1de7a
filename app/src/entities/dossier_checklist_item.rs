//! Master data: the documents a dossier carries, per scheme, mandatory or supporting, and the
//! top-level product groups each applies to (`domain::checklist::applies_to`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dossier_checklist_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub scheme: String,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub mandatory: bool,
    /// Space-separated top-level group codes ("I II III"); empty for all groups.
    pub groups: String,
    pub sort: i32,
    /// In force from (none: since the scheme began) …
    pub valid_from: Option<Date>,
    /// … to this day included (none: still in force). Retired rows stay for the records
    /// that refer to them.
    pub valid_to: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
