//! An earlier version of a master-data row (an administrative unit, a product group, a dossier
//! checklist item): what it said (`fields`, JSON of `models::master_data::editing::VersionFields`)
//! and the days it held. The row itself always holds the current version.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "master_data_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// "unit", "group" or "checklist".
    pub kind: String,
    /// The group or checklist scheme ("148"); empty for units.
    pub scheme: String,
    pub code: String,
    pub fields: String,
    pub valid_from: Option<Date>,
    /// The last day this version held.
    pub valid_to: Date,
    pub changed_by: Option<i32>,
    pub changed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
