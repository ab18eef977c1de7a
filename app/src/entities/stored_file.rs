//! Metadata of an uploaded file; its bytes (and its thumbnail's) are in the content-addressed
//! store under their sha256.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stored_file")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub sha256: String,
    /// Images only: a small JPEG for lists.
    pub thumb_sha256: Option<String>,
    /// Sniffed from the content (and, for images, what the re-encoded file is).
    pub media_type: String,
    pub original_name: String,
    pub size_bytes: i64,
    /// The subject that owns it (decides who may download it).
    pub subject_id: Option<i32>,
    pub uploaded_by: Option<i32>,
    /// "dossier_document" or "product_photo" (photos are public with their product).
    pub purpose: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
