//! The dashboard (`/dashboard`).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::dashboard::{Dashboard, DashboardFilter};

#[server(prefix = "/api", endpoint = "get_dashboard")]
pub async fn get_dashboard(filter: DashboardFilter) -> Result<Dashboard, AppError> {
    let app = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&app).await?;
    Ok(crate::services::reports::dashboard::dashboard(
        &app.db,
        &actor,
        &filter,
        crate::services::today_in_vietnam(),
        app.certificates.expiring_within_days,
    )
    .await?)
}
