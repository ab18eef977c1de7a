//! Report periods and targets: shipped as master data (`seed/report-periods.csv`: 6-month
//! reports due 25 June and annual reports due 30 November for communes, the Department's
//! 9-month report; `seed/report-targets.csv`: the province's 2025 plan), then kept by the
//! province. Loading only adds rows that are missing, so edited dates and targets stay. The
//! years after the file's last one follow its last year's dates, up to next year, so the
//! periods never run out (the server loads master data at each start).
use chrono::Datelike;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};
use serde::Deserialize;

use crate::entities::{report_period, report_target};
use crate::services::master_data::loading::parse;

const PERIODS_CSV: &str = include_str!("../../../seed/report-periods.csv");
const TARGETS_CSV: &str = include_str!("../../../seed/report-targets.csv");

#[derive(Deserialize, Clone)]
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

/// The periods of the years after the shipped ones up to `until`, dated like the last shipped
/// year's.
fn continued(shipped: &[PeriodRecord], until: i16) -> Vec<PeriodRecord> {
    let Some(last) = shipped.iter().map(|r| r.year).max() else {
        return Vec::new();
    };
    let mut more = Vec::new();
    for year in last + 1..=until {
        let months = chrono::Months::new(12 * u32::try_from(year - last).unwrap_or(0));
        let later = |d: chrono::NaiveDate| d.checked_add_months(months);
        for r in shipped.iter().filter(|r| r.year == last) {
            if let (Some(starts_on), Some(ends_on), Some(due_on)) =
                (later(r.starts_on), later(r.ends_on), later(r.due_on))
            {
                more.push(PeriodRecord {
                    kind: r.kind.clone(),
                    year,
                    starts_on,
                    ends_on,
                    due_on,
                    audience: r.audience.clone(),
                });
            }
        }
    }
    more
}

/// Adds the shipped periods and targets that are missing; returns how many rows were added.
///
/// # Errors
/// A database error, or `DbErr::Custom` for a malformed CSV or an unknown kind of period.
pub async fn load(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let mut added = 0;
    let shipped = parse::<PeriodRecord>(PERIODS_CSV)?;
    let next_year = i16::try_from(crate::clock::today().year() + 1).unwrap_or(i16::MAX);
    for record in shipped
        .iter()
        .cloned()
        .chain(continued(&shipped, next_year))
    {
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
