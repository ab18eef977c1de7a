//! Administrative units as editable master data: the province and administrators add a
//! commune or ward, rename one from a date (a commune that becomes a ward), or end one with the
//! unit that takes it over. Nothing is deleted: records keep the code they were filed under,
//! and the earlier name is kept with its dates (`versions`).
use chrono::{Duration, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, TransactionTrait,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::text::fold;
use crate::entities::{admin_unit, subject};
use crate::models::master_data::editing::{
    MAX_NAME_CHARS, MasterKind, NewUnitInput, RenameUnitInput, RetireUnitInput, VersionFields,
};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::input::Problems;
use crate::services::master_data::versions::{self, Earlier, parse_day, today};

/// The province every commune belongs to (the statistics code of Lạng Sơn).
const PROVINCE_CODE: &str = "20";
/// The day the districts ended and today's communes and wards began: (year, month, day).
const REORGANISED: (i32, u32, u32) = (2025, 7, 1);
/// The kinds a commune-level unit takes in Lạng Sơn.
const COMMUNE_KINDS: [&str; 2] = ["xã", "phường"];

pub(crate) fn may_edit(actor: &Actor) -> Result<(), ServiceError> {
    allowed(actor, Action::ManageMasterData, Resource::Nothing).map_err(ServiceError::Denied)
}

fn check_name(problems: &mut Problems, field: &str, name: &str) {
    if name.is_empty() {
        problems.add(field, Reason::Required);
    } else if name.chars().count() > MAX_NAME_CHARS {
        problems.add(field, Reason::TooLong);
    }
}

fn check_kind(problems: &mut Problems, kind: &str) {
    if !COMMUNE_KINDS.contains(&kind) {
        problems.add("kind", Reason::UnitKind);
    }
}

/// A start date between 2019 (the programme's first year) and a year from today.
pub(crate) fn start_date(problems: &mut Problems, field: &str, value: &str) -> Option<NaiveDate> {
    let earliest = NaiveDate::from_ymd_opt(2019, 1, 1);
    match parse_day(value) {
        None => problems.add(field, Reason::InvalidDate),
        Some(d) if Some(d) < earliest || d > today() + Duration::days(366) => {
            problems.add(field, Reason::StartDate);
        }
        Some(d) => return Some(d),
    }
    None
}

/// A new version's first day: not before the current version began (that very day corrects
/// the current version), and not after today.
pub(crate) fn version_date(
    problems: &mut Problems,
    value: &str,
    current_start: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match parse_day(value) {
        None => problems.add("from", Reason::InvalidDate),
        Some(d) if current_start.is_some_and(|s| d < s) || d > today() => {
            problems.add("from", Reason::VersionDate);
        }
        Some(d) => return Some(d),
    }
    None
}

/// A last day: from the row's start to a year from today.
pub(crate) fn last_day(
    problems: &mut Problems,
    value: &str,
    start: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match parse_day(value) {
        None => problems.add("last_day", Reason::InvalidDate),
        Some(d) if start.is_some_and(|s| d < s) || d > today() + Duration::days(366) => {
            problems.add("last_day", Reason::RetireDate);
        }
        Some(d) => return Some(d),
    }
    None
}

/// The last day of a form that asks only for it.
pub(crate) fn only_last_day(
    value: &str,
    start: Option<NaiveDate>,
) -> Result<NaiveDate, ServiceError> {
    let mut problems = Problems::default();
    let day = last_day(&mut problems, value, start);
    problems.finish()?;
    day.ok_or(ServiceError::Conflict(Reason::RetireDate))
}

async fn in_force_unit(
    db: &impl sea_orm::ConnectionTrait,
    code: &str,
) -> Result<admin_unit::Model, ServiceError> {
    let unit = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(code.trim()))
        .filter(admin_unit::Column::Level.eq("commune"))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if unit.valid_to.is_some() {
        return Err(ServiceError::Conflict(Reason::AlreadyRetired));
    }
    Ok(unit)
}

fn entry(actor: &Actor, action: AuditAction, unit: &admin_unit::Model) -> Entry<'static> {
    Entry {
        actor_user_id: actor.user_id(),
        action,
        target_type: "admin_unit",
        target_id: Some(unit.code.clone()),
        summary: format!("{} {} ({})", unit.kind, unit.name, unit.code),
        ip: None,
        details: Default::default(),
    }
    .with("unit", format!("{} {}", unit.kind, unit.name))
    .with("code", unit.code.as_str())
}

/// Adds a commune or ward in force from `valid_from`.
///
/// # Errors
/// `Denied` unless the province or an administrator; `Problems` naming each wrong field (the
/// code: five digits, not taken).
pub async fn add_unit(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &NewUnitInput,
) -> Result<(), ServiceError> {
    may_edit(actor)?;
    let mut problems = Problems::default();
    let code = input.code.trim();
    let name = input.name.trim();
    let kind = input.kind.trim();
    if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
        problems.add("code", Reason::UnitCode);
    }
    check_name(&mut problems, "name", name);
    check_kind(&mut problems, kind);
    let from = start_date(&mut problems, "valid_from", &input.valid_from);
    // Communes and wards as they are since the 2025 reorganisation (before it, districts).
    let (y, m, d) = REORGANISED;
    let reorganised = NaiveDate::from_ymd_opt(y, m, d);
    if from.is_some_and(|day| reorganised.is_some_and(|r| day < r)) {
        problems.add("valid_from", Reason::UnitStart);
    }
    let txn = db.begin().await?;
    let taken = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(code))
        .count(&txn)
        .await?
        > 0;
    if taken {
        problems.add("code", Reason::CodeTaken);
    }
    problems.finish()?;
    let unit = admin_unit::ActiveModel {
        code: Set(code.to_owned()),
        name: Set(name.to_owned()),
        name_folded: Set(fold(name)),
        kind: Set(kind.to_owned()),
        level: Set("commune".to_owned()),
        valid_from: Set(from),
        parent_code: Set(Some(PROVINCE_CODE.to_owned())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let from_text = from.map(crate::domain::dates::date).unwrap_or_default();
    audit::append(
        &txn,
        entry(actor, AuditAction::MasterUnitAdd, &unit).with("from", from_text),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Renames a unit in force from `input.from`, keeping the earlier name with its dates.
///
/// # Errors
/// `Denied` as `add_unit`; `NotFound`; `Conflict(AlreadyRetired)` for a unit that ended;
/// `Problems` for the name, the kind or a date not after the current name began (or after
/// today); `Conflict(NothingChanged)` for the same name and kind.
pub async fn rename_unit(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &RenameUnitInput,
) -> Result<(), ServiceError> {
    may_edit(actor)?;
    let txn = db.begin().await?;
    let unit = in_force_unit(&txn, &input.code).await?;
    let start =
        versions::start_of_current(&txn, MasterKind::Unit, &unit.code, unit.valid_from).await?;
    let mut problems = Problems::default();
    let name = input.name.trim();
    let kind = input.kind.trim();
    check_name(&mut problems, "name", name);
    check_kind(&mut problems, kind);
    let from = version_date(&mut problems, &input.from, start);
    problems.finish()?;
    let Some(from) = from else {
        return Err(ServiceError::Conflict(Reason::VersionDate));
    };
    if name == unit.name && kind == unit.kind {
        return Err(ServiceError::Conflict(Reason::NothingChanged));
    }
    if start != Some(from) {
        let earlier = Earlier {
            kind: MasterKind::Unit,
            scheme: "",
            code: &unit.code,
            fields: VersionFields {
                name_vi: unit.name.clone(),
                kind: unit.kind.clone(),
                ..Default::default()
            },
            valid_from: start,
            valid_to: from.pred_opt().unwrap_or(from),
        };
        versions::keep(&txn, actor, earlier).await?;
    }
    let old = format!("{} {}", unit.kind, unit.name);
    let mut row: admin_unit::ActiveModel = unit.into();
    row.name = Set(name.to_owned());
    row.name_folded = Set(fold(name));
    row.kind = Set(kind.to_owned());
    let unit = row.update(&txn).await?;
    audit::append(
        &txn,
        entry(actor, AuditAction::MasterUnitRename, &unit)
            .with("old", old)
            .with("from", crate::domain::dates::date(from)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Ends a unit after `last_day`, taken over by `successor_code` (which imports then follow);
/// returns how many subjects are still registered in it, for the officer to move.
///
/// # Errors
/// `Denied` as `add_unit`; `NotFound`; `Conflict(AlreadyRetired)`; `Problems` for the last
/// day (from the unit's start to a year from today) and a successor that is not another unit
/// in force after that day.
pub async fn retire_unit(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &RetireUnitInput,
) -> Result<u64, ServiceError> {
    may_edit(actor)?;
    let txn = db.begin().await?;
    let unit = in_force_unit(&txn, &input.code).await?;
    // Not before its current name began: the kept versions never overlap.
    let start =
        versions::start_of_current(&txn, MasterKind::Unit, &unit.code, unit.valid_from).await?;
    let mut problems = Problems::default();
    let last = last_day(&mut problems, &input.last_day, start);
    // The successor takes over the next day: in force by then, and not ending.
    let next = last.and_then(|d| d.succ_opt());
    let successor = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(input.successor_code.trim()))
        .filter(admin_unit::Column::Level.eq("commune"))
        .filter(admin_unit::Column::ValidTo.is_null())
        .one(&txn)
        .await?
        .filter(|s| s.code != unit.code)
        .filter(|s| s.valid_from.is_none_or(|f| next.is_none_or(|n| f <= n)));
    if successor.is_none() {
        problems.add("successor_code", Reason::UnknownSuccessor);
    }
    problems.finish()?;
    let (Some(last), Some(successor)) = (last, successor) else {
        return Err(ServiceError::Conflict(Reason::UnknownSuccessor));
    };
    let mut row: admin_unit::ActiveModel = unit.into();
    row.valid_to = Set(Some(last));
    row.successor_code = Set(Some(successor.code.clone()));
    let unit = row.update(&txn).await?;
    let remaining = subject::Entity::find()
        .filter(subject::Column::CommuneCode.eq(&unit.code))
        .count(&txn)
        .await?;
    audit::append(
        &txn,
        entry(actor, AuditAction::MasterUnitRetire, &unit)
            .with("last_day", crate::domain::dates::date(last))
            .with(
                "successor",
                format!("{} {}", successor.kind, successor.name),
            ),
    )
    .await?;
    txn.commit().await?;
    Ok(remaining)
}
