//! Editing master data (`/admin/master-data`): units and the dossier checklist (the province
//! and administrators), product groups (administrators). Each change is dated and keeps the
//! earlier version.
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::master_data::editing::{
    ChecklistItemInput, MasterDataView, NewGroupInput, NewUnitInput, RenameGroupInput,
    RenameUnitInput, RetireInput, RetireUnitInput,
};

/// Every commune and ward, the product groups and the dossier checklist, with their history.
#[server(prefix = "/api", endpoint = "get_master_data")]
pub async fn get_master_data() -> Result<MasterDataView, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::master_data::editing_view::view(&ctx.db, &ctx.actor).await?)
}

#[server(prefix = "/api", endpoint = "add_unit")]
pub async fn add_unit(input: NewUnitInput) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::master_data::unit_edits::add_unit(&ctx.db, &ctx.actor, &input).await?)
}

#[server(prefix = "/api", endpoint = "rename_unit")]
pub async fn rename_unit(input: RenameUnitInput) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::master_data::unit_edits::rename_unit(&ctx.db, &ctx.actor, &input).await?)
}

/// Ends a unit; how many subjects are still registered in it.
#[server(prefix = "/api", endpoint = "retire_unit")]
pub async fn retire_unit(input: RetireUnitInput) -> Result<u64, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::master_data::unit_edits::retire_unit(&ctx.db, &ctx.actor, &input).await?)
}

#[server(prefix = "/api", endpoint = "add_product_group")]
pub async fn add_product_group(input: NewGroupInput) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::master_data::group_edits::add_group(&ctx.db, &ctx.actor, &input).await?)
}

#[server(prefix = "/api", endpoint = "rename_product_group")]
pub async fn rename_product_group(input: RenameGroupInput) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::master_data::group_edits::rename_group(&ctx.db, &ctx.actor, &input)
            .await?,
    )
}

#[server(prefix = "/api", endpoint = "retire_product_group")]
pub async fn retire_product_group(input: RetireInput) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::master_data::group_edits::retire_group(&ctx.db, &ctx.actor, &input)
            .await?,
    )
}

#[server(prefix = "/api", endpoint = "save_dossier_checklist_item")]
pub async fn save_dossier_checklist_item(input: ChecklistItemInput) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::master_data::checklist_edits::save_item(&ctx.db, &ctx.actor, &input)
            .await?,
    )
}

#[server(prefix = "/api", endpoint = "retire_dossier_checklist_item")]
pub async fn retire_dossier_checklist_item(input: RetireInput) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::master_data::checklist_edits::retire_item(&ctx.db, &ctx.actor, &input)
            .await?,
    )
}
