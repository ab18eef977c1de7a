//! A record an import batch created or changed: what it was before (JSON of the columns it
//! changed, for undo) and what the row said (JSON: header → text), kept as history.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "import_record")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub batch_id: i32,
    /// The row in the sheet, counted as the spreadsheet shows it (from 1).
    pub row_number: i32,
    pub sheet: String,
    /// "subject", "product" or "certificate".
    pub entity: String,
    pub entity_id: i32,
    /// "created" or "updated".
    pub action: String,
    pub before: Option<String>,
    pub said: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
