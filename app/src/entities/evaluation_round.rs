//! An evaluation round (`domain::round` for its phases and switches).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_round")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub year: i16,
    /// "province" (the national escalation is an export).
    pub level: String,
    pub dossier_deadline: Date,
    pub scoring_from: Date,
    pub scoring_until: Date,
    /// `Phase::as_str`.
    pub phase: crate::domain::round::Phase,
    /// Members see only the dossiers assigned to them (else every dossier of the round).
    pub assigned_only: bool,
    /// `OthersVisible::as_str`.
    pub others_visible: String,
    /// Members see no producer names while scoring.
    pub identity_hidden: bool,
    /// `Aggregation::as_str`.
    pub aggregation: String,
    pub decision_number: Option<String>,
    pub decision_date: Option<Date>,
    pub decision_signer: Option<String>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    /// Raised by every change of phase or settings.
    pub version: i32,
    /// The last scoring day members were reminded of (again when the window is extended).
    pub sheets_reminded_for: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
