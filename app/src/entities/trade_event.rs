//! A trade-promotion event (`domain::trade_event`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "trade_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    /// `EventKind::as_str`.
    pub kind: String,
    pub starts_on: Date,
    pub ends_on: Date,
    /// The venue, or the platform (a livestream channel, an e-commerce site).
    pub place: String,
    pub organiser: String,
    /// A commune's own event (its producers only); `None`: the province's.
    pub commune_code: Option<String>,
    pub note: Option<String>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
