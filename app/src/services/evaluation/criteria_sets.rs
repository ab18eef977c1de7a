//! Criteria sets (versioned master data): listing them, reading one with its validation, and
//! saving an edited or imported set (JSON or XLSX): in place while no round uses the latest version,
//! as a new version once it is frozen.
use crate::domain::reason::Reason;
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::documents::criteria_xlsx::{self, ReadProblem};
use crate::domain::scoring::{self, CriteriaSet};
use crate::entities::{criteria_set, product_group};
use crate::models::evaluation::criteria_sets::{CriteriaSetRow, CriteriaSetView};
use crate::services::ServiceError;
use crate::services::input::invalid;

/// Every set, by group and version.
///
/// # Errors
/// `Denied` for those who neither run rounds nor score.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<CriteriaSetRow>, ServiceError> {
    allowed(actor, Action::ViewCriteria, Resource::Nothing).map_err(ServiceError::Denied)?;
    let names = group_names(db).await?;
    Ok(criteria_set::Entity::find()
        .order_by_asc(criteria_set::Column::GroupCode)
        .order_by_asc(criteria_set::Column::Version)
        .all(db)
        .await?
        .into_iter()
        .map(|s| row(s, &names).0)
        .collect())
}

/// One set with its parts, criteria and options, its problems and its JSON.
///
/// # Errors
/// `Denied` as for `list`; `NotFound`.
pub async fn detail(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> Result<CriteriaSetView, ServiceError> {
    allowed(actor, Action::ViewCriteria, Resource::Nothing).map_err(ServiceError::Denied)?;
    let found = criteria_set::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (row, set) = row(found, &group_names(db).await?);
    Ok(CriteriaSetView {
        row,
        problems: scoring::validate(&set),
        json: serde_json::to_string_pretty(&set).unwrap_or_default(),
        set,
    })
}

fn row(s: criteria_set::Model, names: &HashMap<String, String>) -> (CriteriaSetRow, CriteriaSet) {
    // A stored set that no longer parses shows as empty, with one problem, rather than failing.
    let set: Option<CriteriaSet> = serde_json::from_str(&s.set_json).ok();
    let problem_count = set.as_ref().map_or(1, |set| scoring::validate(set).len());
    let set = set.unwrap_or(CriteriaSet { parts: Vec::new() });
    (
        CriteriaSetRow {
            id: s.id,
            group_name: names.get(&s.group_code).cloned().unwrap_or_default(),
            group_code: s.group_code,
            name: s.name,
            version: s.version,
            is_sample: s.is_sample,
            frozen: s.frozen,
            criteria_count: set.parts.iter().map(|p| p.criteria.len()).sum(),
            problem_count,
        },
        set,
    )
}

async fn group_names(db: &DatabaseConnection) -> Result<HashMap<String, String>, ServiceError> {
    Ok(product_group::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|g| g.scheme == "148")
        .map(|g| (g.code, g.name_vi))
        .collect())
}

/// Saves a set for a product group from its JSON; returns the id of the version written.
///
/// # Errors
/// `Denied` for anyone but provincial officers and administrators; `Invalid` on `name`
/// (`required`), `group_code` (`unknown_group`) or `json` (`unreadable`, or the first problem:
/// `part_sum`, `duplicate_code`, `too_few_options`, `bad_level`).
pub async fn save_version(
    db: &DatabaseConnection,
    actor: &Actor,
    group_code: &str,
    name: &str,
    json: &str,
) -> Result<i32, ServiceError> {
    allowed(actor, Action::ManageCriteria, Resource::Nothing).map_err(ServiceError::Denied)?;
    let set: Result<CriteriaSet, _> = serde_json::from_str(json);
    save_set(
        db,
        group_code,
        name,
        set.map_err(|_| Reason::Unreadable),
        "json",
    )
    .await
}

/// The set as an XLSX workbook, with its file name.
///
/// # Errors
/// `Denied` as for `list`; `NotFound`.
pub async fn export_xlsx(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> Result<(String, Vec<u8>), ServiceError> {
    let view = detail(db, actor, id).await?;
    let bytes = criteria_xlsx::write(
        &view.row.group_code,
        &view.row.name,
        view.row.version,
        &view.set,
    )
    .map_err(|err| {
        tracing::error!(error = %err, "criteria xlsx");
        ServiceError::Db(sea_orm::DbErr::Custom("xlsx".into()))
    })?;
    Ok((
        format!(
            "bo-tieu-chi-{}-v{}.xlsx",
            view.row.group_code, view.row.version
        ),
        bytes,
    ))
}

/// Saves a set imported from an XLSX file (the layout `export_xlsx` writes). The group and name
/// come from the file unless given (a set's own page imports into its group).
///
/// # Errors
/// As `save_version`, with the file's problems on `file`: `xlsx_unreadable`, `xlsx_layout`,
/// `xlsx_points`, `bad_level`, or the set's first problem.
pub async fn import_xlsx(
    db: &DatabaseConnection,
    actor: &Actor,
    group_code: &str,
    bytes: &[u8],
) -> Result<i32, ServiceError> {
    allowed(actor, Action::ManageCriteria, Resource::Nothing).map_err(ServiceError::Denied)?;
    let imported = criteria_xlsx::read(bytes).map_err(|problem| {
        invalid(
            "file",
            match problem {
                ReadProblem::Unreadable => Reason::XlsxUnreadable,
                ReadProblem::NoHeader | ReadProblem::Empty | ReadProblem::MissingCode(_) => {
                    Reason::XlsxLayout
                }
                ReadProblem::BadPoints(_) => Reason::XlsxPoints,
                ReadProblem::BadLevel(_) => Reason::BadLevel,
            },
        )
    })?;
    let group_code = if group_code.trim().is_empty() {
        imported.group_code.as_str()
    } else {
        group_code
    };
    // The upload form has one field: its problems all show under the file.
    if !group_names(db).await?.contains_key(group_code.trim()) {
        return Err(invalid("file", Reason::UnknownGroup));
    }
    let name = if imported.name.is_empty() {
        format!("Bộ tiêu chí nhóm {group_code}")
    } else {
        imported.name.chars().take(300).collect()
    };
    save_set(db, group_code, &name, Ok(imported.set), "file").await
}

/// Checks and stores a set: in place while the group's latest version is unused, else as a new
/// version. `field` names the form field the set came from, for its problems.
async fn save_set(
    db: &DatabaseConnection,
    group_code: &str,
    name: &str,
    set: Result<CriteriaSet, Reason>,
    field: &'static str,
) -> Result<i32, ServiceError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 300 {
        return Err(invalid("name", Reason::Required));
    }
    let group_code = group_code.trim();
    if !group_names(db).await?.contains_key(group_code) {
        return Err(invalid("group_code", Reason::UnknownGroup));
    }
    let set = set.map_err(|reason| invalid(field, reason))?;
    if let Some(problem) = scoring::validate(&set).first() {
        return Err(invalid(
            field,
            match problem {
                scoring::SetProblem::PartSum(..) => Reason::PartSum,
                scoring::SetProblem::DuplicateCode(_) => Reason::DuplicateCode,
                scoring::SetProblem::TooFewOptions(_) => Reason::TooFewOptions,
                scoring::SetProblem::BadLevel(_) => Reason::BadLevel,
            },
        ));
    }
    let stored = serde_json::to_string(&set).unwrap_or_default();
    let latest = criteria_set::Entity::find()
        .filter(criteria_set::Column::Scheme.eq("148"))
        .filter(criteria_set::Column::GroupCode.eq(group_code))
        .order_by_desc(criteria_set::Column::Version)
        .one(db)
        .await?;
    let saved = match latest {
        Some(latest) if !latest.frozen => {
            let mut active: criteria_set::ActiveModel = latest.into();
            active.name = Set(name.to_owned());
            active.set_json = Set(stored);
            active.is_sample = Set(false);
            active.update(db).await?
        }
        latest => {
            criteria_set::ActiveModel {
                scheme: Set("148".to_owned()),
                group_code: Set(group_code.to_owned()),
                name: Set(name.to_owned()),
                version: Set(latest.map_or(1, |l| l.version + 1)),
                is_sample: Set(false),
                frozen: Set(false),
                set_json: Set(stored),
                created_at: Set(crate::clock::now()),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    Ok(saved.id)
}
