//! Periodic reports (`/reports`, `/reports/{period}/{scope}`).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::reports::periodic::{ReportView, ReportsHome};

#[server(prefix = "/api", endpoint = "get_reports_home")]
pub async fn get_reports_home() -> Result<ReportsHome, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::reports::periodic::home(&ctx.db, &ctx.actor, ctx.today).await?)
}

#[server(prefix = "/api", endpoint = "get_report")]
pub async fn get_report(period_id: i32, scope: String) -> Result<ReportView, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::reports::periodic::open(&ctx.db, &ctx.actor, period_id, &scope, ctx.today)
            .await?,
    )
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
    let ctx = crate::functions::ctx().await?;
    let sections = crate::services::reports::periodic::Sections {
        results,
        difficulties,
        proposals,
    };
    let saved = crate::services::reports::periodic::save(
        &ctx.db,
        &ctx.actor,
        period_id,
        &scope,
        sections,
        version,
        submit.is_some(),
        ctx.today,
    )
    .await?;
    let action = if submit.is_some() {
        crate::domain::audit_action::AuditAction::ReportSubmit
    } else {
        crate::domain::audit_action::AuditAction::ReportSave
    };
    let report =
        crate::services::reports::settings::report_name(&ctx.db, period_id, &scope).await?;
    ctx.audit(
        action,
        ("report", format!("{period_id}/{scope}")),
        format!("version {saved}"),
        crate::domain::audit_details::Details::new()
            .with("report", report)
            .with("version", saved),
    )
    .await?;
    Ok(saved)
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
    let ctx = crate::functions::ctx().await?;
    let accept = decision == "accept";
    let reviewed = crate::services::reports::periodic::review(
        &ctx.db, &ctx.actor, period_id, &scope, accept, &comment, version,
    )
    .await?;
    let action = if accept {
        crate::domain::audit_action::AuditAction::ReportAccept
    } else {
        crate::domain::audit_action::AuditAction::ReportReturn
    };
    let summary: String = comment.chars().take(200).collect();
    let report =
        crate::services::reports::settings::report_name(&ctx.db, period_id, &scope).await?;
    ctx.audit(
        action,
        ("report", format!("{period_id}/{scope}")),
        summary.clone(),
        crate::domain::audit_details::Details::new()
            .with("report", report)
            .with("reason", summary),
    )
    .await?;
    Ok(reviewed)
}

#[server(prefix = "/api", endpoint = "get_report_settings")]
pub async fn get_report_settings()
-> Result<crate::models::reports::periodic::ReportSettings, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::reports::settings::settings(&ctx.db, &ctx.actor).await?)
}

/// Changes a period's dates (`YYYY-MM-DD`, as date inputs send them).
#[server(prefix = "/api", endpoint = "save_report_period")]
pub async fn save_report_period(
    period_id: i32,
    starts_on: String,
    ends_on: String,
    due_on: String,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    crate::services::reports::settings::save_period(
        &ctx.db, &ctx.actor, period_id, &starts_on, &ends_on, &due_on,
    )
    .await?;
    ctx.audit(
        crate::domain::audit_action::AuditAction::ReportSettingsPeriod,
        ("report_period", period_id.to_string()),
        format!("{starts_on} – {ends_on}, due {due_on}"),
        crate::domain::audit_details::Details::new()
            .with(
                "period",
                crate::services::reports::settings::period_name(&ctx.db, period_id).await?,
            )
            .with("from", crate::domain::dates::iso_date(&starts_on))
            .with("to", crate::domain::dates::iso_date(&ends_on))
            .with("due", crate::domain::dates::iso_date(&due_on)),
    )
    .await
}

/// Adds an ad hoc report or a multi-year review of the province's; returns its period's id.
#[server(prefix = "/api", endpoint = "add_report_custom")]
pub async fn add_report_custom(
    input: crate::models::reports::periodic::CustomPeriodInput,
) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    let id = crate::services::reports::settings::add_custom(&ctx.db, &ctx.actor, &input).await?;
    ctx.audit(
        crate::domain::audit_action::AuditAction::ReportSettingsPeriod,
        ("report_period", id.to_string()),
        format!(
            "{} {} – {}",
            input.title.trim(),
            input.starts_on,
            input.ends_on
        ),
        crate::domain::audit_details::Details::new()
            .with("period", input.title.trim())
            .with("from", crate::domain::dates::iso_date(&input.starts_on))
            .with("to", crate::domain::dates::iso_date(&input.ends_on))
            .with("due", crate::domain::dates::iso_date(&input.due_on)),
    )
    .await?;
    Ok(id)
}

/// Adds a year's report periods; returns how many were new.
#[server(prefix = "/api", endpoint = "add_report_year")]
pub async fn add_report_year(year: i32) -> Result<u64, AppError> {
    let ctx = crate::functions::ctx().await?;
    let added = crate::services::reports::settings::add_year(&ctx.db, &ctx.actor, year).await?;
    ctx.audit(
        crate::domain::audit_action::AuditAction::ReportSettingsYear,
        ("report_period", year.to_string()),
        format!("{added} period(s) added"),
        crate::domain::audit_details::Details::new()
            .with("count", added.to_string())
            .with("year", year),
    )
    .await?;
    Ok(added)
}

/// Sets a year's targets for the province (`scope_code` "20") or a commune.
#[server(prefix = "/api", endpoint = "save_report_target")]
pub async fn save_report_target(
    year: i32,
    scope_code: String,
    new_3star: i32,
    national: i32,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    crate::services::reports::settings::save_target(
        &ctx.db,
        &ctx.actor,
        year,
        &scope_code,
        new_3star,
        national,
    )
    .await?;
    ctx.audit(
        crate::domain::audit_action::AuditAction::ReportSettingsTarget,
        ("report_target", format!("{year}/{scope_code}")),
        format!("3★+ new: {new_3star}, for 5★: {national}"),
        crate::domain::audit_details::Details::new()
            .with("year", year)
            .with(
                "scope",
                crate::services::reports::settings::scope_name(&ctx.db, &scope_code).await?,
            )
            .with("new", new_3star)
            .with("national", national),
    )
    .await
}
