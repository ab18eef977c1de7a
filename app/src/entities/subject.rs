//! OCOP subjects (chủ thể): firms, cooperatives, cooperative groups and household businesses.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "subject")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    /// "DN", "HTX", "THT" or "HO" (hộ sản xuất/kinh doanh).
    pub subject_type: String,
    pub commune_code: String,
    pub address: Option<String>,
    pub tax_code: Option<String>,
    /// "press" for facts from public sources, "invented" for demo entries.
    pub data_source: String,
    pub created_at: DateTimeUtc,
    /// "pending" while its first member's registration waits for the commune, then "active"
    /// (or "rejected").
    pub status: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::product::Entity")]
    Product,
}

impl Related<super::product::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Product.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
