//! Documents a producer makes public with a product: the declared standard and the test
//! reports, chosen among the files filed in the product's dossiers under those checklist items.
//! Nothing else of a dossier ever becomes public, and a file is public only once chosen.
use crate::domain::audit_action::AuditAction;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};

use crate::auth::{Action, Actor};
use crate::entities::{dossier, dossier_document, public_document, stored_file};
use crate::models::traceability::labels::PublicDocumentView;
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};

/// The dossier checklist items whose files may be made public.
pub const PUBLISHABLE_ITEMS: [&str; 2] = ["product_standard", "test_report"];

/// The files the subject may publish with the product, each saying whether it is public.
///
/// # Errors
/// `Denied` for anyone who may not view the subject; `NotFound`.
pub async fn choices(
    db: &DatabaseConnection,
    actor: &Actor,
    product_id: i32,
) -> Result<Vec<PublicDocumentView>, ServiceError> {
    let (_, s) = crate::services::guards::product_and_subject(db, product_id).await?;
    crate::services::guards::subject(actor, Action::ViewSubject, &s)?;
    let published: Vec<i32> = public_document::Entity::find()
        .filter(public_document::Column::ProductId.eq(product_id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.file_id)
        .collect();
    let mut out: Vec<PublicDocumentView> = Vec::new();
    for (doc, file) in filed(db, product_id).await? {
        if out.iter().any(|d| d.file_id == doc.file_id) {
            continue;
        }
        out.push(PublicDocumentView {
            file_id: doc.file_id,
            item_code: doc.item_code,
            name: file.original_name,
            public: published.contains(&doc.file_id),
        });
    }
    Ok(out)
}

/// Makes a file of the product's dossiers public, or private again.
///
/// # Errors
/// `Denied` unless the actor is a member of the subject; `NotFound` for a file that is not a
/// standard or test report filed in one of the product's dossiers.
pub async fn set_public(
    db: &DatabaseConnection,
    actor: &Actor,
    product_id: i32,
    file_id: i32,
    public: bool,
) -> Result<(), ServiceError> {
    let (p, s) = crate::services::guards::product_and_subject(db, product_id).await?;
    crate::services::guards::subject(actor, Action::EditSubject, &s)?;
    let (doc, file) = filed(db, product_id)
        .await?
        .into_iter()
        .find(|(d, _)| d.file_id == file_id)
        .ok_or(ServiceError::NotFound)?;
    let existing = public_document::Entity::find()
        .filter(public_document::Column::ProductId.eq(product_id))
        .filter(public_document::Column::FileId.eq(file_id))
        .one(db)
        .await?;
    match (existing, public) {
        (None, true) => {
            public_document::ActiveModel {
                product_id: Set(product_id),
                file_id: Set(file_id),
                item_code: Set(doc.item_code),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        (Some(row), false) => {
            public_document::Entity::delete_by_id(row.id)
                .exec(db)
                .await?;
        }
        _ => return Ok(()),
    }
    audit::append(
        db,
        Entry {
            actor_user_id: actor.user_id(),
            action: if public {
                AuditAction::ProductDocumentPublic
            } else {
                AuditAction::ProductDocumentPrivate
            },
            target_type: "product",
            target_id: Some(product_id.to_string()),
            summary: format!("{}: {}", p.name, file.original_name),
            ip: None,
            details: Default::default(),
        }
        .with("product", &p.name)
        .with("file", &file.original_name),
    )
    .await?;
    Ok(())
}

/// Whether a stored file is public as a product's document.
///
/// # Errors
/// A database error.
pub async fn is_public(db: &impl ConnectionTrait, file_id: i32) -> Result<bool, ServiceError> {
    Ok(public_document::Entity::find()
        .filter(public_document::Column::FileId.eq(file_id))
        .one(db)
        .await?
        .is_some())
}

/// The standards and test reports filed in the product's dossiers, with their files.
async fn filed(
    db: &DatabaseConnection,
    product_id: i32,
) -> Result<Vec<(dossier_document::Model, stored_file::Model)>, ServiceError> {
    let dossiers: Vec<i32> = dossier::Entity::find()
        .filter(dossier::Column::ProductId.eq(product_id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.id)
        .collect();
    Ok(dossier_document::Entity::find()
        .filter(dossier_document::Column::DossierId.is_in(dossiers))
        .filter(dossier_document::Column::ItemCode.is_in(PUBLISHABLE_ITEMS))
        .order_by_asc(dossier_document::Column::Id)
        .find_also_related(stored_file::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(d, f)| f.map(|f| (d, f)))
        .collect())
}
