//! An inspection of a certified product (`domain::inspection` for its states).
use sea_orm::entity::prelude::*;

use crate::domain::inspection::{InspectionKind, InspectionState};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspection")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub product_id: i32,
    pub subject_id: i32,
    /// The subject's commune when planned: whose officers inspect it.
    pub commune_code: String,
    /// The certificate in force when it was planned (what a revocation would end).
    pub certificate_id: Option<i32>,
    pub kind: InspectionKind,
    pub planned_on: Date,
    /// The inspection team, as the plan names it.
    pub team: String,
    pub purpose: Option<String>,
    pub state: InspectionState,
    pub planned_by: i32,
    pub created_at: DateTimeUtc,
    pub visited_on: Option<Date>,
    pub visited_by: Option<i32>,
    /// The inspector's conclusion at the visit.
    pub conclusion: Option<String>,
    /// What the producer must correct, and by when.
    pub correction_request: Option<String>,
    pub correction_due: Option<Date>,
    /// The producer's latest answer (with evidence photos).
    pub correction_answer: Option<String>,
    pub answered_at: Option<DateTimeUtc>,
    /// Why the latest answer was refused.
    pub refusal_note: Option<String>,
    pub revocation_reason: Option<String>,
    /// When it ended (compliant, corrected, revoked, cancelled).
    pub closed_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
