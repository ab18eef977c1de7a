//! A reporting period (master data): which report, for which year, the dates it covers and
//! when it is due (`domain::report::PeriodKind`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_period")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `PeriodKind::as_str`: "half_year", "nine_month" or "annual"; "adhoc_<n>" or
    /// "review_<n>" for the periods the province makes (`PeriodKind::parse`).
    pub kind: String,
    pub year: i16,
    /// First day covered.
    pub starts_on: Date,
    /// Last day covered (inclusive).
    pub ends_on: Date,
    pub due_on: Date,
    /// "commune" (communes report to the Department) or "department" (the Department's own
    /// reports to the Province, such as the 9-month report).
    pub audience: String,
    /// The title of an ad hoc report or a review (`PeriodKind::titled`).
    pub title: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
