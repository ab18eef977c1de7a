//! Production lots and their timelines: the producer's pages (`/producer/products/{id}/lots`,
//! `/producer/lots/{id}`) and the public trace page (`/lots/{id}`).
// The forms' fields arrive named `lot[…]` and `event[…]` (they work without JavaScript).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::traceability::lots::{LotView, ProductLots};

#[server(prefix = "/api", endpoint = "list_product_lots")]
pub async fn list_product_lots(product_id: i32) -> Result<ProductLots, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::traceability::lots::for_product(&ctx.db, &ctx.actor, product_id).await?)
}

/// Records a lot; returns its id.
#[server(prefix = "/api", endpoint = "create_lot")]
pub async fn create_lot(
    product_id: i32,
    lot: crate::models::traceability::lots::LotInput,
) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::traceability::lots::create(&ctx.db, &ctx.actor, product_id, &lot).await?)
}

/// Adds a photo to an event (multipart fields `event_id`, then `file`); returns the file's id.
#[server(prefix = "/api", endpoint = "upload_event_photo", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn upload_event_photo(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    let (event_id, upload) =
        crate::functions::uploads::read_upload_for(&ctx, data, "event_id").await?;
    Ok(crate::services::traceability::lot_photos::add_photo(
        &ctx.db,
        ctx.app.files.as_ref(),
        &ctx.app.upload_limits,
        &ctx.actor,
        event_id,
        upload,
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "get_lot")]
pub async fn get_lot(lot_id: i32) -> Result<LotView, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::traceability::lots::detail(
        &ctx.db,
        &ctx.actor,
        lot_id,
        &ctx.base,
        ctx.today,
        &ctx.app.certificates,
    )
    .await?)
}

/// Adds an event; `event[inputs]` holds the ids of the lots that went in, comma-separated.
#[server(prefix = "/api", endpoint = "add_lot_event")]
pub async fn add_lot_event(
    lot_id: i32,
    event: crate::models::traceability::lots::EventInput,
) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::traceability::lots::add_event(&ctx.db, &ctx.actor, lot_id, &event).await?)
}

/// The public trace of a lot, for anyone.
#[server(prefix = "/api", endpoint = "get_public_lot")]
pub async fn get_public_lot(lot_id: i32) -> Result<LotView, AppError> {
    let app = crate::state::app_state()?;
    let today = crate::services::today_in_vietnam();
    Ok(crate::services::traceability::lots::public_trace(
        &app.db,
        lot_id,
        &crate::functions::request_base(&app),
        today,
        &app.certificates,
    )
    .await?)
}
