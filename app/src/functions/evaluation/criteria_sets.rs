//! Criteria sets (`/admin/criteria`).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::evaluation::criteria_sets::{CriteriaSetRow, CriteriaSetView};

#[server(prefix = "/api", endpoint = "list_criteria_sets")]
pub async fn list_criteria_sets() -> Result<Vec<CriteriaSetRow>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::criteria_sets::list(&ctx.db, &ctx.actor).await?)
}

#[server(prefix = "/api", endpoint = "get_criteria_set")]
pub async fn get_criteria_set(id: i32) -> Result<CriteriaSetView, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::criteria_sets::detail(&ctx.db, &ctx.actor, id).await?)
}

/// Saves an edited or imported set (JSON); returns the id of the version written.
#[server(prefix = "/api", endpoint = "save_criteria_set")]
pub async fn save_criteria_set(
    group_code: String,
    name: String,
    json: String,
) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    let id = crate::services::evaluation::criteria_sets::save_version(
        &ctx.db,
        &ctx.actor,
        &group_code,
        &name,
        &json,
    )
    .await?;
    let summary: String = format!("{group_code}: {name}").chars().take(200).collect();
    ctx.audit(
        crate::domain::audit_action::AuditAction::CriteriaSave,
        ("criteria_set", id.to_string()),
        summary,
        crate::domain::audit_details::Details::new()
            .with("name", name.chars().take(200).collect::<String>()),
    )
    .await?;
    Ok(id)
}

/// Imports a set from an XLSX file (multipart: optional `group_code`, then `file`); returns the
/// id of the version written.
#[server(prefix = "/api", endpoint = "import_criteria_xlsx", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn import_criteria_xlsx(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    let (fields, upload) = crate::functions::uploads::read_multipart(&ctx, data).await?;
    let group_code = fields.get("group_code").cloned().unwrap_or_default();
    let id = crate::services::evaluation::criteria_sets::import_xlsx(
        &ctx.db,
        &ctx.actor,
        &group_code,
        &upload.bytes,
    )
    .await?;
    let summary: String = format!("{group_code}: {}", upload.name)
        .chars()
        .take(200)
        .collect();
    ctx.audit(
        crate::domain::audit_action::AuditAction::CriteriaImport,
        ("criteria_set", id.to_string()),
        summary,
        crate::domain::audit_details::Details::new()
            .with("name", upload.name.chars().take(200).collect::<String>()),
    )
    .await?;
    Ok(id)
}
