//! Documents of a dossier: the producer files uploads under checklist items while the dossier
//! is in their hands, and removes them; each change raises the dossier's version.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use crate::auth::{Actor, Denied};
use crate::domain::audit_details::size;
use crate::domain::dossier::Party;
use crate::entities::dossier_document;
use crate::services::ServiceError;
use crate::services::audit;
use crate::services::dossiers::filing::{
    bump, checklist_for, dossier_entry, group_code_of, item_name, load_for,
};
use crate::services::files::store::FileStore;
use crate::services::files::uploads::{self, Purpose, Upload, UploadLimits};
use crate::services::input::invalid;

/// Files an upload under checklist item `item_code` of a dossier; returns the new document's
/// id.
///
/// # Errors
/// `NotFound`; `Denied` unless the producer may edit it now; `Invalid` for an item not on the
/// checklist (`item_code`), too many files under it (`file`, `too_many_files`) or a refused
/// file (see `uploads::store`); `Conflict(Reason::ChangedMeanwhile)`.
pub async fn attach(
    db: &DatabaseConnection,
    files: &dyn FileStore,
    limits: &UploadLimits,
    actor: &Actor,
    (dossier_id, item_code): (i32, &str),
    upload: Upload,
    ip: Option<String>,
) -> Result<i32, ServiceError> {
    let (d, party, state) = load_for(db, actor, dossier_id).await?;
    if party != Party::Owner || !state.editable_by_owner() {
        return Err(ServiceError::Denied(Denied::NotAllowed));
    }
    let (_, group) = group_code_of(db, d.product_id).await?;
    let items = checklist_for(db, &group.code, d.created_at).await?;
    if !items.iter().any(|i| i.code == item_code) {
        return Err(invalid("item_code", Reason::Required));
    }
    let already = dossier_document::Entity::find()
        .filter(dossier_document::Column::DossierId.eq(d.id))
        .filter(dossier_document::Column::ItemCode.eq(item_code))
        .count(db)
        .await?;
    if already >= limits.max_files_per_item as u64 {
        return Err(invalid("file", Reason::TooManyFiles));
    }
    // The file first (an image is decoded and encoded again): no transaction is open yet.
    let file = uploads::store(
        db,
        files,
        limits,
        upload,
        (d.subject_id, actor.user_id()),
        Purpose::DossierDocument,
    )
    .await?;
    let txn = db.begin().await?;
    let doc = dossier_document::ActiveModel {
        dossier_id: Set(d.id),
        item_code: Set(item_code.to_owned()),
        file_id: Set(file.id),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    bump(&txn, &d, d.version, |q| q).await?;
    let summary = format!(
        "{item_code}: + {} ({} bytes)",
        file.original_name, file.size_bytes
    );
    audit::append(
        &txn,
        dossier_entry(actor, AuditAction::DossierDocumentAdd, d.id, summary, ip)
            .with("file", &file.original_name)
            .with("size", size(file.size_bytes))
            .with("item", item_name(&items, item_code)),
    )
    .await?;
    txn.commit().await?;
    Ok(doc.id)
}

/// Takes a document out of the dossier (the file stays in earlier frozen versions).
///
/// # Errors
/// `NotFound`; `Denied` unless the producer may edit it now.
pub async fn remove(
    db: &DatabaseConnection,
    actor: &Actor,
    document_id: i32,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    if actor.user_id().is_none() {
        return Err(ServiceError::Denied(Denied::SignInRequired));
    }
    let doc = dossier_document::Entity::find_by_id(document_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (d, party, state) = load_for(db, actor, doc.dossier_id).await?;
    if party != Party::Owner || !state.editable_by_owner() {
        return Err(ServiceError::Denied(Denied::NotAllowed));
    }
    let (_, group) = group_code_of(db, d.product_id).await?;
    let items = checklist_for(db, &group.code, d.created_at).await?;
    let file_name = audit::file_name(db, doc.file_id).await?;
    let txn = db.begin().await?;
    dossier_document::Entity::delete_by_id(doc.id)
        .exec(&txn)
        .await?;
    bump(&txn, &d, d.version, |q| q).await?;
    let summary = format!("{}: − file #{}", doc.item_code, doc.file_id);
    audit::append(
        &txn,
        dossier_entry(actor, AuditAction::DossierDocumentRemove, d.id, summary, ip)
            .with("file", file_name)
            .with("item", item_name(&items, &doc.item_code)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The documents of the dossiers with their stored files, in upload order (two queries).
///
/// # Errors
/// A database error.
pub(crate) async fn with_files(
    db: &impl sea_orm::ConnectionTrait,
    dossier_ids: impl IntoIterator<Item = i32>,
) -> Result<Vec<(dossier_document::Model, crate::entities::stored_file::Model)>, ServiceError> {
    use crate::entities::stored_file;
    let docs = dossier_document::Entity::find()
        .filter(dossier_document::Column::DossierId.is_in(dossier_ids))
        .order_by_asc(dossier_document::Column::Id)
        .all(db)
        .await?;
    let files: std::collections::HashMap<i32, stored_file::Model> = stored_file::Entity::find()
        .filter(stored_file::Column::Id.is_in(docs.iter().map(|d| d.file_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    Ok(docs
        .into_iter()
        .filter_map(|d| {
            // A file shared by two documents (same bytes) is cloned for the second.
            let file = files.get(&d.file_id).cloned();
            file.map(|f| (d, f))
        })
        .collect())
}
