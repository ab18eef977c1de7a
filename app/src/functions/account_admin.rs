//! Account administration for administrators and provincial officers (`/admin/accounts`).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::account_admin::{AccountDetail, AccountPage, ResetLink};

/// One page of the account list. Arguments are strings straight from the address bar.
#[server(prefix = "/api", endpoint = "list_accounts")]
pub async fn list_accounts(
    query: String,
    role: String,
    status: String,
    page: String,
) -> Result<AccountPage, AppError> {
    use crate::models::account_admin::AccountFilter;
    let state = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&state).await?;
    let filter = AccountFilter {
        query: query.chars().take(100).collect(),
        role,
        status,
        page: page.trim().parse().unwrap_or(1),
    };
    Ok(crate::services::accounts::admin::list_accounts(&state.db, &actor, &filter).await?)
}

/// One account with its history and what the viewer may do to it.
#[server(prefix = "/api", endpoint = "get_account_detail")]
pub async fn get_account_detail(user_id: i32) -> Result<AccountDetail, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&state).await?;
    Ok(crate::services::accounts::admin::account_detail(&state.db, &actor, user_id).await?)
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
    use crate::models::account_admin::OfficialInput;
    let state = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&state).await?;
    let ip = crate::auth::current::client_ip(&state).await;
    let input = OfficialInput {
        role,
        full_name,
        email,
        phone,
        commune_code,
    };
    let link =
        crate::services::accounts::admin::create_official(&state.db, &actor, input, ip).await?;
    deliver(&state, link, &site_origin().await)
}

/// Locks (`lock = true`, with a reason) or unlocks an account.
#[server(prefix = "/api", endpoint = "set_account_locked")]
pub async fn set_account_locked(user_id: i32, lock: bool, reason: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&state).await?;
    let ip = crate::auth::current::client_ip(&state).await;
    crate::services::accounts::admin::set_locked(&state.db, &actor, user_id, lock, &reason, ip)
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
    let state = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&state).await?;
    let ip = crate::auth::current::client_ip(&state).await;
    crate::services::accounts::admin::change_role(
        &state.db,
        &actor,
        user_id,
        &role,
        &commune_code,
        ip,
    )
    .await?;
    Ok(())
}

/// Issues a one-time link to set a new password (older links stop working).
#[server(prefix = "/api", endpoint = "issue_reset_link")]
pub async fn issue_reset_link(user_id: i32) -> Result<ResetLink, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&state).await?;
    let ip = crate::auth::current::client_ip(&state).await;
    let link =
        crate::services::accounts::reset_links::issue_reset_link(&state.db, &actor, user_id, ip)
            .await?;
    deliver(&state, link, &site_origin().await)
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
