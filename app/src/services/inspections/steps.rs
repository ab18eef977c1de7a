//! The visit with its verdict, and every step after it: the producer's answer with evidence,
//! the inspector's acceptance or refusal, a proposal to revoke, calling a planned inspection
//! off. Each moves the state by `domain::inspection::transition`, only from the state the page
//! showed (two officers at once: the second is told it changed), and is logged and notified.
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    TransactionTrait, sea_query::Expr,
};

use crate::auth::{Actor, Denied};
use crate::domain::audit_action::AuditAction;
use crate::domain::audit_details::Value;
use crate::domain::inspection::{
    self as rules, Area, Finding, InspectionAction, InspectionState, Refused,
};
use crate::domain::reason::Reason;
use crate::entities::{inspection, inspection_finding};
use crate::models::inspections::{InspectionInput, MAX_TEXT};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::input::{Problems, invalid, required};
use crate::services::input::{optional_text, parse_date};
use crate::services::inspections::{load_for, product_name};
use crate::services::notifications::{Audience, notify};

/// The state `parties` reach by `action` from `from`.
fn next(
    from: InspectionState,
    action: InspectionAction,
    parties: &[rules::Party],
) -> Result<InspectionState, ServiceError> {
    if !rules::ever_takes(parties, action) {
        return Err(ServiceError::Denied(Denied::NotAllowed));
    }
    rules::transition(from, action, parties).map_err(|refused| match refused {
        Refused::NotYourTurn => ServiceError::Denied(Denied::NotAllowed),
        Refused::NotFromThisState => ServiceError::Conflict(Reason::ChangedMeanwhile),
    })
}

/// Refuses an action taken on a page that showed another state than the one stored now.
fn as_shown(input: &InspectionInput, stored: InspectionState) -> Result<(), ServiceError> {
    if !input.state.trim().is_empty() && input.state.trim() != stored.as_str() {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    Ok(())
}

/// A correction's deadline: after today, within a year.
fn due_date(value: &str, today: chrono::NaiveDate) -> Result<chrono::NaiveDate, ServiceError> {
    let due = parse_date(value, "correction_due")?;
    if due <= today || (due - today).num_days() > 366 {
        return Err(invalid("correction_due", Reason::DueNotAhead));
    }
    Ok(due)
}

/// What the visit decided, with its own fields checked.
enum Verdict {
    Compliant,
    Correction {
        request: String,
        due: chrono::NaiveDate,
    },
    Revocation {
        reason: String,
    },
}

impl Verdict {
    fn action(&self) -> InspectionAction {
        match self {
            Verdict::Compliant => InspectionAction::RecordCompliant,
            Verdict::Correction { .. } => InspectionAction::RequireCorrection,
            Verdict::Revocation { .. } => InspectionAction::ProposeRevocation,
        }
    }
}

/// A visit's form once checked.
struct Visit {
    visited_on: chrono::NaiveDate,
    conclusion: Option<String>,
    findings: Vec<(Area, Finding, Option<String>)>,
    verdict: Verdict,
}

/// The visit's form, every problem named at once.
fn checked_visit(input: &InspectionInput, today: chrono::NaiveDate) -> Result<Visit, ServiceError> {
    let mut problems = Problems::default();
    let visited_on = problems.check(parse_date(&input.visited_on, "visited_on"));
    if let Some(day) = visited_on
        && (day > today || (today - day).num_days() > 366)
    {
        problems.add("visited_on", Reason::VisitAhead);
    }
    let conclusion = problems.check(optional_text(&input.conclusion, "conclusion", MAX_TEXT));
    let mut findings = Vec::new();
    for (code, finding, note) in input.findings() {
        let area = Area::parse(code).unwrap_or(Area::RawMaterials);
        let finding = Finding::parse(finding.trim());
        if finding.is_none() {
            problems.add(code, Reason::FindingMissing);
        }
        let note = problems.check(optional_text(note, area.note_field(), MAX_TEXT));
        if let (Some(f), Some(note)) = (finding, note) {
            findings.push((area, f, note));
        }
    }
    let verdict = match input.verdict.trim() {
        "compliant" => Some(Verdict::Compliant),
        "correction" => {
            let request = problems.check(required(
                &input.correction_request,
                "correction_request",
                MAX_TEXT,
            ));
            let due = problems.check(due_date(&input.correction_due, today));
            request
                .zip(due)
                .map(|(request, due)| Verdict::Correction { request, due })
        }
        "revocation" => problems
            .check(required(
                &input.revocation_reason,
                "revocation_reason",
                MAX_TEXT,
            ))
            .map(|reason| Verdict::Revocation { reason }),
        _ => {
            problems.add("verdict", Reason::UnknownVerdict);
            None
        }
    };
    let pairs: Vec<(Area, Finding)> = findings.iter().map(|(a, f, _)| (*a, *f)).collect();
    if matches!(verdict, Some(Verdict::Compliant))
        && !rules::verdict_fits(InspectionAction::RecordCompliant, &pairs)
    {
        problems.add("verdict", Reason::CompliantWithFailure);
    }
    problems.finish()?;
    match (visited_on, conclusion, verdict) {
        (Some(visited_on), Some(conclusion), Some(verdict))
            if findings.len() == Area::ALL.len() =>
        {
            Ok(Visit {
                visited_on,
                conclusion,
                findings,
                verdict,
            })
        }
        _ => Err(invalid("verdict", Reason::UnknownVerdict)),
    }
}

/// Records the visit of a planned inspection with its findings and verdict; returns the new
/// state.
///
/// # Errors
/// `NotFound` for an inspection the actor has no part in; `Denied` for the producer;
/// `Conflict(ChangedMeanwhile)` once it is no longer planned; `Problems` for the form.
pub async fn record_visit(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &InspectionInput,
    today: chrono::NaiveDate,
) -> Result<InspectionState, ServiceError> {
    let (found, parties) = load_for(db, actor, input.inspection_id).await?;
    // Who may record it is checked before the form is read; the verdict only picks the step.
    next(found.state, InspectionAction::RecordCompliant, &parties)?;
    as_shown(input, found.state)?;
    let Visit {
        visited_on,
        conclusion,
        findings,
        verdict,
    } = checked_visit(input, today)?;
    let to = next(found.state, verdict.action(), &parties)?;
    let txn = db.begin().await?;
    let mut update = inspection::Entity::update_many()
        .col_expr(inspection::Column::State, Expr::value(to.as_str()))
        .col_expr(inspection::Column::VisitedOn, Expr::value(visited_on))
        .col_expr(inspection::Column::VisitedBy, Expr::value(actor.user_id()))
        .col_expr(
            inspection::Column::Conclusion,
            Expr::value(conclusion.clone()),
        );
    let (kind, about) = match &verdict {
        Verdict::Compliant => {
            update = update.col_expr(inspection::Column::ClosedOn, Expr::value(visited_on));
            ("inspection.compliant", String::new())
        }
        Verdict::Correction { request, due } => {
            update = update
                .col_expr(
                    inspection::Column::CorrectionRequest,
                    Expr::value(request.clone()),
                )
                .col_expr(inspection::Column::CorrectionDue, Expr::value(*due));
            (
                "inspection.correction",
                format!("{request} ({})", crate::domain::dates::date(*due)),
            )
        }
        Verdict::Revocation { reason } => {
            update = update.col_expr(
                inspection::Column::RevocationReason,
                Expr::value(reason.clone()),
            );
            ("inspection.revocation_proposed", reason.clone())
        }
    };
    let moved = update
        .filter(inspection::Column::Id.eq(found.id))
        .filter(inspection::Column::State.eq(found.state))
        .exec(&txn)
        .await?;
    if moved.rows_affected == 0 {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    for (area, finding, note) in findings {
        inspection_finding::ActiveModel {
            inspection_id: Set(found.id),
            area: Set(area.as_str().to_owned()),
            finding: Set(finding.as_str().to_owned()),
            note: Set(note),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let name = product_name(&txn, found.product_id).await?;
    let (verdict_vi, verdict_en) = to.label();
    audit::append(
        &txn,
        Entry {
            actor_user_id: actor.user_id(),
            action: AuditAction::InspectionVisit,
            target_type: "inspection",
            target_id: Some(found.id.to_string()),
            summary: format!("{name}: {verdict_en}"),
            ip: None,
            details: Default::default(),
        }
        .with("product", &name)
        .with("date", crate::domain::dates::date(visited_on))
        .with("verdict", Value::both(verdict_vi, verdict_en)),
    )
    .await?;
    let about = if about.is_empty() {
        name.clone()
    } else {
        format!("{name} — {about}")
    };
    let mut audiences = vec![Audience::SubjectMembers(found.subject_id)];
    if to == InspectionState::RevocationProposed {
        audiences.push(Audience::ProvincialOfficers);
    }
    notify(&txn, actor, &audiences, kind, None, &about).await?;
    txn.commit().await?;
    Ok(to)
}

/// One action on an inspection (`InspectionInput::action`): the visit (`record_visit`), a step
/// after it, or the revocation; returns the new state.
///
/// # Errors
/// `NotFound` for an inspection the actor has no part in; `Denied` when another party takes
/// it; `Conflict(ChangedMeanwhile)` when the state no longer allows it; `Invalid` for the note
/// (required to answer, refuse and propose revocation) or the new deadline.
pub async fn step(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &InspectionInput,
    today: chrono::NaiveDate,
) -> Result<InspectionState, ServiceError> {
    use InspectionAction as A;
    let action = match input.action.trim() {
        "Answer" => A::Answer,
        "AcceptCorrection" => A::AcceptCorrection,
        "RefuseCorrection" => A::RefuseCorrection,
        "ProposeRevocation" => A::ProposeRevocation,
        "Cancel" => A::Cancel,
        // The certificate's decision, which ends the inspection with it.
        "Revoke" => {
            crate::services::certificates::register::revoke_on_inspection(
                db,
                actor,
                input.inspection_id,
                &input.note,
                &input.decision,
                &input.date,
            )
            .await?;
            return Ok(InspectionState::Revoked);
        }
        "RecordVisit" => return record_visit(db, actor, input, today).await,
        _ => return Err(invalid("action", Reason::Invalid)),
    };
    let (found, parties) = load_for(db, actor, input.inspection_id).await?;
    let to = next(found.state, action, &parties)?;
    as_shown(input, found.state)?;
    // A proposal to revoke before the visit would have no findings behind it.
    if action == A::ProposeRevocation && found.state == InspectionState::Planned {
        return Err(invalid("action", Reason::VisitFirst));
    }
    let note = match action {
        A::Answer | A::RefuseCorrection | A::ProposeRevocation => {
            Some(required(&input.note, "note", MAX_TEXT)?)
        }
        _ => optional_text(&input.note, "note", MAX_TEXT)?,
    };
    let new_due = match (action, input.due.trim()) {
        (A::RefuseCorrection, due) if !due.is_empty() => Some(due_date(due, today)?),
        // Sent back past its deadline, the correction would be overdue at once.
        (A::RefuseCorrection, _) if found.correction_due.is_none_or(|due| due <= today) => {
            return Err(invalid("correction_due", Reason::NewDueNeeded));
        }
        _ => None,
    };
    let txn = db.begin().await?;
    let mut update = inspection::Entity::update_many()
        .col_expr(inspection::Column::State, Expr::value(to.as_str()));
    update = match action {
        A::Answer => update
            .col_expr(
                inspection::Column::CorrectionAnswer,
                Expr::value(note.clone()),
            )
            .col_expr(
                inspection::Column::AnsweredAt,
                Expr::value(crate::clock::now()),
            ),
        A::RefuseCorrection => {
            let update =
                update.col_expr(inspection::Column::RefusalNote, Expr::value(note.clone()));
            match new_due {
                Some(due) => update.col_expr(inspection::Column::CorrectionDue, Expr::value(due)),
                None => update,
            }
        }
        A::ProposeRevocation => update.col_expr(
            inspection::Column::RevocationReason,
            Expr::value(note.clone()),
        ),
        A::AcceptCorrection | A::Cancel => update
            .col_expr(inspection::Column::ClosedOn, Expr::value(today))
            .col_expr(
                inspection::Column::Conclusion,
                Expr::value(note.clone().or(found.conclusion.clone())),
            ),
        _ => update,
    };
    let moved = update
        .filter(inspection::Column::Id.eq(found.id))
        .filter(inspection::Column::State.eq(found.state))
        .exec(&txn)
        .await?;
    if moved.rows_affected == 0 {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    log_and_tell(&txn, actor, &found, action, note.as_deref()).await?;
    txn.commit().await?;
    Ok(to)
}

/// The step's line in the inspection's history, and its notice to whom it concerns.
async fn log_and_tell(
    txn: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    found: &inspection::Model,
    action: InspectionAction,
    note: Option<&str>,
) -> Result<(), ServiceError> {
    use InspectionAction as A;
    let name = product_name(txn, found.product_id).await?;
    let (step_vi, step_en, kind) = match action {
        A::Answer => (
            "báo cáo kết quả khắc phục",
            "answered the correction",
            "inspection.answered",
        ),
        A::AcceptCorrection => (
            "chấp nhận kết quả khắc phục",
            "accepted the correction",
            "inspection.accepted",
        ),
        A::RefuseCorrection => (
            "không chấp nhận kết quả khắc phục",
            "refused the correction",
            "inspection.refused",
        ),
        A::ProposeRevocation => (
            "đề nghị thu hồi giấy chứng nhận",
            "proposed revoking the certificate",
            "inspection.revocation_proposed",
        ),
        _ => (
            "hủy kế hoạch kiểm tra",
            "cancelled the inspection",
            "inspection.cancelled",
        ),
    };
    let mut entry = Entry {
        actor_user_id: actor.user_id(),
        action: AuditAction::InspectionStep,
        target_type: "inspection",
        target_id: Some(found.id.to_string()),
        summary: format!("{name}: {step_en}"),
        ip: None,
        details: Default::default(),
    }
    .with("step", Value::both(step_vi, step_en))
    .with("product", &name);
    if let Some(note) = note {
        entry = entry.with("note", note);
    }
    audit::append(txn, entry).await?;
    let audiences: Vec<Audience> = match action {
        // The officials who inspect it: its commune's, and whoever recorded the visit.
        A::Answer => {
            let mut to = vec![Audience::CommuneOfficers(&found.commune_code)];
            to.extend(found.visited_by.map(Audience::User));
            to
        }
        A::ProposeRevocation => vec![
            Audience::SubjectMembers(found.subject_id),
            Audience::ProvincialOfficers,
        ],
        // A cancelled ad hoc visit was never announced.
        A::Cancel if found.kind == rules::InspectionKind::AdHoc => Vec::new(),
        _ => vec![Audience::SubjectMembers(found.subject_id)],
    };
    let about = match note {
        Some(note) => format!("{name} — {note}"),
        None => name.clone(),
    };
    notify(txn, actor, &audiences, kind, None, &about).await?;
    Ok(())
}
