//! Product dossiers: the producer files them (`/producer/dossiers`), the commune checks,
//! pre-assesses and forwards them (`/commune/dossiers`), the province sees the forwarded ones
//! (`/province/dossiers`).
// A form's fields arrive named `form[…]` / `assessment[…]` (they work without JavaScript).

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::domain::dossier::{DossierAction, DossierState};
use crate::models::AppError;
use crate::models::dossiers::{DossierList, DossierProductChoice, DossierView};

/// The dossiers the signed-in account works on, filtered (empty = any).
#[server(prefix = "/api", endpoint = "list_dossiers")]
pub async fn list_dossiers(
    state: String,
    commune_code: String,
    group_code: String,
    cycle: String,
    page: usize,
) -> Result<DossierList, AppError> {
    let ctx = crate::functions::ctx().await?;
    let filter = crate::models::dossiers::DossierFilter {
        state,
        commune_code,
        group_code,
        cycle,
        page,
    };
    Ok(crate::services::dossiers::filing::browse(&ctx.db, &ctx.actor, &filter).await?)
}

/// The signed-in producer's products, to open a dossier for.
#[server(prefix = "/api", endpoint = "dossier_products")]
pub async fn dossier_products() -> Result<Vec<DossierProductChoice>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::dossiers::filing::product_choices(&ctx.db, &ctx.actor).await?)
}

/// Opens a draft dossier; returns its id.
#[server(prefix = "/api", endpoint = "create_dossier")]
pub async fn create_dossier(product_id: i32, cycle: String) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::dossiers::filing::create_dossier(
        &ctx.db, &ctx.actor, product_id, &cycle, ctx.ip,
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "get_dossier")]
pub async fn get_dossier(dossier_id: i32) -> Result<DossierView, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::dossiers::filing::dossier_view(
        &ctx.db,
        &ctx.actor,
        dossier_id,
        &ctx.app.upload_limits,
    )
    .await?)
}

/// Saves the registration form (its fields named `form[annual_output]`, …).
#[server(prefix = "/api", endpoint = "save_dossier_form")]
pub async fn save_dossier_form(
    dossier_id: i32,
    version: i32,
    form: crate::domain::dossier_form::DossierFormInput,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::dossiers::filing::save_form(
        &ctx.db, &ctx.actor, dossier_id, version, &form, ctx.ip,
    )
    .await?)
}

/// Submit, return, resubmit, mark checked or withdraw (`action` as `DossierAction::as_str`).
#[server(prefix = "/api", endpoint = "dossier_action")]
pub async fn take_dossier_action(
    dossier_id: i32,
    version: i32,
    action: DossierAction,
    note: String,
) -> Result<DossierState, AppError> {
    let ctx = crate::functions::ctx().await?;
    let outcome = crate::services::dossiers::flow::act(
        &ctx.db, &ctx.actor, dossier_id, version, action, &note, ctx.ip,
    )
    .await?;
    Ok(outcome.state)
}

/// Forwards checked dossiers (ids separated by commas) with the commune's proposal note.
#[server(prefix = "/api", endpoint = "forward_dossiers")]
pub async fn forward_dossiers(dossier_ids: String, note: String) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    let ids = dossier_ids
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse::<i32>())
        .collect::<Result<Vec<i32>, _>>()
        .map_err(|_| AppError::invalid("dossier_ids", crate::domain::reason::Reason::Required))?;
    crate::services::dossiers::flow::forward(&ctx.db, &ctx.actor, &ids, &note, ctx.ip).await?;
    Ok(())
}

/// A comment on a checklist item (or on the whole dossier when `item_code` is empty).
#[server(prefix = "/api", endpoint = "comment_on_dossier")]
pub async fn comment_on_dossier(
    dossier_id: i32,
    item_code: String,
    body: String,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    crate::services::dossiers::commune_review::comment(
        &ctx.db, &ctx.actor, dossier_id, &item_code, &body, ctx.ip,
    )
    .await?;
    Ok(())
}

/// The commune's pre-assessment of the four criteria (fields named `assessment[…]`).
#[server(prefix = "/api", endpoint = "save_pre_assessment")]
pub async fn save_pre_assessment(
    dossier_id: i32,
    assessment: crate::domain::pre_assessment::PreAssessmentForm,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::dossiers::commune_review::save_assessment(
        &ctx.db,
        &ctx.actor,
        dossier_id,
        &assessment.into(),
        ctx.ip,
    )
    .await?)
}

/// Uploads one document (multipart fields `dossier_id`, `item_code`, then `file`); returns the
/// new document's id. The file is read in chunks and refused as soon as it passes the limit.
#[server(prefix = "/api", endpoint = "upload_dossier_document", input = MultipartFormData)]
pub async fn upload_dossier_document(data: MultipartData) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    let (fields, upload) = crate::functions::uploads::read_multipart(&ctx, data).await?;
    let dossier_id = fields
        .get("dossier_id")
        .and_then(|id| id.trim().parse::<i32>().ok());
    let item_code = fields.get("item_code").cloned().unwrap_or_default();
    let dossier_id = dossier_id
        .ok_or_else(|| AppError::invalid("dossier_id", crate::domain::reason::Reason::Required))?;
    Ok(crate::services::dossiers::documents::attach(
        &ctx.db,
        ctx.app.files.as_ref(),
        &ctx.app.upload_limits,
        &ctx.actor,
        (dossier_id, &item_code),
        upload,
        ctx.ip,
    )
    .await?)
}

/// Takes a document out of a dossier in the producer's hands.
#[server(prefix = "/api", endpoint = "remove_dossier_document")]
pub async fn remove_dossier_document(document_id: i32) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::dossiers::documents::remove(&ctx.db, &ctx.actor, document_id, ctx.ip)
            .await?,
    )
}
