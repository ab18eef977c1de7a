//! One periodic report of a locality: a commune's, or the province's (scope "20").
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub period_id: i32,
    pub scope_code: String,
    /// `domain::report::ReportState::as_str`.
    pub state: crate::domain::report::ReportState,
    pub results: String,
    pub difficulties: String,
    pub proposals: String,
    /// The figures as they were when submitted (`models::reports::periodic::ReportFigures` as JSON):
    /// later changes to the data do not rewrite a submitted report.
    pub snapshot_json: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub submitted_by: Option<i32>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub reviewed_by: Option<i32>,
    pub review_comment: Option<String>,
    /// Raised by every change; a change naming an older version is refused.
    pub version: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
