//! A shared count of sign-in failures or requests (`auth::shared_counts`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "throttle_count")]
pub struct Model {
    /// "pair:login|address", "login:…", "addr:…", or a limit's prefix and address.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub count: i32,
    /// The last failure (sign-in), or the start of the window (limits).
    pub since: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
