//! Account administration for administrators and provincial officers (`/admin/accounts`).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::accounts::admin::{AccountDetail, AccountPage, ResetLink};

/// One page of the account list. Arguments are strings straight from the address bar.
#[server(prefix = "/api", endpoint = "list_accounts")]
pub async fn list_accounts(
    query: String,
    role: String,
    status: String,
    page: String,
) -> Result<AccountPage, AppError> {
    use crate::models::accounts::admin::AccountFilter;
    let ctx = crate::functions::ctx().await?;
    let filter = AccountFilter {
        query: query.chars().take(100).collect(),
        role,
        status,
        page: page.trim().parse().unwrap_or(1),
    };
    Ok(crate::services::accounts::admin::list_accounts(&ctx.db, &ctx.actor, &filter).await?)
}

/// One account with its history and what the viewer may do to it.
#[server(prefix = "/api", endpoint = "get_account_detail")]
pub async fn get_account_detail(user_id: i32) -> Result<AccountDetail, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::accounts::admin::account_detail(&ctx.db, &ctx.actor, user_id).await?)
}

/// Creates an official's account and returns the one-time link to set its password.
#[server(prefix = "/api", endpoint = "create_official_account")]
pub async fn create_official_account(
    role: String,
    full_name: String,
    email: String,
    phone: String,
    commune_code: String,
) -> Result<ResetLink, AppError> {
    use crate::models::accounts::admin::OfficialInput;
    let ctx = crate::functions::ctx().await?;
    let input = OfficialInput {
        role,
        full_name,
        email,
        phone,
        commune_code,
    };
    let link =
        crate::services::accounts::admin::create_official(&ctx.db, &ctx.actor, input, ctx.ip)
            .await?;
    deliver(&ctx.app, link, &site_origin().await)
}

/// Locks (`lock = true`, with a reason) or unlocks an account.
#[server(prefix = "/api", endpoint = "set_account_locked")]
pub async fn set_account_locked(user_id: i32, lock: bool, reason: String) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    crate::services::accounts::admin::set_locked(
        &ctx.db, &ctx.actor, user_id, lock, &reason, ctx.ip,
    )
    .await?;
    Ok(())
}

/// Gives an official another role (and commune, for a commune officer).
#[server(prefix = "/api", endpoint = "change_account_role")]
pub async fn change_account_role(
    user_id: i32,
    role: String,
    commune_code: String,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    crate::services::accounts::admin::change_role(
        &ctx.db,
        &ctx.actor,
        user_id,
        &role,
        &commune_code,
        ctx.ip,
    )
    .await?;
    Ok(())
}

/// Issues a one-time link to set a new password (older links stop working).
#[server(prefix = "/api", endpoint = "issue_reset_link")]
pub async fn issue_reset_link(user_id: i32) -> Result<ResetLink, AppError> {
    let ctx = crate::functions::ctx().await?;
    let link = crate::services::accounts::reset_links::issue_reset_link(
        &ctx.db, &ctx.actor, user_id, ctx.ip,
    )
    .await?;
    deliver(&ctx.app, link, &site_origin().await)
}

/// Hands the link to the configured sender; when it sends it, the officer no longer sees it.
#[cfg(feature = "ssr")]
fn deliver(
    state: &crate::state::AppState,
    mut link: ResetLink,
    origin: &str,
) -> Result<ResetLink, AppError> {
    let absolute = format!("{origin}{}", link.path);
    match state.reset_sender.send(&link, &absolute) {
        Ok(None) => Ok(link),
        Ok(Some(channel)) => {
            link.path.clear();
            link.sent_via = Some(channel);
            Ok(link)
        }
        Err(detail) => {
            tracing::error!(%detail, "sending a reset link");
            Ok(link)
        }
    }
}

/// This site's origin as the officer's browser sees it (the CSRF layer has already checked
/// that Origin names this host).
#[cfg(feature = "ssr")]
async fn site_origin() -> String {
    let headers = leptos_axum::extract::<axum::http::HeaderMap>()
        .await
        .unwrap_or_default();
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    header("origin")
        .map(str::to_owned)
        .or_else(|| header("host").map(|h| format!("http://{h}")))
        .unwrap_or_default()
}
