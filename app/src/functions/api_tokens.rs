//! The open data API's tokens page (`/admin/api-tokens`): administrators only.
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::api_tokens::{CreatedToken, TokenRow};

/// Every token, newest first.
#[server(prefix = "/api", endpoint = "api_tokens")]
pub async fn api_tokens() -> Result<Vec<TokenRow>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::open_data::tokens::list(&ctx.db, &ctx.actor, ctx.today).await?)
}

/// Creates a token; its secret is in the answer, shown once. The scopes are checkboxes
/// (`Some("on")` when ticked).
#[server(prefix = "/api", endpoint = "create_api_token")]
pub async fn create_api_token(
    note: String,
    expires_on: String,
    public_read: Option<String>,
    private_read: Option<String>,
) -> Result<CreatedToken, AppError> {
    let ctx = crate::functions::ctx().await?;
    let scopes = [
        (public_read, crate::domain::api_token::Scope::PublicRead),
        (private_read, crate::domain::api_token::Scope::PrivateRead),
    ]
    .into_iter()
    .filter(|(ticked, _)| ticked.is_some())
    .map(|(_, scope)| scope.code().to_owned())
    .collect();
    let request = crate::domain::api_token::TokenRequest {
        note: note.chars().take(1000).collect(),
        scopes,
        expires_on: expires_on.chars().take(20).collect(),
    };
    Ok(
        crate::services::open_data::tokens::create(&ctx.db, &ctx.actor, &request, ctx.today)
            .await?,
    )
}

/// Revokes a token.
#[server(prefix = "/api", endpoint = "revoke_api_token")]
pub async fn revoke_api_token(id: i32) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::open_data::tokens::revoke(&ctx.db, &ctx.actor, id).await?)
}
