//! What each party sees: the list (a producer's own products, a commune's, or the province's
//! every inspection), and one inspection with its findings, photos, history and the steps the
//! viewer may take now.
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use crate::auth::{Actor, Role};
use crate::domain::inspection::{self as rules, InspectionState};
use crate::entities::{
    audit_log, inspection, inspection_finding, inspection_photo, product, subject,
};
use crate::models::dossiers::HistoryEntry;
use crate::models::inspections::{
    FindingView, INSPECTIONS_PER_PAGE, InspectionFilter, InspectionPage, InspectionRow,
    InspectionView,
};
use crate::services::ServiceError;
use crate::services::files::uploads::UploadLimits;
use crate::services::inspections::{load_for, photos, plan};
use crate::services::master_data::units::commune_names;

/// The states a filter word stands for ("" and unknown words: all).
fn states_of(filter: &str) -> Option<Vec<InspectionState>> {
    match filter {
        "open" => Some(
            InspectionState::ALL
                .into_iter()
                .filter(|s| !s.closed())
                .collect(),
        ),
        "overdue" => Some(vec![InspectionState::CorrectionRequested]),
        other => InspectionState::parse(other).map(|s| vec![s]),
    }
}

/// One page of the inspections the actor may see, newest plan first.
///
/// # Errors
/// `Denied` for those who neither inspect nor produce.
pub async fn browse(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &InspectionFilter,
    today: chrono::NaiveDate,
) -> Result<InspectionPage, ServiceError> {
    let mut query = inspection::Entity::find();
    let may_plan = match actor {
        Actor::User {
            role: Role::Producer,
            subject_id: Some(id),
            ..
        } => {
            // An ad hoc visit is not announced to its producer before it happens.
            query = query.filter(inspection::Column::SubjectId.eq(*id)).filter(
                Condition::any()
                    .add(inspection::Column::Kind.ne(rules::InspectionKind::AdHoc))
                    .add(inspection::Column::State.ne(InspectionState::Planned)),
            );
            false
        }
        _ => {
            if let Some(code) = plan::scope(actor)? {
                query = query.filter(inspection::Column::CommuneCode.eq(code));
            }
            true
        }
    };
    if let Some(states) = states_of(filter.state.trim()) {
        query = query.filter(inspection::Column::State.is_in(states));
    }
    if filter.state.trim() == "overdue" {
        query = query.filter(inspection::Column::CorrectionDue.lt(today));
    }
    if let Some(id) = filter.product_id {
        query = query.filter(inspection::Column::ProductId.eq(id));
    }
    let pages = query
        .order_by_desc(inspection::Column::PlannedOn)
        .order_by_desc(inspection::Column::Id)
        .paginate(db, INSPECTIONS_PER_PAGE as u64);
    let total = usize::try_from(pages.num_items().await?).unwrap_or_default();
    let last = total.div_ceil(INSPECTIONS_PER_PAGE).max(1);
    let page = filter.page.clamp(1, last);
    let found = pages.fetch_page(page as u64 - 1).await?;
    let rows = rows(db, found, today).await?;
    // Named only from what the viewer may see: an id alone reveals no product.
    let product_name = filter
        .product_id
        .and_then(|_| rows.first().map(|r| r.product_name.clone()));
    Ok(InspectionPage {
        rows,
        total,
        page,
        pages: last,
        may_plan,
        product_name,
    })
}

/// Inspections as rows, with their product, subject and commune (three queries).
async fn rows(
    db: &DatabaseConnection,
    found: Vec<inspection::Model>,
    today: chrono::NaiveDate,
) -> Result<Vec<InspectionRow>, ServiceError> {
    let products: HashMap<i32, String> = product::Entity::find()
        .filter(product::Column::Id.is_in(found.iter().map(|i| i.product_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let subjects: HashMap<i32, String> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(found.iter().map(|i| i.subject_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let communes = commune_names(db).await?;
    Ok(found
        .into_iter()
        .map(|i| InspectionRow {
            id: i.id,
            product_id: i.product_id,
            product_name: products.get(&i.product_id).cloned().unwrap_or_default(),
            subject_name: subjects.get(&i.subject_id).cloned().unwrap_or_default(),
            commune_name: communes.get(&i.commune_code).cloned().unwrap_or_default(),
            kind: i.kind,
            planned_on: crate::domain::dates::date(i.planned_on),
            team: i.team,
            state: i.state,
            correction_due: i.correction_due.map(crate::domain::dates::date),
            overdue: rules::overdue(i.state, i.correction_due, today),
        })
        .collect())
}

/// One inspection as `actor` sees it.
///
/// # Errors
/// `NotFound` when it does not exist or the actor has no part in it.
pub async fn inspection_view(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    today: chrono::NaiveDate,
    limits: &UploadLimits,
    expiring_within_days: i64,
) -> Result<InspectionView, ServiceError> {
    let (i, parties) = load_for(db, actor, id).await?;
    let (p, s) = crate::services::guards::product_and_subject(db, i.product_id).await?;
    let communes = commune_names(db).await?;
    let current = crate::services::certificates::register::current(db, p.id).await?;
    let findings = inspection_finding::Entity::find()
        .filter(inspection_finding::Column::InspectionId.eq(i.id))
        .order_by_asc(inspection_finding::Column::Id)
        .all(db)
        .await?;
    let photos_of = inspection_photo::Entity::find()
        .filter(inspection_photo::Column::InspectionId.eq(i.id))
        .order_by_asc(inspection_photo::Column::Id)
        .all(db)
        .await?;
    let photos_at = |stage: &str| -> Vec<i32> {
        photos_of
            .iter()
            .filter(|ph| ph.stage == stage)
            .map(|ph| ph.file_id)
            .collect()
    };
    let history = audit_log::Entity::find()
        .filter(
            Condition::all()
                .add(audit_log::Column::TargetType.eq("inspection"))
                .add(audit_log::Column::TargetId.eq(i.id.to_string())),
        )
        .order_by_desc(audit_log::Column::Id)
        .all(db)
        .await?;
    let names = crate::services::audit::actor_names(db, &history).await?;
    let revoked_by = crate::entities::certificate::Entity::find()
        .filter(crate::entities::certificate::Column::RevokeInspectionId.eq(i.id))
        .one(db)
        .await?
        .map(|c| {
            format!(
                "{} · {}",
                c.revoke_decision.unwrap_or_default(),
                c.revoked_on
                    .map(crate::domain::dates::date)
                    .unwrap_or_default()
            )
        });
    let stage = photos::stage_for(i.state, &parties);
    let as_producer = parties.contains(&rules::Party::Producer);
    Ok(InspectionView {
        id: i.id,
        product_id: p.id,
        product_name: p.name,
        subject_name: s.name,
        commune_name: communes.get(&i.commune_code).cloned().unwrap_or_default(),
        certificate_status: current.as_ref().map(|c| {
            crate::domain::certificate::validity(
                c.valid_until,
                c.revoked_on.is_some(),
                today,
                expiring_within_days,
            )
            .as_str()
            .to_owned()
        }),
        certificate_number: current.map(|c| c.number),
        kind: i.kind,
        planned_on: crate::domain::dates::date(i.planned_on),
        team: i.team,
        purpose: i.purpose,
        state: i.state,
        overdue: rules::overdue(i.state, i.correction_due, today),
        visited_on: i.visited_on.map(crate::domain::dates::date),
        conclusion: i.conclusion,
        findings: findings
            .into_iter()
            .map(|f| FindingView {
                area: f.area,
                finding: f.finding,
                note: f.note,
            })
            .collect(),
        correction_request: i.correction_request,
        correction_due: i.correction_due.map(crate::domain::dates::date),
        correction_answer: i.correction_answer,
        answered_at: i.answered_at.map(crate::domain::dates::time),
        refusal_note: i.refusal_note,
        revocation_reason: i.revocation_reason,
        revoked_by,
        closed_on: i.closed_on.map(crate::domain::dates::date),
        visit_photos: photos_at("visit"),
        evidence_photos: photos_at("evidence"),
        // A proposal to revoke before the visit is the visit's verdict, not a step of its own.
        actions: rules::available(i.state, &parties)
            .into_iter()
            .filter(|a| {
                !(i.state == InspectionState::Planned
                    && *a == rules::InspectionAction::ProposeRevocation)
            })
            .collect(),
        as_producer,
        may_add_visit_photo: stage == Some("visit"),
        may_add_evidence_photo: stage == Some("evidence"),
        max_upload_mb: limits.max_bytes / (1024 * 1024),
        max_photos: limits.max_files_per_item,
        today: today.to_string(),
        history: history
            .into_iter()
            .map(|h| HistoryEntry {
                at: crate::domain::dates::time(h.at),
                actor_name: h
                    .actor_user_id
                    .and_then(|id| names.get(&id).cloned())
                    .unwrap_or_default(),
                sentence: crate::services::audit::sentence_of(&h),
                action: h.action,
            })
            .collect(),
    })
}
