//! Officials' corrections to a subject (`/registry/subjects/{id}`): set it inactive or active
//! again, move it to another commune, and read its history.
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::dossiers::HistoryEntry;

/// Sets the subject inactive (`active` = "false") or active again (“true”), with a reason.
#[server(prefix = "/api", endpoint = "set_subject_active")]
pub async fn set_subject_active(
    subject_id: i32,
    version: i32,
    active: bool,
    reason: String,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::producers::subject_corrections::set_active(
        &ctx.db, &ctx.actor, subject_id, version, active, &reason,
    )
    .await?)
}

/// Moves the subject to another commune; how many products and open dossiers moved with it.
#[server(prefix = "/api", endpoint = "move_subject")]
pub async fn move_subject(
    subject_id: i32,
    version: i32,
    commune_code: String,
    reason: String,
) -> Result<(u64, u64), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::producers::subject_corrections::move_to_commune(
            &ctx.db,
            &ctx.actor,
            subject_id,
            version,
            &commune_code,
            &reason,
        )
        .await?,
    )
}

/// The subject's history, newest first.
#[server(prefix = "/api", endpoint = "get_subject_history")]
pub async fn get_subject_history(subject_id: i32) -> Result<Vec<HistoryEntry>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::producers::subject_corrections::history(&ctx.db, &ctx.actor, subject_id)
            .await?,
    )
}
