//! What waits for the signed-in user, at the top of their home.
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::reports::dashboard::ActionItem;

/// The next steps of the signed-in user (`services::work_areas::next_steps`).
#[server(prefix = "/api", endpoint = "next_steps")]
pub async fn next_steps() -> Result<Vec<ActionItem>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::work_areas::next_steps(
        &ctx.db,
        &ctx.actor,
        ctx.today,
        ctx.app.certificates.expiring_within_days,
    )
    .await?)
}
