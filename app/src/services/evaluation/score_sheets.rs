//! Score sheets: one per (member, dossier) of a round. The member's screen shows the dossier's
//! documents and the criteria; each save is checked and scored here by `domain::scoring` (the
//! browser runs the same code for the live total, this result is the one kept). Submitting
//! locks the sheet; the provincial officer may reopen it, with a reason, while the panel's
//! phase lasts.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    TransactionTrait,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::round::{self, OthersVisible, Panel, ScoreRefused};
use crate::domain::scoring::{self, CriteriaSet, Sheet, SheetResult};
use crate::entities::{dossier_checklist_item, score_sheet};
use crate::models::evaluation::rounds::{OtherSheet, SheetDocument, SheetView};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::evaluation::deferral::hold_deferred;
use crate::services::evaluation::round_data::{self, RoundData};
use crate::services::guards::manage_rounds;
use crate::services::input::invalid;

fn member_of(actor: &Actor, data: &RoundData) -> Result<i32, ServiceError> {
    allowed(actor, Action::ScoreDossiers, Resource::Nothing).map_err(ServiceError::Denied)?;
    let me = actor.user_id().ok_or(ServiceError::NotFound)?;
    data.member(me).map(|_| me).ok_or(ServiceError::NotFound)
}

fn set_of(data: &RoundData, dossier_id: i32) -> Result<(String, CriteriaSet), ServiceError> {
    let entry = data.entry(dossier_id).ok_or(ServiceError::NotFound)?;
    let stored = data
        .sets
        .get(&entry.criteria_set_id)
        .ok_or(ServiceError::NotFound)?;
    let set = serde_json::from_str(&stored.set_json).map_err(|_| ServiceError::NotFound)?;
    Ok((format!("{} (v{})", stored.name, stored.version), set))
}

fn refused_key(refused: ScoreRefused) -> Reason {
    match refused {
        ScoreRefused::NotAssigned => Reason::NotAssigned,
        ScoreRefused::Conflicted => Reason::Conflicted,
        ScoreRefused::PhaseClosed => Reason::PhaseClosed,
        ScoreRefused::AlreadySubmitted => Reason::Submitted,
    }
}

/// The scoring screen of the signed-in member for one dossier.
///
/// # Errors
/// `Denied` for anyone but council and advisory members; `NotFound` when not a member of the
/// round, the dossier is not in it, or it is not assigned to them (a conflicted member still
/// sees that it is locked, and why).
pub async fn sheet(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i32,
    dossier_id: i32,
) -> Result<SheetView, ServiceError> {
    let data = round_data::load(db, round_id).await?;
    let me = member_of(actor, &data)?;
    let standing = data
        .standing(me, dossier_id)
        .filter(|s| s.assigned)
        .ok_or(ServiceError::NotFound)?;
    let (set_name, set) = set_of(&data, dossier_id)?;
    let own = data.sheet(dossier_id, me);
    let locked_because = round::may_score(data.phase, standing)
        .err()
        .map(|r| refused_key(r).code().to_owned());
    let setting = OthersVisible::parse(&data.round.others_visible).unwrap_or(OthersVisible::Never);
    let others = round::may_see_others(data.phase, setting, standing).then(|| {
        data.sheets
            .iter()
            .filter(|s| s.dossier_id == dossier_id && s.user_id != me)
            .filter(|s| s.panel == standing.panel.as_str())
            .map(|s| OtherSheet {
                member: data.user_name(s.user_id),
                total: u32::try_from(s.total).unwrap_or_default(),
                stars: u8::try_from(s.stars).unwrap_or_default(),
                submitted: s.submitted_at.is_some(),
            })
            .collect()
    });
    let documents = if standing.conflicted {
        Vec::new()
    } else {
        documents_of(db, dossier_id).await?
    };
    Ok(SheetView {
        round_id,
        round_name: data.round.name.clone(),
        phase: data.phase.as_str().to_owned(),
        panel: standing.panel.as_str().to_owned(),
        dossier_id,
        product_name: data.product_name(dossier_id),
        subject_name: (!data.round.identity_hidden).then(|| data.subject_name(dossier_id)),
        set_name,
        set,
        choices: own
            .and_then(|s| serde_json::from_str(&s.choices_json).ok())
            .unwrap_or_default(),
        version: own.map_or(0, |s| s.version),
        submitted: own.is_some_and(|s| s.submitted_at.is_some()),
        reopen_reason: own.and_then(|s| s.reopen_reason.clone()),
        submit_closed: locked_because.is_none()
            && past_window(&data, standing.panel, standing.deferred),
        locked_because,
        documents,
        others,
    })
}

async fn documents_of(
    db: &DatabaseConnection,
    dossier_id: i32,
) -> Result<Vec<SheetDocument>, ServiceError> {
    let docs = crate::services::dossiers::documents::with_files(db, [dossier_id]).await?;
    let items: HashMap<String, String> = dossier_checklist_item::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.code, i.name_vi))
        .collect();
    Ok(docs
        .into_iter()
        .map(|(d, file)| SheetDocument {
            file_id: file.id,
            item: items.get(&d.item_code).cloned().unwrap_or(d.item_code),
            name: file.original_name,
            media_type: file.media_type,
        })
        .collect())
}

/// What a save returns: the sheet's new version and the server's result.
#[derive(Debug, Clone)]
pub struct Saved {
    pub version: i32,
    pub result: SheetResult,
}

/// Saves the member's choices (a draft), or submits them (`submit`: every criterion must be
/// answered; the sheet is then locked). `version` is the one the page loaded (0 for none yet).
///
/// # Errors
/// `Denied`/`NotFound` as for `sheet`; `Conflict` with the `ScoreRefused` key when the member
/// may not score it now, or `changed_meanwhile` for a stale page; `Invalid("choices",
/// "unknown_option")`, `Invalid("choices", "incomplete")`.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    (round_id, dossier_id): (i32, i32),
    version: i32,
    choices: &Sheet,
    submit: bool,
) -> Result<Saved, ServiceError> {
    let data = round_data::load(db, round_id).await?;
    let me = member_of(actor, &data)?;
    let standing = data
        .standing(me, dossier_id)
        .filter(|s| s.assigned)
        .ok_or(ServiceError::NotFound)?;
    round::may_score(data.phase, standing).map_err(|r| ServiceError::Conflict(refused_key(r)))?;
    let (_, set) = set_of(&data, dossier_id)?;
    let known = |code: &String, index: &usize| {
        set.parts
            .iter()
            .flat_map(|p| &p.criteria)
            .any(|c| &c.code == code && *index < c.options.len())
    };
    if !choices.iter().all(|(c, i)| known(c, i)) {
        return Err(invalid("choices", Reason::UnknownOption));
    }
    let result = scoring::score(&set, choices);
    if submit && !result.complete {
        return Err(invalid("choices", Reason::Incomplete));
    }
    // The council submits within the round's scoring window (drafts are kept after it; the
    // officer may extend it, audited). A dossier left out of the decision is scored later.
    if submit && past_window(&data, standing.panel, standing.deferred) {
        return Err(ServiceError::Conflict(Reason::ScoringClosed));
    }
    let now = crate::clock::now();
    let txn = db.begin().await?;
    // Outside the panel's phase only a dossier left out of the decision is open.
    if data.phase != standing.panel.scoring_phase() {
        hold_deferred(&txn, (round_id, dossier_id)).await?;
    }
    let json = serde_json::to_string(choices).unwrap_or_else(|_| "{}".to_owned());
    let total = i32::try_from(result.total).unwrap_or_default();
    let stars = i16::from(result.stars);
    match data.sheet(dossier_id, me) {
        None if version == 0 => {
            score_sheet::ActiveModel {
                round_id: Set(round_id),
                dossier_id: Set(dossier_id),
                user_id: Set(me),
                panel: Set(standing.panel.as_str().to_owned()),
                choices_json: Set(json),
                total: Set(total),
                stars: Set(stars),
                complete: Set(result.complete),
                submitted_at: Set(submit.then_some(now)),
                reopen_reason: Set(None),
                version: Set(1),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(|_| ServiceError::Conflict(Reason::ChangedMeanwhile))?;
        }
        Some(existing) if existing.version == version => {
            let updated = score_sheet::Entity::update_many()
                .col_expr(score_sheet::Column::ChoicesJson, json.into())
                .col_expr(score_sheet::Column::Total, total.into())
                .col_expr(score_sheet::Column::Stars, stars.into())
                .col_expr(score_sheet::Column::Complete, result.complete.into())
                .col_expr(
                    score_sheet::Column::SubmittedAt,
                    submit.then_some(now).into(),
                )
                .col_expr(score_sheet::Column::Version, (version + 1).into())
                .col_expr(score_sheet::Column::UpdatedAt, now.into())
                .filter(score_sheet::Column::Id.eq(existing.id))
                .filter(score_sheet::Column::Version.eq(version))
                .exec(&txn)
                .await?;
            if updated.rows_affected != 1 {
                return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
            }
        }
        _ => return Err(ServiceError::Conflict(Reason::ChangedMeanwhile)),
    }
    if submit {
        audit::append(
            &txn,
            Entry {
                actor_user_id: Some(me),
                action: AuditAction::SheetSubmit,
                target_type: "dossier",
                target_id: Some(dossier_id.to_string()),
                summary: format!("round {round_id}: {}", result.total),
                ip: None,
                details: Default::default(),
            }
            .with(
                "points",
                crate::domain::audit_details::points(i64::from(result.total)),
            ),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(Saved {
        version: version + 1,
        result,
    })
}

/// Whether the round's scoring window is over (its last day included), in Vietnam.
pub(crate) fn window_closed(data: &RoundData) -> bool {
    crate::services::today_in_vietnam() > data.round.scoring_until
}

/// Whether a sheet of `panel` on the dossier is past the round's scoring window: the council's,
/// once the window is over, except on a dossier left out of the decision (scored later).
fn past_window(data: &RoundData, panel: Panel, deferred: bool) -> bool {
    panel == Panel::Council && !deferred && window_closed(data)
}

/// The longest reason for reopening a sheet (characters), as the form allows.
pub const MAX_REOPEN_REASON: usize = 1000;

/// The provincial officer reopens a member's submitted sheet, with a reason, while the panel's
/// phase lasts.
///
/// # Errors
/// `Denied`; `NotFound` for no such submitted sheet; `Conflict(Reason::Phase)`;
/// `Invalid("reason", "required")`.
pub async fn reopen(
    db: &DatabaseConnection,
    actor: &Actor,
    (round_id, dossier_id): (i32, i32),
    member_id: i32,
    reason: &str,
) -> Result<(), ServiceError> {
    let by = manage_rounds(actor)?;
    let data = round_data::load(db, round_id).await?;
    let sheet = data
        .sheet(dossier_id, member_id)
        .filter(|s| s.submitted_at.is_some())
        .ok_or(ServiceError::NotFound)?;
    let panel = Panel::parse(&sheet.panel).unwrap_or(Panel::Council);
    let deferred = data.entry(dossier_id).is_some_and(|e| e.deferred());
    if !round::sheets_open(data.phase, panel, deferred) {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    // Reopened after the window, the sheet could never be submitted again.
    if past_window(&data, panel, deferred) {
        return Err(ServiceError::Conflict(Reason::ReopenAfterWindow));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(invalid("reason", Reason::Required));
    }
    if reason.chars().count() > MAX_REOPEN_REASON {
        return Err(invalid("reason", Reason::TooLong));
    }
    let txn = db.begin().await?;
    if data.phase != panel.scoring_phase() {
        hold_deferred(&txn, (round_id, dossier_id)).await?;
    }
    score_sheet::Entity::update_many()
        .col_expr(
            score_sheet::Column::SubmittedAt,
            Option::<chrono::DateTime<chrono::Utc>>::None.into(),
        )
        .col_expr(score_sheet::Column::ReopenReason, reason.to_owned().into())
        .col_expr(score_sheet::Column::Version, (sheet.version + 1).into())
        .filter(score_sheet::Column::Id.eq(sheet.id))
        .exec(&txn)
        .await?;
    audit::append(
        &txn,
        Entry {
            actor_user_id: Some(by),
            action: AuditAction::SheetReopen,
            target_type: "dossier",
            target_id: Some(dossier_id.to_string()),
            summary: format!("{}: {reason}", data.user_name(member_id)),
            ip: None,
            details: Default::default(),
        }
        .with("name", data.user_name(member_id))
        .with("reason", reason),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Whether a member of some round may read the dossier's documents (assigned, not
/// conflicted), for file downloads.
pub(crate) async fn member_reads(
    db: &DatabaseConnection,
    actor: &Actor,
    dossier_id: i32,
) -> Result<bool, ServiceError> {
    if allowed(actor, Action::ScoreDossiers, Resource::Nothing).is_err() {
        return Ok(false);
    }
    let Some(me) = actor.user_id() else {
        return Ok(false);
    };
    let entries = crate::entities::round_dossier::Entity::find()
        .filter(crate::entities::round_dossier::Column::DossierId.eq(dossier_id))
        .all(db)
        .await?;
    for e in entries {
        let data = round_data::load(db, e.round_id).await?;
        if data
            .standing(me, dossier_id)
            .is_some_and(|s| s.assigned && !s.conflicted)
        {
            return Ok(true);
        }
    }
    Ok(false)
}
