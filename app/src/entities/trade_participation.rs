//! A product's participation in a trade-promotion event, with its results.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "trade_participation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub event_id: i32,
    pub product_id: i32,
    pub subject_id: i32,
    /// `Participation::as_str`.
    pub state: String,
    pub note: Option<String>,
    pub participated: Option<bool>,
    /// Sales at the event, in đồng.
    pub sales_vnd: Option<i64>,
    pub contracts: Option<i32>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
