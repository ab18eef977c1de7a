//! One dossier as its viewer sees it: form, checklist with documents and comments,
//! completeness, the commune's pre-assessment, frozen versions with what changed, history,
//! and the actions the viewer may take now.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::auth::Actor;
use crate::auth::Role;
use crate::domain::dossier::{self, DossierState, Party};
use crate::domain::dossier_diff::{self, Snapshot};
use crate::domain::dossier_form::DossierCycle;
use crate::domain::pre_assessment::PreAssessmentInput;
use crate::entities::{
    audit_log, commune_assessment, dossier_checklist_item, dossier_comment, dossier_document,
    dossier_version, forward_batch, stored_file, subject, user_account,
};
use crate::models::dossiers::{
    ChecklistEntry, CommentView, DocumentView, DossierView, HistoryEntry, VersionView,
};
use crate::services::ServiceError;
use crate::services::dossiers::filing::{
    by_id, checklist_for, completeness_of, form_of, group_code_of, load_for,
};
use crate::services::files::uploads::UploadLimits;
use crate::services::master_data::units::commune_names;

/// The dossier as `actor` sees it.
///
/// # Errors
/// `NotFound` when it does not exist or the actor has no part in it in its state.
pub async fn dossier_view(
    db: &DatabaseConnection,
    actor: &Actor,
    dossier_id: i32,
    limits: &UploadLimits,
) -> Result<DossierView, ServiceError> {
    let (d, viewer, state) = load_for(db, actor, dossier_id).await?;
    let (product, group) = group_code_of(db, d.product_id).await?;
    let items = checklist_for(db, &group.code, d.created_at).await?;
    let completeness = completeness_of(db, &d, &items).await?;
    let documents = dossier_document::Entity::find()
        .filter(dossier_document::Column::DossierId.eq(d.id))
        .order_by_asc(dossier_document::Column::Id)
        .find_also_related(stored_file::Entity)
        .all(db)
        .await?;
    let comments = dossier_comment::Entity::find()
        .filter(dossier_comment::Column::DossierId.eq(d.id))
        .order_by_asc(dossier_comment::Column::Id)
        .all(db)
        .await?;
    let versions = dossier_version::Entity::find()
        .filter(dossier_version::Column::DossierId.eq(d.id))
        .order_by_asc(dossier_version::Column::Number)
        .all(db)
        .await?;
    let mut history = audit_log::Entity::find()
        .filter(audit_log::Column::TargetType.eq("dossier"))
        .filter(audit_log::Column::TargetId.eq(d.id.to_string()))
        .order_by_desc(audit_log::Column::Id)
        .all(db)
        .await?;
    // Scoring is blind: who scored, when and how much is the round's business, seen by the
    // provincial officer on the round's pages — never by the producer or the commune here.
    if !matches!(
        actor,
        Actor::User {
            role: crate::auth::Role::ProvincialOfficer,
            ..
        }
    ) {
        history.retain(|h| !h.action.starts_with("sheet."));
    }
    let people = names(
        db,
        comments
            .iter()
            .map(|c| c.author_id)
            .chain(versions.iter().map(|v| v.created_by))
            .chain(history.iter().filter_map(|h| h.actor_user_id)),
    )
    .await?;
    let name_of = |id: i32| people.get(&id).map(|(n, _)| n.clone()).unwrap_or_default();
    let comment_view = |c: &dossier_comment::Model| CommentView {
        id: c.id,
        item_code: c.item_code.clone(),
        author_name: name_of(c.author_id),
        by_official: people
            .get(&c.author_id)
            .is_some_and(|(_, official)| *official),
        body: c.body.clone(),
        at: crate::domain::dates::time(c.created_at),
        submission_no: c.submission_no,
    };
    let checklist = checklist(&items, &documents, &comments, &comment_view);
    let general_comments = comments
        .iter()
        .filter(|c| c.item_code.is_none())
        .map(comment_view)
        .collect();
    let versions = version_views(&versions, &name_of);
    let assessment = commune_assessment::Entity::find_by_id(d.id)
        .one(db)
        .await?
        .and_then(|a| serde_json::from_str::<PreAssessmentInput>(&a.assessment_json).ok());
    let forward_note = match d.forward_batch_id {
        Some(batch) => forward_batch::Entity::find_by_id(batch)
            .one(db)
            .await?
            .map(|b| b.note),
        None => None,
    };
    let subject_name = subject::Entity::find_by_id(d.subject_id)
        .one(db)
        .await?
        .map(|s| s.name)
        .unwrap_or_default();
    let communes = commune_names(db).await?;
    // The mark is judged on today's date; the expiring window does not change the verdict.
    let label = crate::services::traceability::labels::summary(
        db,
        product.id,
        crate::services::today_in_vietnam(),
        &crate::services::certificates::register::CertificateSettings::default(),
    )
    .await?;
    let result = crate::services::dossiers::result::result_of(db, &d).await?;
    Ok(DossierView {
        id: d.id,
        version: d.version,
        product_id: product.id,
        product_name: product.name,
        group_code: group.code,
        group_name: group.name_vi,
        subject_id: d.subject_id,
        subject_name,
        commune_name: communes.get(&d.commune_code).cloned().unwrap_or_default(),
        commune_code: d.commune_code.clone(),
        cycle: DossierCycle::parse(&d.cycle).unwrap_or(DossierCycle::FirstRecognition),
        state,
        submission_no: d.submission_no,
        form: form_of(&d),
        checklist,
        general_comments,
        completeness,
        viewer,
        actions: dossier::available(state, viewer)
            .into_iter()
            .filter(|a| !a.by_round())
            .collect(),
        may_edit: viewer == Party::Owner && state.editable_by_owner(),
        may_review: viewer == Party::Commune && reviewable(state),
        assessment,
        forward_note,
        versions,
        history: history
            .into_iter()
            .map(|h| HistoryEntry {
                at: crate::domain::dates::time(h.at),
                actor_name: h.actor_user_id.map(name_of).unwrap_or_default(),
                sentence: crate::services::audit::sentence_of(&h),
                action: h.action,
            })
            .collect(),
        max_upload_mb: limits.max_bytes / (1024 * 1024),
        max_files_per_item: limits.max_files_per_item,
        label,
        result,
    })
}

/// Each checklist item with the documents filed under it and the comments on it.
fn checklist(
    items: &[dossier_checklist_item::Model],
    documents: &[(dossier_document::Model, Option<stored_file::Model>)],
    comments: &[dossier_comment::Model],
    comment_view: &dyn Fn(&dossier_comment::Model) -> CommentView,
) -> Vec<ChecklistEntry> {
    items
        .iter()
        .map(|item| ChecklistEntry {
            code: item.code.clone(),
            name_vi: item.name_vi.clone(),
            name_en: item.name_en.clone(),
            mandatory: item.mandatory,
            documents: documents
                .iter()
                .filter(|(doc, _)| doc.item_code == item.code)
                .filter_map(|(doc, file)| {
                    let file = file.as_ref()?;
                    Some(DocumentView {
                        document_id: doc.id,
                        file_id: file.id,
                        name: file.original_name.clone(),
                        media_type: file.media_type.clone(),
                        size_bytes: file.size_bytes,
                        has_thumbnail: file.thumb_sha256.is_some(),
                    })
                })
                .collect(),
            comments: comments
                .iter()
                .filter(|c| c.item_code.as_deref() == Some(item.code.as_str()))
                .map(comment_view)
                .collect(),
        })
        .collect()
}

/// The submitted versions, newest first, each with what changed since the one before.
fn version_views(
    versions: &[dossier_version::Model],
    name_of: &dyn Fn(i32) -> String,
) -> Vec<VersionView> {
    let snapshots: Vec<Snapshot> = versions
        .iter()
        .map(|v| serde_json::from_str(&v.snapshot).unwrap_or_default())
        .collect();
    versions
        .iter()
        .enumerate()
        .map(|(i, v)| VersionView {
            number: v.number,
            at: crate::domain::dates::time(v.created_at),
            by_name: name_of(v.created_by),
            changes: match i {
                0 => Vec::new(),
                _ => dossier_diff::diff(&snapshots[i - 1], &snapshots[i]),
            },
        })
        .rev()
        .collect()
}

/// The commune comments and pre-assesses while the dossier waits for its check.
pub(crate) fn reviewable(state: DossierState) -> bool {
    matches!(
        state,
        DossierState::Submitted | DossierState::Resubmitted | DossierState::Checked
    )
}

/// (full name, is an official) of each account.
async fn names(
    db: &DatabaseConnection,
    ids: impl Iterator<Item = i32>,
) -> Result<HashMap<i32, (String, bool)>, ServiceError> {
    let mut ids: Vec<i32> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    let accounts = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(by_id(accounts, |a| a.id)
        .into_iter()
        .map(|(id, a)| (id, (a.full_name, a.role != Role::Producer)))
        .collect())
}
