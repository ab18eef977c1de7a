//! Evaluation rounds: the provincial officer creates a round, edits its settings, adds the
//! forwarded dossiers (each scored against its group's criteria set, which is then frozen) and
//! moves it through its phases; members list the rounds they sit on. Membership and conflicts
//! of interest are `round_members`, scoring `score_sheets`, results `round_results`, the
//! decision `round_decision`.
use crate::auth::Role;
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::status::AccountStatus;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::dossier::DossierState;
use crate::domain::round::{self, Phase, RoundInput};
use crate::domain::scoring::{self, CriteriaSet};
use crate::entities::{
    criteria_set, dossier, evaluation_round, product, product_group, round_dossier, round_member,
    user_account,
};
use crate::models::evaluation::rounds::{Choice, MemberRow, RoundDossierRow, RoundRow, RoundView};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::evaluation::round_data::{self, RoundData};
use crate::services::guards::manage_rounds;
use crate::services::input::invalid;

// Membership and conflicts of interest live in `round_members`; callers keep these paths.
pub use crate::services::evaluation::members::{add_member, declare_conflict, remove_member};

pub(crate) fn entry(
    actor: i32,
    action: AuditAction,
    round_id: i32,
    summary: String,
) -> Entry<'static> {
    Entry {
        actor_user_id: Some(actor),
        action,
        target_type: "evaluation_round",
        target_id: Some(round_id.to_string()),
        summary,
        ip: None,
        details: Default::default(),
    }
}

/// Creates a round in preparation.
///
/// # Errors
/// `Denied` for anyone but a provincial officer; `Invalid` for a wrong field.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &RoundInput,
) -> Result<i32, ServiceError> {
    let by = manage_rounds(actor)?;
    let s = round::parse_settings(input).map_err(|(f, r)| invalid(f, r))?;
    let txn = db.begin().await?;
    let created = evaluation_round::ActiveModel {
        name: Set(s.name.clone()),
        year: Set(s.year),
        level: Set("province".to_owned()),
        dossier_deadline: Set(s.dossier_deadline),
        scoring_from: Set(s.scoring_from),
        scoring_until: Set(s.scoring_until),
        phase: Set(Phase::Preparation),
        assigned_only: Set(s.assigned_only),
        others_visible: Set(s.others_visible.as_str().to_owned()),
        identity_hidden: Set(s.identity_hidden),
        aggregation: Set(s.aggregation.as_str().to_owned()),
        created_by: Set(by),
        created_at: Set(crate::clock::now()),
        version: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        entry(by, AuditAction::RoundCreate, created.id, s.name.clone()).with("round", s.name),
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Changes a round's settings (name, dates, switches, aggregation) until it is decided; the
/// phase and membership are changed by their own actions.
///
/// # Errors
/// `Denied` for anyone but a provincial officer; `NotFound`; `Conflict(Reason::Phase)` once decided,
/// `Conflict(Reason::ChangedMeanwhile)` when `version` is not the round's; `Invalid` for a wrong
/// field.
pub async fn update_settings(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i32,
    version: i32,
    input: &RoundInput,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    let by = manage_rounds(actor)?;
    let s = round::parse_settings(input).map_err(|(f, r)| invalid(f, r))?;
    let found = evaluation_round::Entity::find_by_id(round_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if found.phase == Phase::Decided {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    let txn = db.begin().await?;
    let updated = evaluation_round::Entity::update_many()
        .col_expr(evaluation_round::Column::Name, s.name.clone().into())
        .col_expr(evaluation_round::Column::Year, s.year.into())
        .col_expr(
            evaluation_round::Column::DossierDeadline,
            s.dossier_deadline.into(),
        )
        .col_expr(evaluation_round::Column::ScoringFrom, s.scoring_from.into())
        .col_expr(
            evaluation_round::Column::ScoringUntil,
            s.scoring_until.into(),
        )
        .col_expr(
            evaluation_round::Column::AssignedOnly,
            s.assigned_only.into(),
        )
        .col_expr(
            evaluation_round::Column::OthersVisible,
            s.others_visible.as_str().into(),
        )
        .col_expr(
            evaluation_round::Column::IdentityHidden,
            s.identity_hidden.into(),
        )
        .col_expr(
            evaluation_round::Column::Aggregation,
            s.aggregation.as_str().into(),
        )
        .col_expr(evaluation_round::Column::Version, (version + 1).into())
        .filter(evaluation_round::Column::Id.eq(round_id))
        .filter(evaluation_round::Column::Version.eq(version))
        .filter(evaluation_round::Column::Phase.ne(Phase::Decided))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    let change = crate::services::evaluation::round_changes::settings(&found, &s);
    let worded = crate::services::evaluation::round_changes::settings_worded(&found, &s);
    audit::append(
        &txn,
        audit::Entry {
            ip,
            ..entry(by, AuditAction::RoundSettings, round_id, change)
        }
        .with("round", &s.name)
        .with("changes", worded),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The rounds the actor works on: every round for the province, the rounds they sit on for a
/// member; newest first.
///
/// # Errors
/// `Denied` for anyone else.
pub async fn list(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<RoundRow>, ServiceError> {
    let query = evaluation_round::Entity::find().order_by_desc(evaluation_round::Column::Id);
    let rounds = if allowed(actor, Action::ManageRounds, Resource::Nothing).is_ok() {
        query.all(db).await?
    } else {
        allowed(actor, Action::ScoreDossiers, Resource::Nothing).map_err(ServiceError::Denied)?;
        let mine: Vec<i32> = round_member::Entity::find()
            .filter(round_member::Column::UserId.eq(actor.user_id()))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.round_id)
            .collect();
        query
            .filter(evaluation_round::Column::Id.is_in(mine))
            .all(db)
            .await?
    };
    let ids: Vec<i32> = rounds.iter().map(|r| r.id).collect();
    let members = round_member::Entity::find()
        .filter(round_member::Column::RoundId.is_in(ids.clone()))
        .all(db)
        .await?;
    let entries = round_dossier::Entity::find()
        .filter(round_dossier::Column::RoundId.is_in(ids))
        .all(db)
        .await?;
    Ok(rounds
        .into_iter()
        .map(|r| RoundRow {
            dossier_count: entries.iter().filter(|e| e.round_id == r.id).count(),
            member_count: members.iter().filter(|m| m.round_id == r.id).count(),
            id: r.id,
            name: r.name,
            year: r.year,
            phase: r.phase.as_str().to_owned(),
            decision_number: r.decision_number,
        })
        .collect())
}

/// Whether the actor may look at the round: its manager, or one of its members.
pub(crate) fn may_view(actor: &Actor, data: &RoundData) -> Result<bool, ServiceError> {
    if allowed(actor, Action::ManageRounds, Resource::Nothing).is_ok() {
        return Ok(true);
    }
    allowed(actor, Action::ScoreDossiers, Resource::Nothing).map_err(ServiceError::Denied)?;
    match actor.user_id().and_then(|id| data.member(id)) {
        Some(_) => Ok(false),
        None => Err(ServiceError::NotFound),
    }
}

/// A round with its members and dossiers; for a member only the dossiers they may see (the
/// assigned ones when the round says so), their own sheet's state, and no producer names when
/// the round hides them.
///
/// # Errors
/// `Denied` for those who neither run rounds nor score; `NotFound` for an unknown round or one
/// the member does not sit on.
pub async fn view(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> Result<RoundView, ServiceError> {
    let data = round_data::load(db, id).await?;
    let manages = may_view(actor, &data)?;
    let me = actor.user_id().unwrap_or_default();
    let r = &data.round;
    let dossiers = data
        .entries
        .iter()
        .filter_map(|e| {
            let standing = data.standing(me, e.dossier_id);
            if !manages && r.assigned_only && !standing.is_some_and(|s| s.assigned) {
                return None;
            }
            let expected = data.expected_council(e.dossier_id);
            let my_sheet = standing.map(|s| {
                let sheet = data.sheet(e.dossier_id, me);
                if !s.assigned {
                    "unassigned"
                } else if s.conflicted {
                    "conflict"
                } else if sheet.is_some_and(|s| s.submitted_at.is_some()) {
                    "submitted"
                } else if sheet.is_some() {
                    "draft"
                } else {
                    "none"
                }
                .to_owned()
            });
            Some(RoundDossierRow {
                dossier_id: e.dossier_id,
                product_name: data.product_name(e.dossier_id),
                subject_name: (manages || !r.identity_hidden)
                    .then(|| data.subject_name(e.dossier_id)),
                commune_name: data.commune_name(e.dossier_id),
                group_code: e.group_code.clone(),
                criteria_set_name: data
                    .sets
                    .get(&e.criteria_set_id)
                    .map(|s| format!("{} (v{})", s.name, s.version))
                    .unwrap_or_default(),
                submitted: data
                    .sheets
                    .iter()
                    .filter(|s| {
                        s.dossier_id == e.dossier_id
                            && s.submitted_at.is_some()
                            && expected.contains(&s.user_id)
                    })
                    .count(),
                expected: expected.len(),
                score: e.score.and_then(|s| u32::try_from(s).ok()),
                stars: e.stars.and_then(|s| u8::try_from(s).ok()),
                my_sheet,
                deferred: e.deferred(),
            })
        })
        .collect();
    let (waiting_dossiers, possible_members) = if manages && data.phase < Phase::Deliberation {
        (waiting(db).await?, candidates(db, &data).await?)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(RoundView {
        row: RoundRow {
            id: r.id,
            name: r.name.clone(),
            year: r.year,
            phase: r.phase.as_str().to_owned(),
            dossier_count: data.entries.len(),
            member_count: data.members.len(),
            decision_number: r.decision_number.clone(),
        },
        input: RoundInput {
            name: r.name.clone(),
            year: r.year.to_string(),
            dossier_deadline: r.dossier_deadline.to_string(),
            scoring_from: r.scoring_from.to_string(),
            scoring_until: r.scoring_until.to_string(),
            assigned_only: r.assigned_only,
            others_visible: r.others_visible.clone(),
            identity_hidden: r.identity_hidden,
            aggregation: r.aggregation.clone(),
        },
        version: r.version,
        decision_date: r.decision_date.map(|d| d.to_string()),
        decision_signer: r.decision_signer.clone(),
        members: data
            .members
            .iter()
            .map(|m| MemberRow {
                user_id: m.user_id,
                name: data.user_name(m.user_id),
                panel: m.panel.clone(),
                group_code: m.group_code.clone(),
            })
            .collect(),
        dossiers,
        waiting_dossiers,
        possible_members,
        manages,
    })
}

/// Forwarded dossiers not yet in a round.
async fn waiting(db: &DatabaseConnection) -> Result<Vec<Choice>, ServiceError> {
    let forwarded = dossier::Entity::find()
        .filter(dossier::Column::State.eq(DossierState::Forwarded))
        .order_by_asc(dossier::Column::Id)
        .all(db)
        .await?;
    let products: std::collections::HashMap<i32, String> = product::Entity::find()
        .filter(product::Column::Id.is_in(forwarded.iter().map(|d| d.product_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(forwarded
        .into_iter()
        .map(|d| Choice {
            id: d.id,
            label: products.get(&d.product_id).cloned().unwrap_or_default(),
        })
        .collect())
}

/// Active council and advisory accounts not yet members of the round.
async fn candidates(
    db: &DatabaseConnection,
    data: &RoundData,
) -> Result<Vec<Choice>, ServiceError> {
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Status.eq(AccountStatus::Active))
        .filter(user_account::Column::Role.is_in([Role::CouncilMember, Role::AdvisoryMember]))
        .order_by_asc(user_account::Column::FullName)
        .all(db)
        .await?
        .into_iter()
        .filter(|u| data.member(u.id).is_none())
        .map(|u| Choice {
            id: u.id,
            label: u.full_name,
        })
        .collect())
}

/// Brings forwarded dossiers into the round (they move to "in evaluation"), each with the
/// latest valid criteria set of its sub-group or else of its group, which is frozen from then
/// on. Before the council scores only.
///
/// # Errors
/// `Denied`; `NotFound`; `Conflict(Reason::Phase)`; `Conflict(Reason::ChangedMeanwhile)` for a dossier no
/// longer forwarded; `Invalid("dossiers", "no_criteria_set")` when a group has no valid set.
pub async fn add_dossiers(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i32,
    dossier_ids: &[i32],
) -> Result<usize, ServiceError> {
    let by = manage_rounds(actor)?;
    let data = round_data::load(db, round_id).await?;
    if data.phase >= Phase::Scoring {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    // Dossiers join until the round's deadline (the officer may move it: an audited change
    // of the round's settings).
    if crate::services::today_in_vietnam() > data.round.dossier_deadline {
        return Err(ServiceError::Conflict(Reason::DeadlinePassed));
    }
    let txn = db.begin().await?;
    let mut added = 0;
    for &id in dossier_ids {
        if data.entry(id).is_some() {
            continue;
        }
        let d = dossier::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if d.state != DossierState::Forwarded {
            return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
        }
        let (_, group) =
            crate::services::dossiers::filing::group_code_of(&txn, d.product_id).await?;
        let top = top_group(&txn, &group).await?;
        let set = criteria_set_for(&txn, &group, &top).await?;
        crate::services::dossiers::filing::bump(&txn, &d, d.version, |q| {
            q.col_expr(
                dossier::Column::State,
                Expr::value(DossierState::InEvaluation),
            )
        })
        .await?;
        round_dossier::ActiveModel {
            round_id: Set(round_id),
            dossier_id: Set(id),
            criteria_set_id: Set(set.id),
            group_code: Set(top),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if !set.frozen {
            criteria_set::Entity::update_many()
                .col_expr(criteria_set::Column::Frozen, true.into())
                .filter(criteria_set::Column::Id.eq(set.id))
                .exec(&txn)
                .await?;
        }
        added += 1;
    }
    audit::append(
        &txn,
        entry(
            by,
            AuditAction::RoundAddDossiers,
            round_id,
            format!("{added}"),
        )
        .with("count", added.to_string()),
    )
    .await?;
    txn.commit().await?;
    Ok(added)
}

/// The top-level group ("I") of a group or sub-group ("I.1.a").
async fn top_group(
    db: &impl sea_orm::ConnectionTrait,
    group: &product_group::Model,
) -> Result<String, ServiceError> {
    let groups: std::collections::HashMap<String, Option<String>> = product_group::Entity::find()
        .filter(product_group::Column::Scheme.eq(group.scheme.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.code, g.parent_code))
        .collect();
    let mut code = group.code.clone();
    // Bounded walk: a cycle in master data must not hang the request.
    for _ in 0..8 {
        match groups.get(&code).cloned().flatten() {
            Some(parent) => code = parent,
            None => break,
        }
    }
    Ok(code)
}

async fn criteria_set_for(
    db: &impl sea_orm::ConnectionTrait,
    group: &product_group::Model,
    top: &str,
) -> Result<criteria_set::Model, ServiceError> {
    for code in [group.code.as_str(), top] {
        let versions = criteria_set::Entity::find()
            .filter(criteria_set::Column::Scheme.eq(group.scheme.clone()))
            .filter(criteria_set::Column::GroupCode.eq(code))
            .order_by_desc(criteria_set::Column::Version)
            .all(db)
            .await?;
        let usable = versions.into_iter().find(|s| {
            serde_json::from_str::<CriteriaSet>(&s.set_json)
                .is_ok_and(|set| scoring::validate(&set).is_empty())
        });
        if let Some(set) = usable {
            return Ok(set);
        }
    }
    Err(invalid("dossiers", Reason::NoCriteriaSet))
}

/// Moves the round to its next phase (preparation → advisory review → scoring →
/// deliberation); "decided" comes only with the decision. Leaving preparation needs at least
/// one dossier and one council member; deliberation, a submitted council sheet on every dossier.
///
/// # Errors
/// `Denied`; `NotFound`; `Conflict(Reason::ChangedMeanwhile)` for a stale page, `Conflict(Reason::Phase)`
/// from deliberation; `Invalid("round", "empty")`, `Invalid("round", "unscored")`.
pub async fn advance(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i32,
    version: i32,
) -> Result<Phase, ServiceError> {
    let by = manage_rounds(actor)?;
    let data = round_data::load(db, round_id).await?;
    let next = data
        .phase
        .next()
        .filter(|p| *p != Phase::Decided)
        .ok_or(ServiceError::Conflict(Reason::Phase))?;
    let has_council = data.members.iter().any(|m| m.panel == "council");
    if data.phase == Phase::Preparation && (data.entries.is_empty() || !has_council) {
        return Err(invalid("round", Reason::Empty));
    }
    // The decision ends every dossier with the council's result: none may go without one.
    if next == Phase::Deliberation && has_unscored(&data) {
        return Err(invalid("round", Reason::Unscored));
    }
    let txn = db.begin().await?;
    let updated = evaluation_round::Entity::update_many()
        .col_expr(evaluation_round::Column::Phase, Expr::value(next))
        .col_expr(evaluation_round::Column::Version, (version + 1).into())
        .filter(evaluation_round::Column::Id.eq(round_id))
        .filter(evaluation_round::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    audit::append(
        &txn,
        entry(
            by,
            AuditAction::RoundPhase,
            round_id,
            format!("{} → {}", data.phase.as_str(), next.as_str()),
        )
        .with("from", data.phase)
        .with("to", next),
    )
    .await?;
    txn.commit().await?;
    Ok(next)
}

/// Whether a dossier of the round has no submitted council sheet (no council result), other
/// than those left out of the decision (`deferral`).
fn has_unscored(data: &RoundData) -> bool {
    crate::services::evaluation::results::council_results(data)
        .iter()
        .any(|(id, result)| result.is_none() && data.entry(*id).is_some_and(|e| !e.deferred()))
}

/// Marks a round as changed (its members or conflicts): a decision prepared on what the
/// officer saw before is then refused as changed meanwhile.
///
/// # Errors
/// A database error.
pub(crate) async fn bump_version(
    txn: &impl sea_orm::ConnectionTrait,
    round_id: i32,
) -> Result<(), sea_orm::DbErr> {
    evaluation_round::Entity::update_many()
        .col_expr(
            evaluation_round::Column::Version,
            Expr::col(evaluation_round::Column::Version).add(1),
        )
        .filter(evaluation_round::Column::Id.eq(round_id))
        .exec(txn)
        .await?;
    Ok(())
}
