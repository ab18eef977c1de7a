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
    Ok(crate::services::accounts::admin::create_official(
        &ctx.db,
        &ctx.actor,
        input,
        ctx.ip,
        link_delivery(&ctx.app, "account.invited"),
    )
    .await?)
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
    Ok(crate::services::accounts::reset_links::issue_reset_link(
        &ctx.db,
        &ctx.actor,
        user_id,
        ctx.ip,
        link_delivery(&ctx.app, "password.link"),
    )
    .await?)
}

/// Mailed when the server sends e-mail, else handed over by the officer.
#[cfg(feature = "ssr")]
pub(crate) fn link_delivery(
    state: &crate::state::AppState,
    kind: &'static str,
) -> crate::services::accounts::reset_links::Delivery {
    use crate::services::accounts::reset_links::Delivery;
    if state.mail_enabled {
        Delivery::Mail(kind)
    } else {
        Delivery::HandOver
    }
}
