//! Inspections of certified products: the list and one inspection, planning, photos, and one
//! function for every action on an inspection (the visit, the steps after it, the revocation).
use leptos::prelude::*;

use crate::domain::inspection::InspectionState;
use crate::models::AppError;
#[cfg(feature = "ssr")]
use crate::models::inspections::InspectionFilter;
use crate::models::inspections::{
    InspectionInput, InspectionPage, InspectionView, PlanCandidate, PlanInput,
};

/// One page of the inspections the viewer may see; arguments straight from the address bar.
#[server(prefix = "/api", endpoint = "list_inspections")]
pub async fn list_inspections(
    state: String,
    product: String,
    page: String,
) -> Result<InspectionPage, AppError> {
    let ctx = crate::functions::ctx().await?;
    let filter = InspectionFilter {
        state: state.chars().take(24).collect(),
        product_id: product.trim().parse().ok(),
        page: page.trim().parse().unwrap_or(1),
    };
    Ok(crate::services::inspections::view::browse(&ctx.db, &ctx.actor, &filter, ctx.today).await?)
}

#[server(prefix = "/api", endpoint = "get_inspection")]
pub async fn get_inspection(id: i32) -> Result<InspectionView, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::inspections::view::inspection_view(
        &ctx.db,
        &ctx.actor,
        id,
        ctx.today,
        &ctx.app.upload_limits,
        ctx.app.certificates.expiring_within_days,
    )
    .await?)
}

/// The certified products the official may put in a plan.
#[server(prefix = "/api", endpoint = "list_plan_candidates")]
pub async fn list_plan_candidates() -> Result<Vec<PlanCandidate>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::inspections::plan::candidates(&ctx.db, &ctx.actor, ctx.today).await?)
}

/// Plans one inspection per chosen product; the number planned.
#[server(prefix = "/api", endpoint = "plan_inspections")]
pub async fn plan_inspections(input: PlanInput) -> Result<usize, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::inspections::plan::plan(&ctx.db, &ctx.actor, &input, ctx.today)
            .await?
            .len(),
    )
}

/// One action on an inspection (the visit, a step after it, or the revocation); the new state.
#[server(prefix = "/api", endpoint = "act_on_inspection")]
pub async fn act_on_inspection(input: InspectionInput) -> Result<InspectionState, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::inspections::steps::step(&ctx.db, &ctx.actor, &input, ctx.today).await?)
}

/// Adds a photo to an inspection (multipart fields `inspection_id`, then `file`).
#[server(prefix = "/api", endpoint = "upload_inspection_photo", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn upload_inspection_photo(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    let (id, upload) =
        crate::functions::uploads::read_upload_for(&ctx, data, "inspection_id").await?;
    Ok(crate::services::inspections::photos::add_photo(
        &ctx.db,
        ctx.app.files.as_ref(),
        &ctx.app.upload_limits,
        &ctx.actor,
        id,
        upload,
    )
    .await?)
}
