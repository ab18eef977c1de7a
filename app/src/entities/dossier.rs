//! A product dossier for one evaluation cycle (`domain::dossier` for its states).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dossier")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub product_id: i32,
    pub subject_id: i32,
    /// The commune it was filed with (kept even if the subject moves).
    pub commune_code: String,
    /// `DossierCycle::as_str`.
    pub cycle: String,
    /// `DossierState::as_str`.
    pub state: crate::domain::dossier::DossierState,
    /// The registration form (`DossierFormInput` as JSON).
    pub form_json: String,
    /// How many times it was submitted (the number of the latest frozen version).
    pub submission_no: i32,
    /// Raised by every change; an action naming an older version is refused.
    pub version: i32,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub forward_batch_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
