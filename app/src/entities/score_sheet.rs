//! One member's score sheet for one dossier of a round (`domain::scoring::Sheet` as JSON, with
//! the result the server computed on the last save).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "score_sheet")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    pub dossier_id: i32,
    pub user_id: i32,
    /// "council" or "advisory": each panel's sheets are kept apart.
    pub panel: String,
    pub choices_json: String,
    /// Tenths of a point.
    pub total: i32,
    pub stars: i16,
    pub complete: bool,
    /// Set when submitted (locked); cleared when an officer reopens it.
    pub submitted_at: Option<DateTimeUtc>,
    pub reopen_reason: Option<String>,
    pub version: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
