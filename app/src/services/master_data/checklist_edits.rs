//! The dossier checklist as editable master data: the province and administrators add an item,
//! change one (its names, whether it is mandatory, the groups it is asked of) or retire one.
//! Changes apply from the day after they are saved (a dossier started earlier the same day
//! keeps the checklist it was started with), never backdated. A dossier is checked against the checklist as it stood the day the dossier was
//! started (`checklist_on`), so a change never moves the goalposts of a dossier under way and
//! documents filed under a retired item stay where they were.
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use crate::auth::Actor;
use crate::domain::audit_action::AuditAction;
use crate::domain::audit_details::Value;
use crate::domain::checklist::applies_to;
use crate::domain::reason::Reason;
use crate::entities::{dossier_checklist_item as item, product_group};
use crate::models::master_data::editing::{
    ChecklistItemInput, MAX_NAME_CHARS, MasterKind, RetireInput, VersionFields,
};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::input::Problems;
use crate::services::master_data::unit_edits::{may_edit, only_last_day};
use crate::services::master_data::units::CURRENT_GROUP_SCHEME as SCHEME;
use crate::services::master_data::versions::{self, Earlier, in_force_on, today};

/// The checklist of a product of `group_code` as it stood on `day`, in order: the items in
/// force then, each as it read then.
///
/// # Errors
/// A database error.
pub(crate) async fn checklist_on(
    db: &impl ConnectionTrait,
    group_code: &str,
    day: NaiveDate,
) -> Result<Vec<item::Model>, ServiceError> {
    let earlier = versions::of_kind(db, MasterKind::Checklist).await?;
    Ok(item::Entity::find()
        .filter(item::Column::Scheme.eq(SCHEME))
        .order_by_asc(item::Column::Sort)
        .order_by_asc(item::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|i| in_force_on(i.valid_from, i.valid_to, day))
        .map(|mut i| {
            let then = earlier
                .get(&i.code)
                .and_then(|vs| versions::fields_on(vs, day));
            if let Some(then) = then {
                i.name_vi = then.name_vi;
                i.name_en = then.name_en;
                i.mandatory = then.mandatory;
                i.groups = then.groups;
            }
            i
        })
        .filter(|i| applies_to(&i.groups, group_code))
        .collect())
}

/// The first day a change saved today applies.
fn tomorrow() -> NaiveDate {
    today().succ_opt().unwrap_or(today())
}

/// Top-level group codes separated by spaces, each one of the scheme's ("I II"); empty for all.
async fn check_groups(
    db: &impl ConnectionTrait,
    problems: &mut Problems,
    groups: &str,
) -> Result<String, ServiceError> {
    let tops: Vec<String> = product_group::Entity::find()
        .filter(product_group::Column::Scheme.eq(SCHEME))
        .filter(product_group::Column::ParentCode.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.code)
        .collect();
    let listed: Vec<&str> = groups.split_whitespace().collect();
    if listed.len() > tops.len() || listed.iter().any(|g| !tops.iter().any(|t| t == g)) {
        problems.add("groups", Reason::GroupCodes);
    }
    Ok(listed.join(" "))
}

fn entry(actor: &Actor, action: AuditAction, i: &item::Model) -> Entry<'static> {
    Entry {
        actor_user_id: actor.user_id(),
        action,
        target_type: "dossier_checklist_item",
        target_id: Some(i.code.clone()),
        summary: format!(
            "{} ({})",
            i.code,
            if i.mandatory {
                "mandatory"
            } else {
                "supporting"
            }
        ),
        ip: None,
        details: Default::default(),
    }
    .with("item", Value::both(&i.name_vi, &i.name_en))
}

/// Adds an item (`input.is_new`) or changes one, from tomorrow, keeping what it said before
/// (changed again before then: the pending version is corrected).
///
/// # Errors
/// `Denied` unless the province or an administrator; `NotFound`; `Conflict(AlreadyRetired)`;
/// `Problems` for the code (new: lowercase letters, digits, underscores, not taken), the
/// names, the groups and the date; `Conflict(NothingChanged)`.
pub async fn save_item(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &ChecklistItemInput,
) -> Result<(), ServiceError> {
    may_edit(actor)?;
    let txn = db.begin().await?;
    let code = input.code.trim();
    let existing = item::Entity::find()
        .filter(item::Column::Scheme.eq(SCHEME))
        .filter(item::Column::Code.eq(code))
        .one(&txn)
        .await?;
    let mut problems = Problems::default();
    let (name_vi, name_en) = (input.name_vi.trim(), input.name_en.trim());
    for (field, name) in [("name_vi", name_vi), ("name_en", name_en)] {
        if name.is_empty() {
            problems.add(field, Reason::Required);
        } else if name.chars().count() > MAX_NAME_CHARS {
            problems.add(field, Reason::TooLong);
        }
    }
    let groups = check_groups(&txn, &mut problems, &input.groups).await?;
    let saved = if input.is_new {
        let code_ok = !code.is_empty()
            && code.len() <= 40
            && code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !code_ok {
            problems.add("code", Reason::ItemCode);
        } else if existing.is_some() {
            problems.add("code", Reason::CodeTaken);
        }
        problems.finish()?;
        let last_sort = item::Entity::find()
            .filter(item::Column::Scheme.eq(SCHEME))
            .order_by_desc(item::Column::Sort)
            .one(&txn)
            .await?
            .map_or(0, |i| i.sort);
        item::ActiveModel {
            scheme: Set(SCHEME.to_owned()),
            code: Set(code.to_owned()),
            name_vi: Set(name_vi.to_owned()),
            name_en: Set(name_en.to_owned()),
            mandatory: Set(input.mandatory),
            groups: Set(groups),
            sort: Set(last_sort.saturating_add(1)),
            valid_from: Set(Some(tomorrow())),
            valid_to: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?
    } else {
        let old = existing.ok_or(ServiceError::NotFound)?;
        if old.valid_to.is_some() {
            return Err(ServiceError::Conflict(Reason::AlreadyRetired));
        }
        let start =
            versions::start_of_current(&txn, MasterKind::Checklist, &old.code, old.valid_from)
                .await?;
        problems.finish()?;
        let same = old.name_vi == name_vi
            && old.name_en == name_en
            && old.mandatory == input.mandatory
            && old.groups == groups;
        if same {
            return Err(ServiceError::Conflict(Reason::NothingChanged));
        }
        // Changed again before the last change applies: that pending version is corrected.
        if start != Some(tomorrow()) {
            let earlier = Earlier {
                kind: MasterKind::Checklist,
                scheme: SCHEME,
                code,
                fields: VersionFields {
                    name_vi: old.name_vi.clone(),
                    name_en: old.name_en.clone(),
                    mandatory: old.mandatory,
                    groups: old.groups.clone(),
                    ..Default::default()
                },
                valid_from: start,
                valid_to: today(),
            };
            versions::keep(&txn, actor, earlier).await?;
        }
        let mut row: item::ActiveModel = old.into();
        row.name_vi = Set(name_vi.to_owned());
        row.name_en = Set(name_en.to_owned());
        row.mandatory = Set(input.mandatory);
        row.groups = Set(groups);
        row.update(&txn).await?
    };
    audit::append(
        &txn,
        entry(actor, AuditAction::MasterChecklistSave, &saved)
            .with("from", crate::domain::dates::date(tomorrow())),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Retires an item after `last_day`: dossiers started later no longer carry it.
///
/// # Errors
/// `Denied` as `save_item`; `NotFound`; `Conflict(AlreadyRetired)`; `Problems` for the date
/// (not before today: dossiers started until now carry the item).
pub async fn retire_item(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &RetireInput,
) -> Result<(), ServiceError> {
    may_edit(actor)?;
    let txn = db.begin().await?;
    let old = item::Entity::find()
        .filter(item::Column::Scheme.eq(SCHEME))
        .filter(item::Column::Code.eq(input.code.trim()))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if old.valid_to.is_some() {
        return Err(ServiceError::Conflict(Reason::AlreadyRetired));
    }
    let last = only_last_day(&input.last_day, old.valid_from.max(Some(today())))?;
    let mut row: item::ActiveModel = old.into();
    row.valid_to = Set(Some(last));
    let saved = row.update(&txn).await?;
    audit::append(
        &txn,
        entry(actor, AuditAction::MasterChecklistRetire, &saved)
            .with("last_day", crate::domain::dates::date(last)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
