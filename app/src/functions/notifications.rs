//! In-app notifications: the header's badge and `/notifications`.
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::notifications::NotificationView;

/// Unread notifications of the signed-in account (0 for visitors).
#[server(prefix = "/api", endpoint = "unread_notifications")]
pub async fn unread_notifications() -> Result<u64, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::notifications::unread_count(&ctx.db, &ctx.actor).await?)
}

/// The newest notifications of the signed-in account.
#[server(prefix = "/api", endpoint = "list_notifications")]
pub async fn list_notifications() -> Result<Vec<NotificationView>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::notifications::list(&ctx.db, &ctx.actor).await?)
}

#[server(prefix = "/api", endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::notifications::mark_all_read(&ctx.db, &ctx.actor).await?)
}
