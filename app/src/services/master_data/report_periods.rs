//! Report periods and targets: shipped as master data (`seed/report-periods.csv`: 6-month
//! reports due 25 June and annual reports due 30 November for communes, the Department's
//! 9-month report; `seed/report-targets.csv`: the province's 2025 plan), then kept by the
//! province. Loading only adds rows that are missing, so edited dates and targets stay.
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};
use serde::Deserialize;

use crate::entities::{report_period, report_target};
use crate::services::master_data::loading::parse;

const PERIODS_CSV: &str = include_str!("../../../seed/report-periods.csv");
const TARGETS_CSV: &str = include_str!("../../../seed/report-targets.csv");

#[derive(Deserialize)]
struct PeriodRecord {
    kind: String,
    year: i16,
    starts_on: chrono::NaiveDate,
    ends_on: chrono::NaiveDate,
    due_on: chrono::NaiveDate,
    audience: String,
}

#[derive(Deserialize)]
struct TargetRecord {
    year: i16,
    scope_code: String,
    new_products_3star: i32,
    national_dossiers: i32,
}

/// Adds the shipped periods and targets that are missing; returns how many rows were added.
///
/// # Errors
/// A database error, or `DbErr::Custom` for a malformed CSV or an unknown kind of period.
pub async fn load(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let mut added = 0;
    for record in parse::<PeriodRecord>(PERIODS_CSV)? {
        if crate::domain::report::PeriodKind::parse(&record.kind).is_none() {
            return Err(DbErr::Custom(format!(
                "report-periods.csv: unknown kind {:?}",
                record.kind
            )));
        }
        let row = report_period::ActiveModel {
            kind: Set(record.kind),
            year: Set(record.year),
            starts_on: Set(record.starts_on),
            ends_on: Set(record.ends_on),
            due_on: Set(record.due_on),
            audience: Set(record.audience),
            ..Default::default()
        };
        let conflict =
            OnConflict::columns([report_period::Column::Kind, report_period::Column::Year])
                .do_nothing()
                .to_owned();
        added += report_period::Entity::insert(row)
            .on_conflict(conflict)
            .exec_without_returning(db)
            .await?;
    }
    for record in parse::<TargetRecord>(TARGETS_CSV)? {
        let row = report_target::ActiveModel {
            year: Set(record.year),
            scope_code: Set(record.scope_code),
            new_products_3star: Set(record.new_products_3star),
            national_dossiers: Set(record.national_dossiers),
            ..Default::default()
        };
        let conflict = OnConflict::columns([
            report_target::Column::Year,
            report_target::Column::ScopeCode,
        ])
        .do_nothing()
        .to_owned();
        added += report_target::Entity::insert(row)
            .on_conflict(conflict)
            .exec_without_returning(db)
            .await?;
    }
    Ok(added)
}
