//! A production lot of a product (`domain::lot` for its rules).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lot")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub product_id: i32,
    /// The product's subject, kept here so access checks need no join.
    pub subject_id: i32,
    /// Unique per product; fits a Digital Link (GS1 character set 82, ≤ 20).
    pub code: String,
    pub produced_on: Date,
    pub expires_on: Option<Date>,
    /// As typed ("1.200", "250"), with its unit ("kg", "chai").
    pub quantity: Option<String>,
    pub unit: Option<String>,
    /// Where the raw material came from: a commune, and a supplier or "own farm".
    pub origin_commune_code: Option<String>,
    pub origin_note: Option<String>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
