//! The dashboard (`/dashboard`).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::reports::dashboard::{Dashboard, DashboardFilter};

#[server(prefix = "/api", endpoint = "get_dashboard")]
pub async fn get_dashboard(filter: DashboardFilter) -> Result<Dashboard, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::reports::dashboard::shared_dashboard(
        &ctx.app.dashboards,
        &ctx.app.readers,
        &ctx.actor,
        &filter,
        ctx.today,
        ctx.app.certificates.expiring_within_days,
    )
    .await?)
}
