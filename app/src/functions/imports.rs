//! Imports of the province's spreadsheets: upload a file (its preview is kept as a batch), page
//! through the preview, map a column, import on confirmation, undo, and list the batches.
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::imports::{BatchRow, ImportPreview, Totals};

/// Uploads a spreadsheet (multipart: `file`); returns the new batch's id.
#[server(prefix = "/api", endpoint = "upload_import", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn upload_import(data: leptos::server_fn::codec::MultipartData) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    let (_, upload) = crate::functions::uploads::read_multipart(&ctx, data).await?;
    Ok(crate::services::imports::upload(
        &ctx.db,
        ctx.app.files.as_ref(),
        &ctx.actor,
        &upload.name,
        upload.bytes,
        ctx.today,
    )
    .await?)
}

/// A page of a batch's preview; `filter`: "all" or a verdict ("error", "new", "update", …).
#[server(prefix = "/api", endpoint = "get_import")]
pub async fn get_import(
    batch_id: i32,
    filter: String,
    page: usize,
) -> Result<ImportPreview, AppError> {
    let ctx = crate::functions::ctx().await?;
    let filter = match filter.as_str() {
        "error" | "new" | "update" | "same" | "skipped" => filter,
        _ => "all".to_owned(),
    };
    Ok(crate::services::imports::preview(&ctx.db, &ctx.actor, batch_id, &filter, page).await?)
}

/// Says what a column holds (`field`: a field's key, or empty to ignore the column).
#[server(prefix = "/api", endpoint = "map_import_column")]
pub async fn map_import_column(
    batch_id: i32,
    sheet: String,
    column: usize,
    field: String,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    let field = match field.as_str() {
        "" => None,
        key => Some(
            crate::domain::import::headers::Field::parse(key).ok_or_else(|| {
                AppError::invalid("field", crate::domain::reason::Reason::ImportMapping)
            })?,
        ),
    };
    Ok(crate::services::imports::choose_column(
        &ctx.db,
        ctx.app.files.as_ref(),
        &ctx.actor,
        batch_id,
        &sheet,
        column,
        field,
        ctx.today,
    )
    .await?)
}

/// Imports a previewed batch; `fingerprint` is the preview's (the data must not have changed).
#[server(prefix = "/api", endpoint = "commit_import")]
pub async fn commit_import(batch_id: i32, fingerprint: String) -> Result<Totals, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::imports::commit(
        &ctx.db,
        ctx.app.files.as_ref(),
        &ctx.actor,
        batch_id,
        &fingerprint,
        &ctx.app.certificates,
        ctx.today,
        ctx.ip.clone(),
    )
    .await?)
}

/// Undoes an imported batch as a whole.
#[server(prefix = "/api", endpoint = "undo_import")]
pub async fn undo_import(batch_id: i32) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::imports::undo_batch(&ctx.db, &ctx.actor, batch_id, ctx.ip.clone()).await?)
}

/// The batches, newest first.
#[server(prefix = "/api", endpoint = "list_imports")]
pub async fn list_imports() -> Result<Vec<BatchRow>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::imports::batches(&ctx.db, &ctx.actor).await?)
}
