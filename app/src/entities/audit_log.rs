//! The append-only audit log (the database refuses updates and deletes).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub actor_user_id: Option<i32>,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<String>,
    /// What changed, before → after, in a line a person can read.
    pub summary: String,
    pub ip: Option<String>,
    /// The named values of its sentence (`domain::audit_details::Details` as JSON).
    pub details: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
