//! The label checklist as master data: read by the label check, edited by the province and
//! administrators (`/admin/label-checklist`) when a decree changes what a label must carry.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::label::{CheckKind, ChecklistItem};
use crate::entities::label_checklist_item as row;
use crate::models::traceability::labels::{ChecklistRow, ChecklistRowInput};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::input::invalid;

/// An active item with its legal basis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveItem {
    pub item: ChecklistItem,
    pub basis: String,
}

/// The item as the rules see it; `None` for an unknown check kind (never written: `save_row`
/// refuses it).
pub fn item_of(r: &row::Model) -> Option<ChecklistItem> {
    Some(ChecklistItem {
        code: r.code.clone(),
        name_vi: r.name_vi.clone(),
        name_en: r.name_en.clone(),
        groups: r.groups.clone(),
        required: r.required,
        check: CheckKind::parse(&r.check_kind)?,
    })
}

/// The active items in checklist order.
///
/// # Errors
/// A database error.
pub async fn active(db: &impl ConnectionTrait) -> Result<Vec<ActiveItem>, ServiceError> {
    Ok(row::Entity::find()
        .filter(row::Column::Active.eq(true))
        .order_by_asc(row::Column::Sort)
        .order_by_asc(row::Column::Id)
        .all(db)
        .await?
        .iter()
        .filter_map(|r| {
            item_of(r).map(|item| ActiveItem {
                item,
                basis: r.basis.clone(),
            })
        })
        .collect())
}

/// Every row, retired ones too, for the master-data page.
///
/// # Errors
/// `Denied` for anyone but the province and administrators.
pub async fn rows(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<ChecklistRow>, ServiceError> {
    allowed(actor, Action::ManageMasterData, Resource::Nothing).map_err(ServiceError::Denied)?;
    Ok(row::Entity::find()
        .order_by_asc(row::Column::Sort)
        .order_by_asc(row::Column::Id)
        .all(db)
        .await?
        .iter()
        .filter_map(|r| {
            item_of(r).map(|item| ChecklistRow {
                id: r.id,
                item,
                sort: r.sort,
                basis: r.basis.clone(),
                active: r.active,
            })
        })
        .collect())
}

/// Adds (`id` none) or changes a row; returns its id. A row's code never changes once saved
/// (label contents are keyed by it).
///
/// # Errors
/// `Denied` as `rows`; `NotFound`; `Invalid` for an empty name, a malformed code or group
/// list, an unknown check or a sort that is not a number; `Conflict(Reason::CodeTaken)`.
pub async fn save_row(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Option<i32>,
    input: ChecklistRowInput,
) -> Result<i32, ServiceError> {
    allowed(actor, Action::ManageMasterData, Resource::Nothing).map_err(ServiceError::Denied)?;
    let name_vi = input.name_vi.trim().to_owned();
    let name_en = input.name_en.trim().to_owned();
    if name_vi.is_empty() {
        return Err(invalid("name_vi", Reason::Required));
    }
    if name_en.is_empty() {
        return Err(invalid("name_en", Reason::Required));
    }
    let groups = input
        .groups
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let group_code_ok = |g: &str| {
        g.split('.').all(|part| {
            !part.is_empty() && part.len() <= 4 && part.chars().all(|c| c.is_ascii_alphanumeric())
        })
    };
    if !groups
        .split(' ')
        .filter(|g| !g.is_empty())
        .all(group_code_ok)
    {
        return Err(invalid("groups", Reason::GroupCodes));
    }
    let check =
        CheckKind::parse(input.check.trim()).ok_or_else(|| invalid("check", Reason::Invalid))?;
    let sort: i32 = input
        .sort
        .trim()
        .parse()
        .map_err(|_| invalid("sort", Reason::Number))?;
    let txn = db.begin().await?;
    let saved = match id {
        Some(id) => {
            let old = row::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(ServiceError::NotFound)?;
            let mut r: row::ActiveModel = old.into();
            r.name_vi = Set(name_vi);
            r.name_en = Set(name_en);
            r.groups = Set(groups);
            r.required = Set(input.required);
            r.check_kind = Set(check.as_str().to_owned());
            r.sort = Set(sort);
            r.basis = Set(input.basis.trim().to_owned());
            r.active = Set(input.active);
            r.update(&txn).await?
        }
        None => {
            let code = input.code.trim().to_owned();
            let code_ok = !code.is_empty()
                && code.len() <= 40
                && code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !code_ok {
                return Err(invalid("code", Reason::ItemCode));
            }
            let taken = row::Entity::find()
                .filter(row::Column::Code.eq(&code))
                .one(&txn)
                .await?
                .is_some();
            if taken {
                return Err(invalid("code", Reason::CodeTaken));
            }
            row::ActiveModel {
                code: Set(code),
                name_vi: Set(name_vi),
                name_en: Set(name_en),
                groups: Set(groups),
                required: Set(input.required),
                check_kind: Set(check.as_str().to_owned()),
                sort: Set(sort),
                basis: Set(input.basis.trim().to_owned()),
                active: Set(true),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    audit::append(
        &txn,
        Entry {
            actor_user_id: actor.user_id(),
            action: AuditAction::LabelChecklistSave,
            target_type: "label_checklist_item",
            target_id: Some(saved.id.to_string()),
            summary: format!(
                "{} ({}, {}{})",
                saved.code,
                saved.groups,
                saved.check_kind,
                if saved.active { "" } else { ", retired" }
            ),
            ip: None,
            details: Default::default(),
        }
        .with(
            "item",
            crate::domain::audit_details::Value::both(&saved.name_vi, &saved.name_en),
        )
        .with(
            "retired",
            if saved.active {
                crate::domain::audit_details::Value::Same(String::new())
            } else {
                crate::domain::audit_details::yes_no(true)
            },
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(saved.id)
}
