//! A product idea of a subject and the commune's decision (`domain::product_idea`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product_idea")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub subject_id: i32,
    pub commune_code: String,
    pub name: String,
    pub group_code: String,
    pub description: String,
    pub raw_materials: Option<String>,
    /// `IdeaState::as_str`.
    pub state: crate::domain::product_idea::IdeaState,
    pub commune_comment: Option<String>,
    pub decided_by: Option<i32>,
    /// The product the accepted idea became.
    pub product_id: Option<i32>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
