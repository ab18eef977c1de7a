//! Criteria sets (versioned master data): listing them, reading one with its validation, and
//! saving an edited or imported set (JSON): in place while no round uses the latest version,
//! as a new version once it is frozen.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::scoring::{self, CriteriaSet};
use crate::entities::{criteria_set, product_group};
use crate::models::criteria::{CriteriaSetRow, CriteriaSetView};
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
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 300 {
        return Err(invalid("name", "required"));
    }
    let group_code = group_code.trim();
    if !group_names(db).await?.contains_key(group_code) {
        return Err(invalid("group_code", "unknown_group"));
    }
    let set: CriteriaSet = serde_json::from_str(json).map_err(|_| invalid("json", "unreadable"))?;
    if let Some(problem) = scoring::validate(&set).first() {
        return Err(invalid(
            "json",
            match problem {
                scoring::SetProblem::PartSum(..) => "part_sum",
                scoring::SetProblem::DuplicateCode(_) => "duplicate_code",
                scoring::SetProblem::TooFewOptions(_) => "too_few_options",
                scoring::SetProblem::BadLevel(_) => "bad_level",
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
                created_at: Set(chrono::Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    Ok(saved.id)
}
