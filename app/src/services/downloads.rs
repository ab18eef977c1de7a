//! Downloading a stored file through an access check: a product or lot-event photo is public
//! with its (active) subject; label artwork is for the subject and its officials; a dossier
//! document only for those who see a dossier it is filed in (or the subject's own members).
//! Anyone else gets "not found", as for a file that does not exist, so ids cannot be probed.
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::auth::{Actor, dossier_party};
use crate::domain::byte_range::{self, Wanted};
use crate::domain::dossier::{self as rules, Party};
use crate::domain::status::SubjectStatus;
use crate::entities::{dossier, dossier_document, stored_file, subject};
use crate::services::ServiceError;
use crate::services::files::store::FileStore;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub bytes: Vec<u8>,
    pub media_type: String,
    pub name: String,
    /// What of the file is served (a thumbnail is always whole), and the file's size.
    pub served: Wanted,
    pub size: u64,
    /// Of the bytes served whole or in part: the same id always names the same bytes.
    pub sha256: String,
}

/// The file (or its thumbnail) if `actor` may have it; of a file, only the part a `Range`
/// header (`range`) asks for, when it asks for one that exists.
///
/// # Errors
/// `NotFound` when it does not exist, has no thumbnail, or the actor may not read it.
pub async fn download(
    db: &DatabaseConnection,
    files: &dyn FileStore,
    actor: &Actor,
    file_id: i32,
    thumbnail: bool,
    range: Option<&str>,
) -> Result<Download, ServiceError> {
    let file = stored_file::Entity::find_by_id(file_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !may_read(db, actor, &file).await? {
        return Err(ServiceError::NotFound);
    }
    let (sha, media_type) = if thumbnail {
        (
            file.thumb_sha256.clone().ok_or(ServiceError::NotFound)?,
            "image/jpeg".to_owned(),
        )
    } else {
        (file.sha256.clone(), file.media_type.clone())
    };
    let size = u64::try_from(file.size_bytes).unwrap_or(0);
    let served = match range.filter(|_| !thumbnail) {
        Some(header) => byte_range::wanted(header, size),
        None => Wanted::Whole,
    };
    let read = match &served {
        Wanted::Part(part) => files.get_range(&sha, part.clone()).await,
        Wanted::Whole => files.get(&sha).await,
        Wanted::Unsatisfiable => Ok(Some(Vec::new())),
    };
    let bytes = read
        .map_err(|err| {
            tracing::error!(error = %err, file_id, "file store read");
            ServiceError::Db(sea_orm::DbErr::Custom("file store failed".into()))
        })?
        .ok_or_else(|| {
            tracing::error!(file_id, %sha, "stored file missing from the store");
            ServiceError::NotFound
        })?;
    if let Wanted::Part(part) = &served
        && bytes.len() as u64 != part.end - part.start
    {
        // The store holds fewer bytes than the database says: never a 206 that lies.
        tracing::error!(file_id, %sha, "stored file shorter than its recorded size");
        return Err(ServiceError::Db(sea_orm::DbErr::Custom(
            "file store failed".into(),
        )));
    }
    Ok(Download {
        bytes,
        media_type,
        name: file.original_name,
        served,
        size,
        sha256: sha,
    })
}

/// Whether a photo still belongs to its product or lot event (removing it deletes that row).
async fn still_shown(
    db: &DatabaseConnection,
    file: &stored_file::Model,
) -> Result<bool, ServiceError> {
    use crate::entities::{lot_event_photo, product_photo};
    use sea_orm::PaginatorTrait;
    let rows = if file.purpose == "product_photo" {
        product_photo::Entity::find()
            .filter(product_photo::Column::FileId.eq(file.id))
            .count(db)
            .await?
    } else {
        lot_event_photo::Entity::find()
            .filter(lot_event_photo::Column::FileId.eq(file.id))
            .count(db)
            .await?
    };
    Ok(rows > 0)
}

async fn may_read(
    db: &DatabaseConnection,
    actor: &Actor,
    file: &stored_file::Model,
) -> Result<bool, ServiceError> {
    let Some(subject_id) = file.subject_id else {
        return Ok(false);
    };
    let owner = subject::Entity::find_by_id(subject_id).one(db).await?;
    let Some(owner) = owner else {
        return Ok(false);
    };
    if dossier_party(actor, owner.id, &owner.commune_code) == Some(Party::Owner) {
        return Ok(true);
    }
    match file.purpose.as_str() {
        // Public with the product's page and the lot's trace — while it is on them: a photo
        // its owner removed is the owner's alone again.
        "product_photo" | "event_photo" => {
            return Ok(owner.status == SubjectStatus::Active && still_shown(db, file).await?);
        }
        // The label's and the inspection's officials: the subject's commune and the province.
        "label_artwork" | "inspection_photo" => {
            return Ok(dossier_party(actor, owner.id, &owner.commune_code).is_some());
        }
        // A standard or test report the producer made public with its product.
        _ if owner.status == SubjectStatus::Active
            && crate::services::traceability::public_documents::is_public(db, file.id).await? =>
        {
            return Ok(true);
        }
        _ => {}
    }
    let filed_in = dossier_document::Entity::find()
        .filter(dossier_document::Column::FileId.eq(file.id))
        .all(db)
        .await?;
    for doc in filed_in {
        if let Some(d) = dossier::Entity::find_by_id(doc.dossier_id).one(db).await? {
            let visible = Some(d.state).is_some_and(|state| {
                dossier_party(actor, d.subject_id, &d.commune_code)
                    .is_some_and(|party| rules::visible_to(party, state))
            });
            if visible
                || crate::services::evaluation::score_sheets::member_reads(db, actor, d.id).await?
            {
                return Ok(true);
            }
        }
    }
    Ok(false)
}
