//! A training session (`domain::training`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_session")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    pub held_on: Date,
    /// `Mode::as_str`.
    pub mode: String,
    /// The venue, or the meeting's link or platform.
    pub place: String,
    /// `Audience::as_str`.
    pub audience: String,
    pub topics: String,
    pub trainer: String,
    /// A commune's own session; `None`: the Department's.
    pub commune_code: Option<String>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
