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
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
