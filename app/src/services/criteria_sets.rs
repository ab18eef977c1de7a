//! Criteria sets (versioned master data): listing them and reading one with its validation.
//! Editing and XLSX import/export come with the evaluation rounds.
use std::collections::HashMap;

use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::scoring::{self, CriteriaSet};
use crate::entities::{criteria_set, product_group};
use crate::models::criteria::{CriteriaSetRow, CriteriaSetView};
use crate::services::ServiceError;

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
