//! OCOP subjects (chủ thể): firms, cooperatives, cooperative groups and household businesses.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
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
    pub status: crate::domain::status::SubjectStatus,
    pub legal_representative: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub founded_year: Option<i16>,
    pub member_count: Option<i32>,
    /// Local people working for the subject (a criterion of the commune's pre-assessment).
    pub local_workers: Option<i32>,
    pub introduction: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Raised by every profile save; a save naming an older version is refused.
    pub version: i32,
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
