//! A product's label content as the producer entered it: one text per checklist item code
//! (JSON object), and whether the label shows the OCOP mark with which stars.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product_label")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub product_id: i32,
    pub content_json: String,
    pub shows_ocop_mark: bool,
    pub shown_stars: Option<i16>,
    /// Raised by every save; a save naming an older version is refused.
    pub version: i32,
    pub updated_by: Option<i32>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
