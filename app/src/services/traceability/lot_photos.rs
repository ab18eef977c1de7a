//! Photos on a lot's events: the subject's members add them (from a phone, at the field or the
//! packing table); they are public with the lot's trace, like the product's photos.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use crate::auth::{Action, Actor};
use crate::entities::{lot, lot_event, lot_event_photo, subject};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::files::store::FileStore;
use crate::services::files::uploads::{self, Purpose, Upload, UploadLimits};
use crate::services::input::invalid;

/// Adds a photo (an image, re-encoded with a thumbnail) to an event; returns its file's id.
///
/// # Errors
/// `Denied` unless the actor is a member of the lot's subject; `NotFound`; `Invalid` (`file`)
/// for a refused file or too many photos on the event.
pub async fn add_photo(
    db: &DatabaseConnection,
    files: &dyn FileStore,
    limits: &UploadLimits,
    actor: &Actor,
    event_id: i32,
    upload: Upload,
) -> Result<i32, ServiceError> {
    let event = lot_event::Entity::find_by_id(event_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let found = lot::Entity::find_by_id(event.lot_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let s = subject::Entity::find_by_id(found.subject_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    crate::services::guards::subject(actor, Action::EditSubject, &s)?;
    let count = lot_event_photo::Entity::find()
        .filter(lot_event_photo::Column::EventId.eq(event_id))
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
        (s.id, actor.user_id()),
        Purpose::EventPhoto,
    )
    .await?;
    let txn = db.begin().await?;
    lot_event_photo::ActiveModel {
        event_id: Set(event_id),
        file_id: Set(file.id),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        Entry {
            actor_user_id: actor.user_id(),
            action: AuditAction::LotEventPhoto,
            target_type: "lot",
            target_id: Some(found.id.to_string()),
            summary: format!("{} #{event_id}: + {}", found.code, file.original_name),
            ip: None,
            details: Default::default(),
        }
        .with("file", &file.original_name)
        .with("code", &found.code),
    )
    .await?;
    txn.commit().await?;
    Ok(file.id)
}

/// The photos' file ids of each of `events`, in upload order.
///
/// # Errors
/// A database error.
pub async fn of_events(
    db: &impl ConnectionTrait,
    events: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, Vec<i32>>, ServiceError> {
    let mut out: HashMap<i32, Vec<i32>> = HashMap::new();
    for photo in lot_event_photo::Entity::find()
        .filter(lot_event_photo::Column::EventId.is_in(events))
        .order_by_asc(lot_event_photo::Column::Id)
        .all(db)
        .await?
    {
        out.entry(photo.event_id).or_default().push(photo.file_id);
    }
    Ok(out)
}
