//! The officials' registries of subjects and products.
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::registry::{ProductEntry, RegistryFilter, RegistryPage, SubjectEntry};

/// A page of the products of a commune (a commune officer's own) or of the province.
#[server(prefix = "/api", endpoint = "list_registry_products")]
pub async fn list_registry_products(
    filter: RegistryFilter,
) -> Result<RegistryPage<ProductEntry>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::registry::products(
        &ctx.db,
        &ctx.actor,
        filter.bounded(),
        ctx.today,
        ctx.app.certificates.expiring_within_days,
    )
    .await?)
}

/// A page of the subjects of a commune (a commune officer's own) or of the province.
#[server(prefix = "/api", endpoint = "list_registry_subjects")]
pub async fn list_registry_subjects(
    filter: RegistryFilter,
) -> Result<RegistryPage<SubjectEntry>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::registry::subjects(&ctx.db, &ctx.actor, filter.bounded(), ctx.today)
            .await?,
    )
}
