//! One version of a criteria set for a product group (`domain::scoring::CriteriaSet` as JSON).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "criteria_set")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub scheme: String,
    /// A top-level group or sub-group code ("I", "I.3").
    pub group_code: String,
    pub name: String,
    pub version: i32,
    /// Shipped for demonstration; to be replaced with the official Appendix III text.
    pub is_sample: bool,
    /// In use by a round: changes make a new version.
    pub frozen: bool,
    pub set_json: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
