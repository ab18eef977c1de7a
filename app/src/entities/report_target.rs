//! A year's targets (master data) for the province (its code, "20") or one commune.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_target")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub year: i16,
    pub scope_code: String,
    /// New products certified with 3 stars or more in the year.
    #[sea_orm(column_name = "new_products_3star")]
    pub new_products_3star: i32,
    /// Dossiers proposed for the national (5★) evaluation in the year.
    pub national_dossiers: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
