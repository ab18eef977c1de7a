//! Product groups as editable master data — administrators only, since the groups follow the
//! national decision (148/QĐ-TTg): add a sub-group, rename one from a date, retire one. A
//! retired group is no longer offered for new products; products filed under it keep it.
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, TransactionTrait,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::audit_action::AuditAction;
use crate::domain::audit_details::Value;
use crate::domain::reason::Reason;
use crate::entities::product_group as group;
use crate::models::master_data::editing::{
    MAX_NAME_CHARS, MasterKind, NewGroupInput, RenameGroupInput, RetireInput, VersionFields,
};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::input::Problems;
use crate::services::master_data::unit_edits::{only_last_day, start_date, version_date};
use crate::services::master_data::units::CURRENT_GROUP_SCHEME as SCHEME;
use crate::services::master_data::versions::{self, Earlier};

fn may_edit(actor: &Actor) -> Result<(), ServiceError> {
    allowed(actor, Action::ManageProductGroups, Resource::Nothing).map_err(ServiceError::Denied)
}

fn check_names(problems: &mut Problems, name_vi: &str, name_en: &str) {
    for (field, name) in [("name_vi", name_vi), ("name_en", name_en)] {
        if name.is_empty() {
            problems.add(field, Reason::Required);
        } else if name.chars().count() > MAX_NAME_CHARS {
            problems.add(field, Reason::TooLong);
        }
    }
}

/// The group of the current scheme with this code, still in use.
async fn in_use(db: &impl ConnectionTrait, code: &str) -> Result<group::Model, ServiceError> {
    let g = group::Entity::find()
        .filter(group::Column::Scheme.eq(SCHEME))
        .filter(group::Column::Code.eq(code.trim()))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    // Retired, or set to retire: no further change.
    if g.valid_to.is_some() {
        return Err(ServiceError::Conflict(Reason::AlreadyRetired));
    }
    Ok(g)
}

fn entry(actor: &Actor, action: AuditAction, g: &group::Model) -> Entry<'static> {
    Entry {
        actor_user_id: actor.user_id(),
        action,
        target_type: "product_group",
        target_id: Some(g.code.clone()),
        summary: format!("{} {}", g.code, g.name_vi),
        ip: None,
        details: Default::default(),
    }
    .with("code", g.code.as_str())
    .with("group", Value::both(&g.name_vi, &g.name_en))
}

/// Whether `code` is `parent`, a dot, and one part of letters or digits (at most 4); 20
/// characters in all at most.
fn code_under(parent: &str, code: &str) -> bool {
    code.len() <= 20
        && code
            .strip_prefix(parent)
            .and_then(|rest| rest.strip_prefix('.'))
            .is_some_and(|part| {
                !part.is_empty()
                    && part.len() <= 4
                    && part.chars().all(|c| c.is_ascii_alphanumeric())
            })
}

/// Adds a sub-group under a group in use.
///
/// # Errors
/// `Denied` unless an administrator; `Problems` for an unknown parent, a code that is not the
/// parent's code and one more part, a code taken, the names and the start date.
pub async fn add_group(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &NewGroupInput,
) -> Result<(), ServiceError> {
    may_edit(actor)?;
    let txn = db.begin().await?;
    let mut problems = Problems::default();
    let parent = in_use(&txn, &input.parent_code).await.ok();
    let code = input.code.trim();
    match &parent {
        None => problems.add("parent_code", Reason::UnknownGroup),
        Some(p) if !code_under(&p.code, code) => problems.add("code", Reason::GroupCodeUnder),
        Some(_) => {}
    }
    let taken = group::Entity::find()
        .filter(group::Column::Scheme.eq(SCHEME))
        .filter(group::Column::Code.eq(code))
        .one(&txn)
        .await?
        .is_some();
    if taken {
        problems.add("code", Reason::CodeTaken);
    }
    let (name_vi, name_en) = (input.name_vi.trim(), input.name_en.trim());
    check_names(&mut problems, name_vi, name_en);
    let from = start_date(&mut problems, "valid_from", &input.valid_from);
    problems.finish()?;
    let g = group::ActiveModel {
        scheme: Set(SCHEME.to_owned()),
        code: Set(code.to_owned()),
        name_vi: Set(name_vi.to_owned()),
        name_en: Set(name_en.to_owned()),
        parent_code: Set(parent.as_ref().map(|p| p.code.clone())),
        lead_ministry: Set(parent.and_then(|p| p.lead_ministry)),
        valid_from: Set(from),
        valid_to: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::append(&txn, entry(actor, AuditAction::MasterGroupAdd, &g)).await?;
    txn.commit().await?;
    Ok(())
}

/// Renames a group from `input.from`, keeping the earlier names with their dates.
///
/// # Errors
/// `Denied` as `add_group`; `NotFound`; `Conflict(AlreadyRetired)`; `Problems` for the names
/// and the date; `Conflict(NothingChanged)`.
pub async fn rename_group(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &RenameGroupInput,
) -> Result<(), ServiceError> {
    may_edit(actor)?;
    let txn = db.begin().await?;
    let g = in_use(&txn, &input.code).await?;
    let start = versions::start_of_current(&txn, MasterKind::Group, &g.code, g.valid_from).await?;
    let mut problems = Problems::default();
    let (name_vi, name_en) = (input.name_vi.trim(), input.name_en.trim());
    check_names(&mut problems, name_vi, name_en);
    let from = version_date(&mut problems, &input.from, start);
    problems.finish()?;
    let Some(from) = from else {
        return Err(ServiceError::Conflict(Reason::VersionDate));
    };
    if name_vi == g.name_vi && name_en == g.name_en {
        return Err(ServiceError::Conflict(Reason::NothingChanged));
    }
    // From the day the current names began: a correction of them, no earlier version.
    if start != Some(from) {
        let earlier = Earlier {
            kind: MasterKind::Group,
            scheme: SCHEME,
            code: &g.code,
            fields: VersionFields {
                name_vi: g.name_vi.clone(),
                name_en: g.name_en.clone(),
                ..Default::default()
            },
            valid_from: start,
            valid_to: from.pred_opt().unwrap_or(from),
        };
        versions::keep(&txn, actor, earlier).await?;
    }
    let mut row: group::ActiveModel = g.into();
    row.name_vi = Set(name_vi.to_owned());
    row.name_en = Set(name_en.to_owned());
    let g = row.update(&txn).await?;
    audit::append(
        &txn,
        entry(actor, AuditAction::MasterGroupRename, &g)
            .with("from", crate::domain::dates::date(from)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Retires a group after `last_day`; its sub-groups must be retired first.
///
/// # Errors
/// `Denied` as `add_group`; `NotFound`; `Conflict(AlreadyRetired)`;
/// `Conflict(HasActiveChildren)`; `Problems` for the date.
pub async fn retire_group(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &RetireInput,
) -> Result<(), ServiceError> {
    may_edit(actor)?;
    let txn = db.begin().await?;
    let g = in_use(&txn, &input.code).await?;
    // Not before its current names began: the kept versions never overlap.
    let start = versions::start_of_current(&txn, MasterKind::Group, &g.code, g.valid_from).await?;
    let last = only_last_day(&input.last_day, start)?;
    let children_in_use = group::Entity::find()
        .filter(group::Column::Scheme.eq(SCHEME))
        .filter(group::Column::ParentCode.eq(&g.code))
        .all(&txn)
        .await?
        .into_iter()
        .any(|c| c.valid_to.is_none_or(|to| to > last));
    if children_in_use {
        return Err(ServiceError::Conflict(Reason::HasActiveChildren));
    }
    let mut row: group::ActiveModel = g.into();
    row.valid_to = Set(Some(last));
    let g = row.update(&txn).await?;
    audit::append(
        &txn,
        entry(actor, AuditAction::MasterGroupRetire, &g)
            .with("last_day", crate::domain::dates::date(last)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::code_under;

    #[test]
    fn a_sub_group_code_is_its_parents_and_one_part() {
        assert!(code_under("I.1", "I.1.e"));
        assert!(code_under("II", "II.3"));
        assert!(!code_under("I.1", "I.1"));
        assert!(!code_under("I.1", "I.1."));
        assert!(!code_under("I.1", "I.2.a"));
        assert!(!code_under("I.1", "I.1.a.b"));
        assert!(!code_under("I.1", "I.10"));
        assert!(!code_under("I.1", "I.1.toolong"));
    }
}
