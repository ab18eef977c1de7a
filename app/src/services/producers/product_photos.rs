//! Photos of a product, kept by the subject's members: several, in order, one of them the
//! cover (the first uploaded until another is chosen). Photos are public with their product.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use crate::auth::Actor;
use crate::entities::{product, product_photo, stored_file};
use crate::models::producers::products::ProductPhotoView;
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::files::store::FileStore;
use crate::services::files::uploads::{self, Purpose, Upload, UploadLimits};
use crate::services::input::invalid;

/// The product's photos, the cover first.
///
/// # Errors
/// A database error.
pub async fn photos_of(
    db: &impl ConnectionTrait,
    product_id: i32,
) -> Result<Vec<ProductPhotoView>, ServiceError> {
    let rows = product_photo::Entity::find()
        .filter(product_photo::Column::ProductId.eq(product_id))
        .order_by_desc(product_photo::Column::IsCover)
        .order_by_asc(product_photo::Column::Sort)
        .all(db)
        .await?;
    let files = stored_file::Entity::find()
        .filter(stored_file::Column::Id.is_in(rows.iter().map(|r| r.file_id)))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| ProductPhotoView {
            photo_id: r.id,
            file_id: r.file_id,
            name: files
                .iter()
                .find(|f| f.id == r.file_id)
                .map(|f| f.original_name.clone())
                .unwrap_or_default(),
            is_cover: r.is_cover,
        })
        .collect())
}

/// The cover photo's file id of each of `products` that has a photo, in one query.
///
/// # Errors
/// A database error.
pub async fn covers(
    db: &impl ConnectionTrait,
    products: impl IntoIterator<Item = i32>,
) -> Result<std::collections::HashMap<i32, i32>, ServiceError> {
    let mut out = std::collections::HashMap::new();
    for photo in product_photo::Entity::find()
        .filter(product_photo::Column::ProductId.is_in(products))
        .order_by_desc(product_photo::Column::IsCover)
        .order_by_asc(product_photo::Column::Sort)
        .all(db)
        .await?
    {
        out.entry(photo.product_id).or_insert(photo.file_id);
    }
    Ok(out)
}

/// Adds a photo (an image; re-encoded with a thumbnail); returns the photo's id.
///
/// # Errors
/// `Denied` unless the actor is a member of the product's subject; `NotFound`; `Invalid`
/// (`file`) for a refused file or too many photos.
pub async fn add_photo(
    db: &DatabaseConnection,
    files: &dyn FileStore,
    limits: &UploadLimits,
    actor: &Actor,
    product_id: i32,
    upload: Upload,
    ip: Option<String>,
) -> Result<i32, ServiceError> {
    let p = editable_product(db, actor, product_id).await?;
    // A quick refusal before the slow image work; counted again below under a lock.
    if photo_count(db, p.id).await? >= limits.max_files_per_item as u64 {
        return Err(invalid("file", Reason::TooManyFiles));
    }
    // The file first (an image is decoded and encoded again): no transaction is open yet.
    let file = uploads::store(
        db,
        files,
        limits,
        upload,
        (p.subject_id, actor.user_id()),
        Purpose::ProductPhoto,
    )
    .await?;
    let txn = db.begin().await?;
    // Writing the product's row locks it (a row lock on PostgreSQL, the write lock on
    // SQLite), so two uploads at once count one after the other.
    touch(&txn, p.id).await?;
    let count = photo_count(&txn, p.id).await?;
    if count >= limits.max_files_per_item as u64 {
        // The stored file stays unreferenced, as any upload refused after storing.
        return Err(invalid("file", Reason::TooManyFiles));
    }
    let photo = product_photo::ActiveModel {
        product_id: Set(p.id),
        file_id: Set(file.id),
        sort: Set(i32::try_from(count).unwrap_or(i32::MAX)),
        is_cover: Set(count == 0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        entry(
            actor,
            AuditAction::ProductPhotoAdd,
            p.id,
            format!("{}: + {}", p.name, file.original_name),
            ip,
        )
        .with("product", &p.name)
        .with("file", &file.original_name),
    )
    .await?;
    txn.commit().await?;
    Ok(photo.id)
}

/// Marks the product's information as changed now (`domain::completeness`).
async fn touch(txn: &impl ConnectionTrait, product_id: i32) -> Result<(), ServiceError> {
    product::Entity::update_many()
        .col_expr(product::Column::UpdatedAt, Expr::value(crate::clock::now()))
        .filter(product::Column::Id.eq(product_id))
        .exec(txn)
        .await?;
    Ok(())
}

async fn photo_count(db: &impl ConnectionTrait, product_id: i32) -> Result<u64, ServiceError> {
    Ok(product_photo::Entity::find()
        .filter(product_photo::Column::ProductId.eq(product_id))
        .count(db)
        .await?)
}

/// Makes a photo the cover.
///
/// # Errors
/// As `add_photo`; `NotFound` for a photo of another product.
pub async fn set_cover(
    db: &DatabaseConnection,
    actor: &Actor,
    photo_id: i32,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    let photo = find_photo(db, actor, photo_id).await?;
    let p = editable_product(db, actor, photo.product_id).await?;
    let txn = db.begin().await?;
    touch(&txn, p.id).await?;
    product_photo::Entity::update_many()
        .col_expr(product_photo::Column::IsCover, (false).into())
        .filter(product_photo::Column::ProductId.eq(p.id))
        .exec(&txn)
        .await?;
    product_photo::Entity::update_many()
        .col_expr(product_photo::Column::IsCover, (true).into())
        .filter(product_photo::Column::Id.eq(photo.id))
        .exec(&txn)
        .await?;
    audit::append(
        &txn,
        entry(
            actor,
            AuditAction::ProductPhotoCover,
            p.id,
            format!("{}: cover photo #{}", p.name, photo.id),
            ip,
        )
        .with("product", &p.name)
        .with("file", audit::file_name(&txn, photo.file_id).await?),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Removes a photo; if it was the cover, the next one becomes the cover.
///
/// # Errors
/// As `set_cover`.
pub async fn remove_photo(
    db: &DatabaseConnection,
    actor: &Actor,
    photo_id: i32,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    let photo = find_photo(db, actor, photo_id).await?;
    let p = editable_product(db, actor, photo.product_id).await?;
    let txn = db.begin().await?;
    touch(&txn, p.id).await?;
    product_photo::Entity::delete_by_id(photo.id)
        .exec(&txn)
        .await?;
    if photo.is_cover {
        let next = product_photo::Entity::find()
            .filter(product_photo::Column::ProductId.eq(p.id))
            .order_by_asc(product_photo::Column::Sort)
            .one(&txn)
            .await?;
        if let Some(next) = next {
            let mut next: product_photo::ActiveModel = next.into();
            next.is_cover = Set(true);
            next.update(&txn).await?;
        }
    }
    audit::append(
        &txn,
        entry(
            actor,
            AuditAction::ProductPhotoRemove,
            p.id,
            format!("{}: − photo #{}", p.name, photo.id),
            ip,
        )
        .with("product", &p.name)
        .with("file", audit::file_name(&txn, photo.file_id).await?),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn find_photo(
    db: &DatabaseConnection,
    actor: &Actor,
    photo_id: i32,
) -> Result<product_photo::Model, ServiceError> {
    if actor.user_id().is_none() {
        return Err(ServiceError::Denied(crate::auth::Denied::SignInRequired));
    }
    product_photo::Entity::find_by_id(photo_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// The product, if the actor may keep its subject's products.
async fn editable_product(
    db: &DatabaseConnection,
    actor: &Actor,
    product_id: i32,
) -> Result<product::Model, ServiceError> {
    let p = product::Entity::find_by_id(product_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    crate::services::guards::member_subject(db, actor, p.subject_id).await?;
    Ok(p)
}

fn entry(
    actor: &Actor,
    action: AuditAction,
    product_id: i32,
    summary: String,
    ip: Option<String>,
) -> Entry<'static> {
    Entry {
        actor_user_id: actor.user_id(),
        action,
        target_type: "product",
        target_id: Some(product_id.to_string()),
        summary,
        ip,
        details: Default::default(),
    }
}
