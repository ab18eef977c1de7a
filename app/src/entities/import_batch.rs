//! One uploaded spreadsheet: previewed (`state` "previewed"), imported as one transaction
//! ("imported"), or taken back as a whole ("undone"). The preview is kept as JSON so the page
//! can page through it without reading the file again.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "import_batch")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub file_name: String,
    /// The file in the file store.
    pub file_sha256: String,
    /// "previewed", "imported" or "undone".
    pub state: String,
    /// The officer's column choices (JSON: sheet → column → field key).
    pub mapping: String,
    /// `models::imports::PreviewData` as JSON.
    #[sea_orm(column_type = "Text")]
    pub preview: String,
    /// `models::imports::Totals` as JSON (the list shows them without reading the preview).
    pub totals: String,
    /// A digest of the preview's verdicts: the import refuses to run if the data changed since.
    pub fingerprint: String,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub imported_at: Option<DateTimeUtc>,
    pub undone_at: Option<DateTimeUtc>,
    pub undone_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
