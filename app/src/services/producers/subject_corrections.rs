//! Officials' corrections to a subject (chủ thể), each audited with its reason: its commune's
//! officers and the province set it inactive (it stopped trading, merged, or was registered
//! twice) and active again; the province moves it to another commune (after a merger, say),
//! taking along its products, its members' accounts and its dossiers still at the commune —
//! dossiers already at the province and certificates keep the commune of their time. The
//! subject's history lists these and the profile corrections.
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};

use crate::auth::{Action, Actor, Role};
use crate::domain::audit_action::AuditAction;
use crate::domain::dossier::DossierState;
use crate::domain::reason::Reason;
use crate::domain::status::SubjectStatus;
use crate::entities::{admin_unit, audit_log, dossier, product, subject, user_account};
use crate::models::dossiers::HistoryEntry;
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::guards::subject_for;
use crate::services::input::invalid;

/// Lines of a subject's history shown (the audit log keeps them all).
const HISTORY_LINES: u64 = 50;

/// Dossiers the commune still handles: they follow a subject to its new commune.
const AT_THE_COMMUNE: [DossierState; 5] = [
    DossierState::Draft,
    DossierState::Submitted,
    DossierState::Returned,
    DossierState::Resubmitted,
    DossierState::Checked,
];

/// The reason an official gives, required and at most 500 characters.
fn reason_given(reason: &str) -> Result<String, ServiceError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(invalid("reason", Reason::Required));
    }
    if reason.chars().count() > 500 {
        return Err(invalid("reason", Reason::TooLong));
    }
    Ok(reason.to_owned())
}

/// Sets an active subject inactive (`active == false`) or an inactive one active again, if the
/// page was loaded from the subject's current `version`.
///
/// # Errors
/// `Denied` unless an officer of its commune or provincial; `NotFound`; `Invalid` for no
/// reason; `Conflict(SubjectState)` for a pending or rejected subject or one already so;
/// `Conflict(ChangedMeanwhile)` for a stale page.
pub async fn set_active(
    db: &DatabaseConnection,
    actor: &Actor,
    subject_id: i32,
    version: i32,
    active: bool,
    reason: &str,
) -> Result<(), ServiceError> {
    let s = subject_for(db, actor, Action::CorrectSubject, subject_id).await?;
    let reason = reason_given(reason)?;
    let (from, to, action) = if active {
        (
            SubjectStatus::Inactive,
            SubjectStatus::Active,
            AuditAction::SubjectReactivate,
        )
    } else {
        (
            SubjectStatus::Active,
            SubjectStatus::Inactive,
            AuditAction::SubjectDeactivate,
        )
    };
    if s.status != from {
        return Err(ServiceError::Conflict(Reason::SubjectState));
    }
    let txn = db.begin().await?;
    let updated = subject::Entity::update_many()
        .col_expr(subject::Column::Status, Expr::value(to))
        .col_expr(subject::Column::Version, (version + 1).into())
        .filter(subject::Column::Id.eq(s.id))
        .filter(subject::Column::Version.eq(version))
        .filter(subject::Column::Status.eq(from))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    audit::append(
        &txn,
        Entry {
            actor_user_id: actor.user_id(),
            action,
            target_type: "subject",
            target_id: Some(s.id.to_string()),
            summary: format!("{}: {reason}", s.name),
            ip: None,
            details: Default::default(),
        }
        .with("name", &s.name)
        .with("reason", &reason),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a subject to the commune `to` (in force today), with its products that were in the
/// old commune, its members' accounts and its dossiers still at the commune; returns how many
/// products and dossiers moved.
///
/// # Errors
/// `Denied` unless provincial; `NotFound`; `Invalid` naming "commune_code" (unknown, retired
/// or the same) or "reason"; `Conflict(ChangedMeanwhile)` for a stale page.
pub async fn move_to_commune(
    db: &DatabaseConnection,
    actor: &Actor,
    subject_id: i32,
    version: i32,
    to: &str,
    reason: &str,
) -> Result<(u64, u64), ServiceError> {
    let s = subject_for(db, actor, Action::MoveSubject, subject_id).await?;
    let to = to.trim();
    let target = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(to))
        .filter(admin_unit::Column::Level.eq("commune"))
        .filter(crate::services::master_data::units::unit_in_force_today())
        .one(db)
        .await?
        .ok_or(invalid("commune_code", Reason::UnknownCommune))?;
    if target.code == s.commune_code {
        return Err(invalid("commune_code", Reason::SameCommune));
    }
    let reason = reason_given(reason)?;
    let from_name = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(s.commune_code.as_str()))
        .one(db)
        .await?
        .map(|u| u.name)
        .unwrap_or_else(|| s.commune_code.clone());
    let txn = db.begin().await?;
    let updated = subject::Entity::update_many()
        .col_expr(subject::Column::CommuneCode, target.code.clone().into())
        .col_expr(subject::Column::Version, (version + 1).into())
        .filter(subject::Column::Id.eq(s.id))
        .filter(subject::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    let products = product::Entity::update_many()
        .col_expr(product::Column::CommuneCode, target.code.clone().into())
        .col_expr(
            product::Column::Version,
            Expr::col(product::Column::Version).add(1),
        )
        .filter(product::Column::SubjectId.eq(s.id))
        .filter(product::Column::CommuneCode.eq(s.commune_code.as_str()))
        .exec(&txn)
        .await?
        .rows_affected;
    let dossiers = dossier::Entity::update_many()
        .col_expr(dossier::Column::CommuneCode, target.code.clone().into())
        .filter(dossier::Column::SubjectId.eq(s.id))
        .filter(dossier::Column::State.is_in(AT_THE_COMMUNE))
        .exec(&txn)
        .await?
        .rows_affected;
    // Its inspections go to the new commune's officers, as its dossiers do: those still open
    // are theirs to follow, and the history is read where the subject now is.
    crate::entities::inspection::Entity::update_many()
        .col_expr(
            crate::entities::inspection::Column::CommuneCode,
            target.code.clone().into(),
        )
        .filter(crate::entities::inspection::Column::SubjectId.eq(s.id))
        .exec(&txn)
        .await?;
    user_account::Entity::update_many()
        .col_expr(
            user_account::Column::CommuneCode,
            Some(target.code.clone()).into(),
        )
        .filter(user_account::Column::SubjectId.eq(s.id))
        .filter(user_account::Column::Role.eq(Role::Producer))
        .exec(&txn)
        .await?;
    audit::append(
        &txn,
        Entry {
            actor_user_id: actor.user_id(),
            action: AuditAction::SubjectMove,
            target_type: "subject",
            target_id: Some(s.id.to_string()),
            summary: format!("{}: {from_name} → {}: {reason}", s.name, target.name),
            ip: None,
            details: Default::default(),
        }
        .with("name", &s.name)
        .with("from", &from_name)
        .with("to", &target.name)
        .with("from_code", &s.commune_code)
        .with("to_code", &target.code)
        .with("products", products.to_string())
        .with("dossiers", dossiers.to_string())
        .with("reason", &reason),
    )
    .await?;
    txn.commit().await?;
    Ok((products, dossiers))
}

/// What was done to a subject's record, newest first: profile saves, corrections, moves.
///
/// # Errors
/// `Denied` unless an officer of its commune or provincial; `NotFound`.
pub async fn history(
    db: &DatabaseConnection,
    actor: &Actor,
    subject_id: i32,
) -> Result<Vec<HistoryEntry>, ServiceError> {
    let s = subject_for(db, actor, Action::CorrectSubject, subject_id).await?;
    let entries = audit_log::Entity::find()
        .filter(audit_log::Column::TargetType.eq("subject"))
        .filter(audit_log::Column::TargetId.eq(s.id.to_string()))
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .limit(HISTORY_LINES)
        .all(db)
        .await?;
    let names = crate::services::audit::actor_names(db, &entries).await?;
    Ok(entries
        .iter()
        .map(|e| HistoryEntry {
            at: crate::domain::dates::time(e.at),
            action: e.action.clone(),
            actor_name: e
                .actor_user_id
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_default(),
            sentence: audit::sentence_of(e),
        })
        .collect())
}
