//! The adoption figures and the list of who is not there yet (`services::adoption`).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::adoption::AdoptionPage;

/// The province's figures by commune (with `commune`'s list when given), or a commune
/// officer's own.
#[server(prefix = "/api", endpoint = "get_adoption")]
pub async fn get_adoption(commune: Option<String>) -> Result<AdoptionPage, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::adoption::page(&ctx.db, &ctx.actor, commune.as_deref(), ctx.today).await?)
}
