//! Master data: what a product label must carry, per product type (`domain::label`). Items are
//! retired (`active = false`), never deleted: label contents are keyed by their code.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "label_checklist_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    /// Product-group codes it is for, separated by spaces ("I II III", "II.1"); empty for all.
    pub groups: String,
    /// Mandatory; otherwise "if any".
    pub required: bool,
    /// `domain::label::CheckKind` as text.
    pub check_kind: String,
    pub sort: i32,
    /// The legal basis, shown beside the item.
    pub basis: String,
    pub active: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
