//! Moving a dossier between states: `domain::dossier::transition` decides, this applies it in
//! one transaction with its side effects — a frozen version on each submission, the note as a
//! comment, the audit entry, notifications — and only if nobody changed the dossier since the
//! actor loaded it.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::services::input::Problems;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use crate::auth::{Actor, Denied};
use crate::domain::dossier::{self, DossierAction, DossierState, Party, Refused};
use crate::domain::dossier_diff::{Snapshot, SnapshotDocument};
use crate::domain::dossier_form;
use crate::entities::{
    commune_assessment, dossier as dossier_entity, dossier_comment, dossier_document,
    dossier_version, forward_batch, notification, stored_file,
};
use crate::services::ServiceError;
use crate::services::dossiers::filing::{
    bump, checklist_for, completeness_of, dossier_entry, form_of, group_code_of, load_for,
};
use crate::services::input::invalid;
use crate::services::notifications::{self, Audience};

/// What an action did: the new state, and the notifications to deliver beyond the app.
#[derive(Debug)]
pub struct Outcome {
    pub state: DossierState,
    pub notices: Vec<notification::Model>,
}

/// Takes `action` on a dossier loaded at `version`, with an optional note (required to
/// return it, unless the officer commented on items of this submission).
///
/// # Errors
/// `NotFound`; `Denied` when it is another party's turn; `Conflict(Reason::ChangedMeanwhile)` for
/// a stale page or a state that no longer allows it; `Invalid` when the dossier is not ready
/// (`documents_missing`, a required form field, `assessment_missing`, `return_needs_comment`).
pub async fn act(
    db: &DatabaseConnection,
    actor: &Actor,
    dossier_id: i32,
    version: i32,
    action: DossierAction,
    note: &str,
    ip: Option<String>,
) -> Result<Outcome, ServiceError> {
    let (d, party, state) = load_for(db, actor, dossier_id).await?;
    // Forwarding carries a proposal note for a batch: `forward`. A round's steps come with the
    // round's rows and certificates: taken alone, they would strand the dossier.
    if action == DossierAction::Forward || action.by_round() || !dossier::ever_takes(party, action)
    {
        return Err(ServiceError::Denied(Denied::NotAllowed));
    }
    let to = match dossier::transition(state, action, party) {
        Ok(to) => to,
        Err(Refused::NotYourTurn) => return Err(ServiceError::Denied(Denied::NotAllowed)),
        Err(Refused::NotFromThisState) => {
            return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
        }
    };
    if version != d.version {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    let note = note.trim();
    if note.chars().count() > 4000 {
        return Err(invalid("note", Reason::TooLong));
    }
    ready_for(db, &d, action, note).await?;
    let txn = db.begin().await?;
    let submits = matches!(action, DossierAction::Submit | DossierAction::Resubmit);
    let submission_no = d.submission_no + i32::from(submits);
    bump(&txn, &d, version, |q| {
        q.col_expr(dossier_entity::Column::State, Expr::value(to))
            .col_expr(dossier_entity::Column::SubmissionNo, submission_no.into())
    })
    .await?;
    if submits {
        freeze(&txn, &d, submission_no, actor).await?;
    }
    if !note.is_empty() {
        add_comment(&txn, d.id, None, actor, note, submission_no).await?;
    }
    let (p, _) = group_code_of(&txn, d.product_id).await?;
    let summary = format!("{}: {} → {}", p.name, state.as_str(), to.as_str());
    crate::services::audit::append(
        &txn,
        dossier_entry(actor, audit_action(action), d.id, summary, ip)
            .with("product", &p.name)
            .with("from", state)
            .with("to", to),
    )
    .await?;
    let audience = match party {
        Party::Owner => Audience::CommuneOfficers(&d.commune_code),
        Party::Commune | Party::Province => Audience::SubjectMembers(d.subject_id),
    };
    // A draft withdrawn was never the commune's business.
    let audiences = if state == DossierState::Draft && action == DossierAction::Withdraw {
        vec![]
    } else {
        vec![audience]
    };
    let notices = notifications::notify(
        &txn,
        actor,
        &audiences,
        action_key(action),
        Some(d.id),
        &p.name,
    )
    .await?;
    txn.commit().await?;
    Ok(Outcome { state: to, notices })
}

/// Forwards several checked dossiers of the officer's commune to the province at once, with
/// the commune's proposal note; all or none.
///
/// # Errors
/// `Invalid` without a note or a dossier; `NotFound`/`Denied` as for one dossier;
/// `Conflict(Reason::ChangedMeanwhile)` if any of them is no longer checked.
pub async fn forward(
    db: &DatabaseConnection,
    actor: &Actor,
    dossier_ids: &[i32],
    note: &str,
    ip: Option<String>,
) -> Result<Outcome, ServiceError> {
    let note = crate::services::input::required(note, "note", 4000)?;
    if dossier_ids.is_empty() {
        return Err(invalid("dossier_ids", Reason::Required));
    }
    let txn = db.begin().await?;
    let mut loaded = Vec::new();
    for id in dossier_ids {
        let (d, party, state) = load_for(&txn, actor, *id).await?;
        if !dossier::ever_takes(party, DossierAction::Forward) {
            return Err(ServiceError::Denied(Denied::NotAllowed));
        }
        match dossier::transition(state, DossierAction::Forward, party) {
            Ok(_) => loaded.push(d),
            Err(Refused::NotYourTurn) => return Err(ServiceError::Denied(Denied::NotAllowed)),
            Err(Refused::NotFromThisState) => {
                return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
            }
        }
    }
    let batch = forward_batch::ActiveModel {
        commune_code: Set(loaded[0].commune_code.clone()),
        note: Set(note.clone()),
        officer_id: Set(actor.user_id().unwrap_or_default()),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut notices = Vec::new();
    for d in &loaded {
        bump(&txn, d, d.version, |q| {
            q.col_expr(
                dossier_entity::Column::State,
                Expr::value(DossierState::Forwarded),
            )
            .col_expr(
                dossier_entity::Column::ForwardBatchId,
                Some(batch.id).into(),
            )
        })
        .await?;
        let (p, _) = group_code_of(&txn, d.product_id).await?;
        let summary = format!("{}: checked → forwarded (batch #{})", p.name, batch.id);
        crate::services::audit::append(
            &txn,
            dossier_entry(
                actor,
                AuditAction::DossierForward,
                d.id,
                summary,
                ip.clone(),
            )
            .with("product", &p.name)
            .with("batch", batch.id),
        )
        .await?;
        notices.extend(
            notifications::notify(
                &txn,
                actor,
                &[
                    Audience::SubjectMembers(d.subject_id),
                    Audience::ProvincialOfficers,
                ],
                "dossier.forward",
                Some(d.id),
                &p.name,
            )
            .await?,
        );
    }
    txn.commit().await?;
    Ok(Outcome {
        state: DossierState::Forwarded,
        notices,
    })
}

/// What must be there before the action.
async fn ready_for(
    db: &DatabaseConnection,
    d: &dossier_entity::Model,
    action: DossierAction,
    note: &str,
) -> Result<(), ServiceError> {
    match action {
        DossierAction::Submit | DossierAction::Resubmit => {
            // Every missing field and every missing mandatory document, each where it is fixed.
            let mut problems = Problems::default();
            for field in dossier_form::missing_for_submission(&form_of(d)) {
                problems.add(field, Reason::Required);
            }
            let (_, group) = group_code_of(db, d.product_id).await?;
            let items = checklist_for(db, &group.code, d.created_at).await?;
            for code in completeness_of(db, d, &items).await?.missing {
                problems.add(format!("item:{code}"), Reason::DocumentMissing);
            }
            problems.finish()?;
        }
        DossierAction::Return if note.is_empty() => {
            let commented = dossier_comment::Entity::find()
                .filter(dossier_comment::Column::DossierId.eq(d.id))
                .filter(dossier_comment::Column::SubmissionNo.eq(d.submission_no))
                .filter(dossier_comment::Column::ItemCode.is_not_null())
                .one(db)
                .await?
                .is_some();
            if !commented {
                return Err(invalid("note", Reason::ReturnNeedsComment));
            }
        }
        DossierAction::MarkChecked => {
            let assessed = commune_assessment::Entity::find_by_id(d.id)
                .one(db)
                .await?
                .is_some();
            if !assessed {
                return Err(invalid("assessment", Reason::AssessmentMissing));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Freezes the form and the document set as version `number`.
async fn freeze(
    txn: &impl ConnectionTrait,
    d: &dossier_entity::Model,
    number: i32,
    actor: &Actor,
) -> Result<(), ServiceError> {
    let documents = dossier_document::Entity::find()
        .filter(dossier_document::Column::DossierId.eq(d.id))
        .order_by_asc(dossier_document::Column::Id)
        .find_also_related(stored_file::Entity)
        .all(txn)
        .await?;
    let snapshot = Snapshot {
        form: dossier_form::pairs(&form_of(d))
            .into_iter()
            .map(|(f, v)| (f.to_owned(), v))
            .collect(),
        documents: documents
            .into_iter()
            .filter_map(|(doc, file)| {
                let file = file?;
                Some(SnapshotDocument {
                    item_code: doc.item_code,
                    file_id: i64::from(file.id),
                    name: file.original_name,
                    sha256: file.sha256,
                })
            })
            .collect(),
    };
    dossier_version::ActiveModel {
        dossier_id: Set(d.id),
        number: Set(number),
        snapshot: Set(serde_json::to_string(&snapshot).unwrap_or_default()),
        created_by: Set(actor.user_id().unwrap_or_default()),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

pub(crate) async fn add_comment(
    txn: &impl ConnectionTrait,
    dossier_id: i32,
    item_code: Option<String>,
    actor: &Actor,
    body: &str,
    submission_no: i32,
) -> Result<(), ServiceError> {
    dossier_comment::ActiveModel {
        dossier_id: Set(dossier_id),
        item_code: Set(item_code),
        author_id: Set(actor.user_id().unwrap_or_default()),
        body: Set(body.to_owned()),
        submission_no: Set(submission_no),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The notification kind of each action (its audit action's code).
pub fn action_key(action: DossierAction) -> &'static str {
    audit_action(action).as_str()
}

/// The audit action of each action.
pub fn audit_action(action: DossierAction) -> AuditAction {
    match action {
        DossierAction::Submit => AuditAction::DossierSubmit,
        DossierAction::Return => AuditAction::DossierReturn,
        DossierAction::Resubmit => AuditAction::DossierResubmit,
        DossierAction::MarkChecked => AuditAction::DossierCheck,
        DossierAction::Forward => AuditAction::DossierForward,
        DossierAction::Withdraw => AuditAction::DossierWithdraw,
        DossierAction::StartEvaluation => AuditAction::DossierStartEvaluation,
        DossierAction::Certify => AuditAction::DossierCertify,
        DossierAction::DeclareNotReached => AuditAction::DossierNotReached,
    }
}
