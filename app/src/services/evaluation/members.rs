//! A round's people: the provincial officer adds council and advisory members (optionally a
//! sub-council of one product group) and removes those without sheets; members declare
//! conflicts of interest on dossiers.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::status::AccountStatus;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, TransactionTrait,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::round::{Panel, Phase};
use crate::entities::{round_conflict, round_member, user_account};
use crate::services::ServiceError;
use crate::services::audit;
use crate::services::evaluation::rounds::{bump_version, entry};
use crate::services::evaluation::{round_changes, round_data};
use crate::services::guards::manage_rounds;
use crate::services::input::invalid;

/// Adds an active council or advisory account to the round (the panel follows the role),
/// optionally as a sub-council of one product group. Only before deliberation.
///
/// # Errors
/// `Denied`; `NotFound`; `Invalid("member", "not_an_evaluator")`; `Conflict(Reason::Phase)`.
pub async fn add_member(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i32,
    user_id: i32,
    group_code: Option<String>,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    let by = manage_rounds(actor)?;
    let data = round_data::load(db, round_id).await?;
    if data.phase >= Phase::Deliberation {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    let user = user_account::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let panel = match user.role.as_str() {
        "council_member" => Panel::Council,
        "advisory_member" => Panel::Advisory,
        _ => return Err(invalid("member", Reason::NotAnEvaluator)),
    };
    if user.status != AccountStatus::Active {
        return Err(invalid("member", Reason::NotAnEvaluator));
    }
    if data.member(user_id).is_some() {
        return Ok(());
    }
    let group_code = group_code.filter(|g| !g.trim().is_empty());
    if group_code
        .as_deref()
        .is_some_and(|g| !crate::domain::product_group::is_top_group(g))
    {
        return Err(invalid("group_code", Reason::UnknownGroup));
    }
    let txn = db.begin().await?;
    round_member::ActiveModel {
        round_id: Set(round_id),
        user_id: Set(user_id),
        panel: Set(panel.as_str().to_owned()),
        group_code: Set(group_code),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    bump_version(&txn, round_id).await?;
    let change = round_changes::members(&data, Some(&user.full_name), None);
    let (before, after) = round_changes::member_lists(&data, Some(&user.full_name), None);
    audit::append(
        &txn,
        audit::Entry {
            ip,
            ..entry(by, AuditAction::RoundAddMember, round_id, change)
        }
        .with("name", &user.full_name)
        .with("before", before)
        .with("after", after),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Removes a member who has no sheet yet, in preparation only.
///
/// # Errors
/// `Denied`; `NotFound`; `Conflict(Reason::Phase)` or `Conflict(Reason::HasSheets)`.
pub async fn remove_member(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i32,
    user_id: i32,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    let by = manage_rounds(actor)?;
    let data = round_data::load(db, round_id).await?;
    let member = data.member(user_id).ok_or(ServiceError::NotFound)?;
    if data.phase != Phase::Preparation {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    if data.sheets.iter().any(|s| s.user_id == user_id) {
        return Err(ServiceError::Conflict(Reason::HasSheets));
    }
    let txn = db.begin().await?;
    round_member::Entity::delete_by_id(member.id)
        .exec(&txn)
        .await?;
    bump_version(&txn, round_id).await?;
    let change = round_changes::members(&data, None, Some(user_id));
    let (before, after) = round_changes::member_lists(&data, None, Some(user_id));
    audit::append(
        &txn,
        audit::Entry {
            ip,
            ..entry(by, AuditAction::RoundRemoveMember, round_id, change)
        }
        .with("name", data.user_name(user_id))
        .with("before", before)
        .with("after", after),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A member declares a conflict of interest on a dossier of the round (they may no longer
/// score it; a draft they had stays, unused) — only before submitting a sheet for it and before
/// deliberation: a member cannot take back a score once given. The round's version moves, so a
/// decision prepared before the declaration is refused.
///
/// # Errors
/// `Denied`; `NotFound` when not a member or the dossier is not in the round;
/// `Conflict(Reason::Phase)` from deliberation on; `Conflict(Reason::ScoredAlready)` after
/// submitting a sheet for the dossier; `Invalid("reason", "required")`.
pub async fn declare_conflict(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i32,
    dossier_id: i32,
    reason: &str,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    allowed(actor, Action::ScoreDossiers, Resource::Nothing).map_err(ServiceError::Denied)?;
    let me = actor.user_id().ok_or(ServiceError::NotFound)?;
    let data = round_data::load(db, round_id).await?;
    if data.member(me).is_none() || data.entry(dossier_id).is_none() {
        return Err(ServiceError::NotFound);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(invalid("reason", Reason::Required));
    }
    if data.declared.contains(&(dossier_id, me)) {
        return Ok(());
    }
    if data.phase >= Phase::Deliberation {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    if data
        .sheet(dossier_id, me)
        .is_some_and(|s| s.submitted_at.is_some())
    {
        return Err(ServiceError::Conflict(Reason::ScoredAlready));
    }
    let txn = db.begin().await?;
    round_conflict::ActiveModel {
        round_id: Set(round_id),
        dossier_id: Set(dossier_id),
        user_id: Set(me),
        reason: Set(reason.chars().take(1000).collect()),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    bump_version(&txn, round_id).await?;
    let declared_on = |with_me: bool| {
        let mut names: Vec<String> = data
            .declared
            .iter()
            .filter(|(dossier, _)| *dossier == dossier_id)
            .map(|(_, user)| data.user_name(*user))
            .collect();
        names.sort();
        if with_me {
            names.push(data.user_name(me));
        }
        names
    };
    let change = format!(
        "conflicts on dossier {dossier_id}: {} → {}",
        round_changes::listed(&declared_on(false)),
        round_changes::listed(&declared_on(true))
    );
    audit::append(
        &txn,
        audit::Entry {
            ip,
            ..entry(me, AuditAction::RoundConflict, round_id, change)
        }
        .with("product", data.product_name(dossier_id))
        .with("before", round_changes::listed(&declared_on(false)))
        .with("after", round_changes::listed(&declared_on(true))),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
