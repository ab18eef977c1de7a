//! Periodic reports (`/reports`, `/reports/{period}/{scope}`).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::reports::{ReportView, ReportsHome};

#[server(prefix = "/api", endpoint = "get_reports_home")]
pub async fn get_reports_home() -> Result<ReportsHome, AppError> {
    let app = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&app).await?;
    Ok(
        crate::services::reports::home(&app.db, &actor, crate::services::today_in_vietnam())
            .await?,
    )
}

#[server(prefix = "/api", endpoint = "get_report")]
pub async fn get_report(period_id: i32, scope: String) -> Result<ReportView, AppError> {
    let app = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&app).await?;
    Ok(crate::services::reports::open(
        &app.db,
        &actor,
        period_id,
        &scope,
        crate::services::today_in_vietnam(),
    )
    .await?)
}

/// Saves the written sections; `submit` (the submit button's name) also submits the report.
/// Returns the new version.
#[server(prefix = "/api", endpoint = "save_report")]
pub async fn save_report(
    period_id: i32,
    scope: String,
    version: i32,
    #[server(default)] results: String,
    #[server(default)] difficulties: String,
    #[server(default)] proposals: String,
    #[server(default)] submit: Option<String>,
) -> Result<i32, AppError> {
    let app = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&app).await?;
    let sections = crate::services::reports::Sections {
        results,
        difficulties,
        proposals,
    };
    Ok(crate::services::reports::save(
        &app.db,
        &actor,
        period_id,
        &scope,
        sections,
        version,
        submit.is_some(),
        crate::services::today_in_vietnam(),
    )
    .await?)
}

/// The province accepts (`decision` "accept") or returns ("return", with a comment) a
/// submitted commune report; returns the new version.
#[server(prefix = "/api", endpoint = "review_report")]
pub async fn review_report(
    period_id: i32,
    scope: String,
    version: i32,
    decision: String,
    #[server(default)] comment: String,
) -> Result<i32, AppError> {
    let app = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&app).await?;
    Ok(crate::services::reports::review(
        &app.db,
        &actor,
        period_id,
        &scope,
        decision == "accept",
        &comment,
        version,
    )
    .await?)
}
