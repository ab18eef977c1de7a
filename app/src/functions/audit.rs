//! Browsing the audit log (`/admin/audit`).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::audit::AuditPage;

/// One page of the audit log. Arguments are strings straight from the address bar.
#[server(prefix = "/api", endpoint = "browse_audit_log")]
pub async fn browse_audit_log(
    action: String,
    actor_user_id: String,
    target_user_id: String,
    from: String,
    to: String,
    page: String,
) -> Result<AuditPage, AppError> {
    use crate::models::audit::AuditFilter;
    let ctx = crate::functions::ctx().await?;
    let filter = AuditFilter {
        action: action.chars().take(64).collect(),
        actor_user_id: actor_user_id.trim().parse().ok(),
        target_user_id: target_user_id.trim().parse().ok(),
        from,
        to,
        page: page.trim().parse().unwrap_or(1),
    };
    Ok(crate::services::audit::browse(&ctx.db, &ctx.actor, &filter).await?)
}
