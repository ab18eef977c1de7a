//! Administrative units, versioned by validity dates: the province, the former districts (until
//! 2025-06-30) and the communes/wards (from 2025-07-01). Records keep the unit they were filed under.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "admin_unit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Statistics office code ("20", "180", "06046"), unique across levels.
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    /// Search key: `domain::text::fold(name)`.
    pub name_folded: String,
    pub kind: String,
    /// "province", "district" or "commune".
    pub level: String,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub parent_code: Option<String>,
    pub former_district_code: Option<String>,
    pub note: Option<String>,
    /// The unit that took this one over when it ended (a merger): imports follow it.
    pub successor_code: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
