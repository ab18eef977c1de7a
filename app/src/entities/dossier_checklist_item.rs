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
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
