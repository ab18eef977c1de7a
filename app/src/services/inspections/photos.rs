//! Photos of an inspection: the inspector's, taken at the visit (from a phone), and the
//! producer's evidence of a correction. Only the subject and its officials may open them
//! (`downloads`).
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, TransactionTrait,
};

use crate::auth::{Actor, Denied};
use crate::domain::audit_action::AuditAction;
use crate::domain::inspection::{InspectionState, Party};
use crate::domain::reason::Reason;
use crate::entities::inspection_photo;
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::files::store::FileStore;
use crate::services::files::uploads::{self, Purpose, Upload, UploadLimits};
use crate::services::input::invalid;
use crate::services::inspections::{load_for, product_name};

/// Where a photo goes: the visit's (an inspector, until the inspection ends) or the evidence
/// (the producer, while a correction is awaited from them).
pub fn stage_for(state: InspectionState, parties: &[Party]) -> Option<&'static str> {
    if parties.contains(&Party::Producer) {
        return (state == InspectionState::CorrectionRequested).then_some("evidence");
    }
    let open = matches!(
        state,
        InspectionState::Planned
            | InspectionState::CorrectionRequested
            | InspectionState::CorrectionAnswered
            | InspectionState::RevocationProposed
    );
    (parties.contains(&Party::Inspector) && open).then_some("visit")
}

/// Adds a photo (re-encoded, with a thumbnail) to an inspection; returns its file's id.
///
/// # Errors
/// `NotFound` for an inspection the actor has no part in; `Denied` when they may not add one
/// now; `Invalid` (`file`) for a refused file or too many photos.
pub async fn add_photo(
    db: &DatabaseConnection,
    files: &dyn FileStore,
    limits: &UploadLimits,
    actor: &Actor,
    inspection_id: i32,
    upload: Upload,
) -> Result<i32, ServiceError> {
    let (found, parties) = load_for(db, actor, inspection_id).await?;
    let stage = stage_for(found.state, &parties).ok_or(ServiceError::Denied(Denied::NotAllowed))?;
    let count = inspection_photo::Entity::find()
        .filter(inspection_photo::Column::InspectionId.eq(found.id))
        .filter(inspection_photo::Column::Stage.eq(stage))
        .count(db)
        .await?;
    if count >= limits.max_files_per_item as u64 {
        return Err(invalid("file", Reason::TooManyFiles));
    }
    // The file first (an image is decoded and encoded again): no transaction is open yet.
    let file = uploads::store(
        db,
        files,
        limits,
        upload,
        (found.subject_id, actor.user_id()),
        Purpose::InspectionPhoto,
    )
    .await?;
    let txn = db.begin().await?;
    inspection_photo::ActiveModel {
        inspection_id: Set(found.id),
        file_id: Set(file.id),
        stage: Set(stage.to_owned()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let name = product_name(&txn, found.product_id).await?;
    audit::append(
        &txn,
        Entry {
            actor_user_id: actor.user_id(),
            action: AuditAction::InspectionPhoto,
            target_type: "inspection",
            target_id: Some(found.id.to_string()),
            summary: format!("{name}: + {}", file.original_name),
            ip: None,
            details: Default::default(),
        }
        .with("file", &file.original_name)
        .with("product", &name),
    )
    .await?;
    txn.commit().await?;
    Ok(file.id)
}
