//! OCOP products. `stars` and `certified_year` repeat the latest certificate's (the
//! `certificate` table is authoritative; a decision updates both).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub name_folded: String,
    pub subject_id: i32,
    pub product_group_id: i32,
    pub commune_code: String,
    /// 1–5, or none while the product has not been rated.
    pub stars: Option<i16>,
    pub certified_year: Option<i16>,
    pub data_source: String,
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
    pub description: Option<String>,
    /// As printed on the label: "500 g", "750 ml".
    pub net_quantity: Option<String>,
    pub packaging: Option<String>,
    pub shelf_life: Option<String>,
    /// Retail price range in đồng.
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub raw_material_area: Option<String>,
    /// The product story (câu chuyện sản phẩm), plain text with paragraphs.
    pub story: Option<String>,
    /// A valid GTIN-8/12/13/14 (`domain::gtin`).
    pub gtin: Option<String>,
    /// `gtin` padded to 14 digits (`domain::gtin::to_gtin14`), indexed: what a Digital Link
    /// names. Written with `gtin` by every writer.
    pub gtin14: Option<String>,
    /// Raised by every save; a save naming an older version is refused.
    pub version: i32,
    /// Where to buy it, one place per line (shop, market stall, online store).
    pub points_of_sale: Option<String>,
    /// The last day the product is in the public catalogue: its current certificate's end
    /// while its subject is active. Kept by database triggers (migration 000018); the
    /// application only reads it.
    pub listed_until: Option<Date>,
    /// When its information last changed (form, photos, label); `None`: not since created.
    pub updated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::subject::Entity",
        from = "Column::SubjectId",
        to = "super::subject::Column::Id"
    )]
    Subject,
}

impl Related<super::subject::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Subject.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
