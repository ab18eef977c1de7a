//! Product labels (`/labels/{product_id}`) and the label checklist master data
//! (`/admin/label-checklist`).
use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::traceability::labels::{ChecklistRow, ProductLabelView};

#[server(prefix = "/api", endpoint = "get_product_label")]
pub async fn get_product_label(product_id: i32) -> Result<ProductLabelView, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::traceability::labels::for_product(
        &ctx.db,
        &ctx.actor,
        product_id,
        ctx.today,
        &ctx.app.certificates,
        &ctx.app.upload_limits,
    )
    .await?)
}

/// Saves the label's content (`content[code]=text`, one per checklist item); returns the new
/// version. `shows_mark` is a checkbox: present when ticked.
#[server(prefix = "/api", endpoint = "save_product_label")]
pub async fn save_product_label(
    product_id: i32,
    version: i32,
    #[server(default)] content: BTreeMap<String, String>,
    #[server(default)] shows_mark: Option<String>,
    #[server(default)] shown_stars: String,
) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    let input = crate::services::traceability::labels::LabelInput {
        content,
        shows_mark: shows_mark.is_some(),
        shown_stars,
        version,
    };
    Ok(crate::services::traceability::labels::save(&ctx.db, &ctx.actor, product_id, input).await?)
}

/// Adds a version of the label artwork (multipart fields `product_id`, then `file`); returns
/// its version number.
#[server(prefix = "/api", endpoint = "upload_label_artwork", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn upload_label_artwork(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    let (product_id, upload) =
        crate::functions::uploads::read_upload_for(&ctx, data, "product_id").await?;
    Ok(crate::services::traceability::labels::add_artwork(
        &ctx.db,
        ctx.app.files.as_ref(),
        &ctx.app.upload_limits,
        &ctx.actor,
        product_id,
        upload,
    )
    .await?)
}

/// Makes a standard or test report of the product's dossiers public (`public` true) or not.
#[server(prefix = "/api", endpoint = "set_document_public")]
pub async fn set_document_public(
    product_id: i32,
    file_id: i32,
    public: bool,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::traceability::public_documents::set_public(
        &ctx.db, &ctx.actor, product_id, file_id, public,
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "list_label_checklist")]
pub async fn list_label_checklist() -> Result<Vec<ChecklistRow>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::traceability::label_checklist::rows(&ctx.db, &ctx.actor).await?)
}

/// Adds (`id` 0) or changes a checklist row (fields named `row[…]`); returns its id.
#[server(prefix = "/api", endpoint = "save_label_checklist_item")]
pub async fn save_label_checklist_item(
    id: i32,
    row: crate::models::traceability::labels::ChecklistRowInput,
) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    let id = (id > 0).then_some(id);
    Ok(
        crate::services::traceability::label_checklist::save_row(&ctx.db, &ctx.actor, id, row)
            .await?,
    )
}
