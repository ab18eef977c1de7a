//! The signed-in producer's products (`/producer/products`).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::producers::products::{ProductDetail, ProductRow};

/// The products of the signed-in producer's subject.
#[server(prefix = "/api", endpoint = "list_my_products")]
pub async fn list_my_products() -> Result<Vec<ProductRow>, AppError> {
    let ctx = crate::functions::ctx().await?;
    let subject_id = own_subject(&ctx.actor)?;
    Ok(
        crate::services::producers::products::list_for_subject(&ctx.db, &ctx.actor, subject_id)
            .await?,
    )
}

/// One product (public for an active subject).
#[server(prefix = "/api", endpoint = "get_product")]
pub async fn get_product(product_id: i32) -> Result<ProductDetail, AppError> {
    let ctx = crate::functions::ctx().await?;
    let mut detail =
        crate::services::producers::products::product_detail(&ctx.db, &ctx.actor, product_id)
            .await?;
    detail.max_upload_mb = ctx.app.upload_limits.max_bytes / (1024 * 1024);
    Ok(detail)
}

/// Creates (`product_id` 0) or saves a product of the signed-in producer's subject; returns
/// its id.
#[server(prefix = "/api", endpoint = "save_product")]
pub async fn save_product(
    product: crate::models::producers::products::ProductInput,
) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    let subject_id = own_subject(&ctx.actor)?;
    Ok(crate::services::producers::products::save_product(
        &ctx.db, &ctx.actor, subject_id, product, ctx.ip,
    )
    .await?)
}

/// Adds a photo to a product (multipart fields `product_id`, then `file`); returns its id.
#[server(prefix = "/api", endpoint = "upload_product_photo", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn upload_product_photo(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    let (product_id, upload) =
        crate::functions::uploads::read_upload_for(&ctx, data, "product_id").await?;
    Ok(crate::services::producers::product_photos::add_photo(
        &ctx.db,
        ctx.app.files.as_ref(),
        &ctx.app.upload_limits,
        &ctx.actor,
        product_id,
        upload,
        ctx.ip,
    )
    .await?)
}

/// Makes a photo its product's cover.
#[server(prefix = "/api", endpoint = "set_product_cover")]
pub async fn set_product_cover(photo_id: i32) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::producers::product_photos::set_cover(
            &ctx.db, &ctx.actor, photo_id, ctx.ip,
        )
        .await?,
    )
}

#[server(prefix = "/api", endpoint = "remove_product_photo")]
pub async fn remove_product_photo(photo_id: i32) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::producers::product_photos::remove_photo(
        &ctx.db, &ctx.actor, photo_id, ctx.ip,
    )
    .await?)
}

/// The subject the actor acts for: none for officials (refused), sign-in for visitors.
#[cfg(feature = "ssr")]
fn own_subject(actor: &crate::auth::Actor) -> Result<i32, AppError> {
    match actor {
        crate::auth::Actor::Anonymous => Err(AppError::SignInRequired),
        crate::auth::Actor::User {
            subject_id: Some(id),
            ..
        } => Ok(*id),
        crate::auth::Actor::User { .. } => Err(AppError::Forbidden),
    }
}

/// A product's public page (`/products/{id}`), for anyone.
#[server(prefix = "/api", endpoint = "get_public_product")]
pub async fn get_public_product(
    id: i32,
) -> Result<crate::models::producers::products::PublicProduct, AppError> {
    let app = crate::state::app_state()?;
    let base = crate::functions::request_base(&app);
    let today = crate::services::today_in_vietnam();
    Ok(crate::services::traceability::public_product::product(
        &app.db,
        id,
        &base,
        today,
        &app.certificates,
    )
    .await?)
}
