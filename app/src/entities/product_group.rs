//! Product groups and sub-groups, per scheme ("148" for Decision 148/2023, "1048" for the 2019 one).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product_group")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub scheme: String,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub parent_code: Option<String>,
    pub lead_ministry: Option<String>,
    /// In force from (none: since the scheme began) …
    pub valid_from: Option<Date>,
    /// … to this day included (none: still in force). Retired rows stay for the records
    /// that refer to them.
    pub valid_to: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
