//! A token of the open data API (migration 000044). The secret itself is never stored.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_token")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The secret's first characters (`ocop_1a2b3c`), shown to tell tokens apart.
    pub prefix: String,
    /// SHA-256 of the secret, hex.
    #[sea_orm(unique)]
    pub secret_hash: String,
    /// Who it is for and why (the administrator's words).
    pub note: String,
    /// Comma-separated scopes (`domain::api_token::Scope`).
    pub scopes: String,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    /// The last day it works.
    pub expires_on: Date,
    pub revoked_at: Option<DateTimeUtc>,
    pub last_used_at: Option<DateTimeUtc>,
    pub use_count: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
