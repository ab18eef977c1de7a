//! Which server instance runs a background job, until when (`services::jobs`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "job_lease")]
pub struct Model {
    /// The job ("chores", "sessions").
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    /// The instance holding it (`host:pid:random`).
    pub holder: String,
    /// Another instance may take it over from then on.
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
