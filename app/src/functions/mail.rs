//! The e-mail outbox's page (`/admin/mail`).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::mail::OutboxView;

/// Counts by state and the newest messages (`state` empty: all of them).
#[server(prefix = "/api", endpoint = "mail_outbox")]
pub async fn mail_outbox(state: String) -> Result<OutboxView, AppError> {
    let ctx = crate::functions::ctx().await?;
    let state: String = state.chars().take(16).collect();
    Ok(crate::services::mail::outbox_view::overview(
        &ctx.db,
        &ctx.actor,
        ctx.app.mail_enabled,
        &state,
    )
    .await?)
}

/// Queues a test message to the signed-in official's own address; returns the address.
#[server(prefix = "/api", endpoint = "send_test_mail")]
pub async fn send_test_mail() -> Result<String, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::mail::outbox_view::send_test(&ctx.db, &ctx.actor).await?)
}
