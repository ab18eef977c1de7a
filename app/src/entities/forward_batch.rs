//! Dossiers a commune forwarded to the province together, with its proposal note.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "forward_batch")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub commune_code: String,
    pub note: String,
    pub officer_id: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
