//! An event on a lot's timeline (harvest, processing, packing, quality test, shipping, sale).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lot_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub lot_id: i32,
    /// `domain::lot::EventKind::as_str`.
    pub kind: String,
    pub happened_at: DateTimeUtc,
    pub commune_code: Option<String>,
    pub place: Option<String>,
    /// Who did it, as the producer writes it (a person, a team, a carrier).
    pub actor_name: Option<String>,
    pub note: Option<String>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
