//! The province keeps the report periods (dates covered, due dates, a new year's periods) and
//! the years' targets (`/admin/report-settings`): master data shipped as CSV, then edited here.
use crate::domain::reason::Reason;
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::report::PeriodKind;
use crate::entities::{admin_unit, report_period, report_target};
use crate::models::reports::periodic::{CustomPeriodInput, PeriodRow, ReportSettings, TargetRow};
use crate::services::ServiceError;
use crate::services::input::{Problems, invalid};
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

/// A date typed as yyyy-mm-dd, in the programme's years (2019–2100).
fn date(value: &str, field: &'static str) -> Result<NaiveDate, ServiceError> {
    let day = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| invalid(field, Reason::InvalidDate))?;
    if !(2019..=2100).contains(&day.year()) {
        return Err(invalid(field, Reason::InvalidYear));
    }
    Ok(day)
}

/// The span of a period's dates: the end not before the start, at most 10 years, and for a
/// review whole years (two at least); the due day not before the start. Problems noted.
fn check_span(
    problems: &mut Problems,
    kind: Option<PeriodKind>,
    start: NaiveDate,
    end: NaiveDate,
    due: NaiveDate,
) {
    if end < start {
        // Dates typed the wrong way round: said once, at the end.
        problems.add("ends_on", Reason::BeforeStart);
        return;
    }
    if (end - start).num_days() > 3660 {
        problems.add("ends_on", Reason::PeriodTooLong);
    } else if kind == Some(PeriodKind::Review)
        && !(start.ordinal() == 1
            && end.month() == 12
            && end.day() == 31
            && end.year() > start.year())
    {
        problems.add("ends_on", Reason::WholeYears);
    }
    if due < start {
        problems.add("due_on", Reason::BeforeStart);
    }
}

/// Changes a period's dates: the first day before (or on) the last, due no earlier than the
/// first day; a review stays whole years.
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
    let period = report_period::Entity::find_by_id(period_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut problems = Problems::default();
    check_span(
        &mut problems,
        PeriodKind::parse(&period.kind),
        start,
        end,
        due,
    );
    problems.finish()?;
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
        return Err(invalid("year", Reason::ReportYear));
    }
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).ok_or(invalid("year", Reason::ReportYear));
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

/// Adds a period of the province's own — an ad hoc report or a multi-year review — with its
/// title; returns its id. Only the province writes it (audience "department").
///
/// # Errors
/// `Denied`; `Problems` for an unknown kind, a missing or long title, malformed dates, an end
/// before the start, more than 10 years, a review not of whole years (two at least), a due
/// date before the start.
pub async fn add_custom(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &CustomPeriodInput,
) -> Result<i32, ServiceError> {
    check(actor)?;
    let mut problems = Problems::default();
    let kind = match input.kind.trim() {
        "adhoc" => Some(PeriodKind::AdHoc),
        "review" => Some(PeriodKind::Review),
        _ => None,
    };
    if kind.is_none() {
        problems.add("kind", Reason::Invalid);
    }
    let title = input.title.trim();
    if title.is_empty() {
        problems.add("title", Reason::Required);
    } else if title.chars().count() > 200 {
        problems.add("title", Reason::TooLong);
    }
    let start = problems.check(date(&input.starts_on, "starts_on"));
    let end = problems.check(date(&input.ends_on, "ends_on"));
    let due = problems.check(date(&input.due_on, "due_on"));
    if let (Some(start), Some(end), Some(due)) = (start, end, due) {
        check_span(&mut problems, kind, start, end, due);
    }
    problems.finish()?;
    let (Some(kind), Some(start), Some(end), Some(due)) = (kind, start, end, due) else {
        return Err(invalid("kind", Reason::Invalid));
    };
    // The next serial number of this kind ("adhoc_3" after "adhoc_2").
    let prefix = format!("{}_", kind.as_str());
    let serial = report_period::Entity::find()
        .filter(report_period::Column::Kind.starts_with(&prefix))
        .all(db)
        .await?
        .iter()
        .filter_map(|p| p.kind.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    let row = report_period::ActiveModel {
        kind: Set(format!("{prefix}{serial}")),
        year: Set(i16::try_from(end.year()).unwrap_or(i16::MAX)),
        starts_on: Set(start),
        ends_on: Set(end),
        due_on: Set(due),
        audience: Set("department".to_owned()),
        title: Set(Some(title.to_owned())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
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
        return Err(invalid("year", Reason::ReportYear));
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
            return Err(invalid(field, Reason::TargetCount));
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
    if let Some(title) = period.as_ref().and_then(|p| p.title.clone()) {
        return Ok(crate::domain::audit_details::Value::both(&title, &title));
    }
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
