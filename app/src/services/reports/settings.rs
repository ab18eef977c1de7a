//! The province keeps the report periods (dates covered, due dates, a new year's periods) and
//! the years' targets (`/admin/report-settings`): master data shipped as CSV, then edited here.
use crate::domain::reason::Reason;
use chrono::NaiveDate;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::report::PeriodKind;
use crate::entities::{admin_unit, report_period, report_target};
use crate::models::reports::periodic::{PeriodRow, ReportSettings, TargetRow};
use crate::services::ServiceError;
use crate::services::input::invalid;
use crate::services::reports::facts::PROVINCE_CODE;

fn check(actor: &Actor) -> Result<(), ServiceError> {
    allowed(actor, Action::ManageMasterData, Resource::Nothing).map_err(ServiceError::Denied)
}

/// Every period (newest first) and target.
///
/// # Errors
/// `Denied` for anyone but the province and administrators.
pub async fn settings(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<ReportSettings, ServiceError> {
    check(actor)?;
    let periods: Vec<PeriodRow> = report_period::Entity::find()
        .order_by_desc(report_period::Column::Year)
        .order_by_asc(report_period::Column::EndsOn)
        .all(db)
        .await?
        .iter()
        .map(crate::services::reports::periodic::period_row)
        .collect();
    let units = crate::services::master_data::units::in_force(db, &["province", "commune"]).await?;
    let name = |code: &str| {
        units
            .iter()
            .find(|(c, _)| c == code)
            .map_or_else(|| code.to_owned(), |(_, n)| n.clone())
    };
    let targets = report_target::Entity::find()
        .order_by_desc(report_target::Column::Year)
        .order_by_asc(report_target::Column::ScopeCode)
        .all(db)
        .await?
        .into_iter()
        .map(|t| TargetRow {
            scope_name: name(&t.scope_code),
            year: t.year,
            scope_code: t.scope_code,
            new_3star: t.new_products_3star,
            national: t.national_dossiers,
        })
        .collect();
    Ok(ReportSettings {
        periods,
        targets,
        communes: units
            .into_iter()
            .filter(|(c, _)| c != PROVINCE_CODE)
            .collect(),
    })
}

fn date(value: &str, field: &'static str) -> Result<NaiveDate, ServiceError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| invalid(field, Reason::InvalidDate))
}

/// Changes a period's dates: the first day before (or on) the last, due no earlier than the
/// first day.
///
/// # Errors
/// `Denied`; `NotFound`; `Invalid` for a malformed date, `ends_on` before `starts_on`, or
/// `due_on` before `starts_on`.
pub async fn save_period(
    db: &impl ConnectionTrait,
    actor: &Actor,
    period_id: i32,
    starts_on: &str,
    ends_on: &str,
    due_on: &str,
) -> Result<(), ServiceError> {
    check(actor)?;
    let (start, end, due) = (
        date(starts_on, "starts_on")?,
        date(ends_on, "ends_on")?,
        date(due_on, "due_on")?,
    );
    if end < start {
        return Err(invalid("ends_on", Reason::BeforeStart));
    }
    if due < start {
        return Err(invalid("due_on", Reason::BeforeStart));
    }
    let period = report_period::Entity::find_by_id(period_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut row: report_period::ActiveModel = period.into();
    row.starts_on = Set(start);
    row.ends_on = Set(end);
    row.due_on = Set(due);
    row.update(db).await?;
    Ok(())
}

/// Adds a year's periods with the usual dates (half-year due 25 June, nine months due 25
/// September, annual due 30 November); those already there are kept. Returns how many were
/// added.
///
/// # Errors
/// `Denied`; `Invalid("year", "out_of_range")` outside 2019–2100.
pub async fn add_year(
    db: &impl ConnectionTrait,
    actor: &Actor,
    year: i32,
) -> Result<u64, ServiceError> {
    check(actor)?;
    if !(2019..=2100).contains(&year) {
        return Err(invalid("year", Reason::OutOfRange));
    }
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).ok_or(invalid("year", Reason::OutOfRange));
    let mut added = 0;
    for (kind, end, due, audience) in [
        (PeriodKind::HalfYear, day(6, 30)?, day(6, 25)?, "commune"),
        (
            PeriodKind::NineMonth,
            day(9, 30)?,
            day(9, 25)?,
            "department",
        ),
        (PeriodKind::Annual, day(12, 31)?, day(11, 30)?, "commune"),
    ] {
        let row = report_period::ActiveModel {
            kind: Set(kind.as_str().to_owned()),
            year: Set(year as i16),
            starts_on: Set(day(1, 1)?),
            ends_on: Set(end),
            due_on: Set(due),
            audience: Set(audience.to_owned()),
            ..Default::default()
        };
        added += report_period::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([report_period::Column::Kind, report_period::Column::Year])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(added)
}

/// Sets a year's targets for the province or a commune (adding or replacing them).
///
/// # Errors
/// `Denied`; `Invalid` for a year outside 2019–2100, an unknown commune, or a target outside
/// 0–100,000.
pub async fn save_target(
    db: &impl ConnectionTrait,
    actor: &Actor,
    year: i32,
    scope_code: &str,
    new_3star: i32,
    national: i32,
) -> Result<(), ServiceError> {
    check(actor)?;
    if !(2019..=2100).contains(&year) {
        return Err(invalid("year", Reason::OutOfRange));
    }
    let known = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(scope_code.trim()))
        .filter(admin_unit::Column::Level.is_in(["province", "commune"]))
        .one(db)
        .await?
        .is_some();
    if !known {
        return Err(invalid("scope_code", Reason::UnknownUnit));
    }
    for (value, field) in [(new_3star, "new_3star"), (national, "national")] {
        if !(0..=100_000).contains(&value) {
            return Err(invalid(field, Reason::OutOfRange));
        }
    }
    let row = report_target::ActiveModel {
        year: Set(year as i16),
        scope_code: Set(scope_code.trim().to_owned()),
        new_products_3star: Set(new_3star),
        national_dossiers: Set(national),
        ..Default::default()
    };
    report_target::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                report_target::Column::Year,
                report_target::Column::ScopeCode,
            ])
            .update_columns([
                report_target::Column::NewProducts3star,
                report_target::Column::NationalDossiers,
            ])
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// "6 tháng đầu năm 2026" / "first half-year 2026", for the audit log.
///
/// # Errors
/// A database error.
pub async fn period_name(
    db: &impl ConnectionTrait,
    period_id: i32,
) -> Result<crate::domain::audit_details::Value, ServiceError> {
    let period = report_period::Entity::find_by_id(period_id).one(db).await?;
    Ok(
        match period.and_then(|p| Some((PeriodKind::parse(&p.kind)?, p.year))) {
            Some((kind, year)) => crate::domain::audit_details::Value::both(
                format!("{} {year}", kind.name_vi()),
                format!("{} {year}", kind.name_en()),
            ),
            None => period_id.into(),
        },
    )
}

/// The province or a commune by name, for the audit log.
///
/// # Errors
/// A database error.
pub async fn scope_name(
    db: &impl ConnectionTrait,
    scope_code: &str,
) -> Result<crate::domain::audit_details::Value, ServiceError> {
    if scope_code == PROVINCE_CODE {
        return Ok(crate::domain::audit_details::Value::both(
            "toàn tỉnh",
            "the province",
        ));
    }
    let unit = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(scope_code))
        .one(db)
        .await?;
    Ok(unit.map_or_else(|| scope_code.into(), |u| u.name.into()))
}

/// "6 tháng đầu năm 2026 của Xã Chi Lăng", for the audit log.
///
/// # Errors
/// A database error.
pub async fn report_name(
    db: &impl ConnectionTrait,
    period_id: i32,
    scope_code: &str,
) -> Result<crate::domain::audit_details::Value, ServiceError> {
    use crate::domain::audit_details::Value;
    let period = period_name(db, period_id).await?;
    let scope = scope_name(db, scope_code).await?;
    Ok(Value::both(
        format!("{} của {}", period.get(false), scope.get(false)),
        format!("{} of {}", period.get(true), scope.get(true)),
    ))
}
