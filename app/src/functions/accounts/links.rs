//! Password links without the province: "forgot password" (`/forgot-password`, offered when
//! the server sends e-mail) and a commune officer registering a producer on their behalf.
use leptos::prelude::*;

use crate::models::AppError;

/// Whether this server sends e-mail (the forgotten-password form is shown only then).
#[server(prefix = "/api", endpoint = "mail_enabled")]
pub async fn mail_enabled() -> Result<bool, AppError> {
    Ok(crate::state::app_state()?.mail_enabled)
}

/// Mails a one-time link to `email` if it is an active account's; the answer is the same
/// either way (see `services::accounts::forgotten`).
#[server(prefix = "/api", endpoint = "request_password_link")]
pub async fn request_password_link(email: String) -> Result<(), AppError> {
    use crate::domain::reason::Reason;
    let ctx = crate::functions::ctx().await?;
    if !ctx.app.mail_enabled {
        return Err(AppError::invalid("email", Reason::MailNotConfigured));
    }
    let address = ctx.ip.clone().unwrap_or_else(|| "unknown".into());
    let allowed = ctx.app.password_links.check(&address).await;
    if !allowed.map_err(|err| {
        tracing::error!(error = %err, "attempt counts");
        AppError::Internal
    })? {
        return Err(AppError::invalid("email", Reason::TooManyLinkRequests));
    }
    // A malformed address is said at once (that reveals nothing about accounts); the rest runs
    // after the answer, so a known address does not take measurably longer than an unknown one.
    if email.len() > 254 {
        return Err(AppError::invalid("email", Reason::TooLong));
    }
    if crate::domain::contact::normalize_email(&email).is_none() {
        return Err(AppError::invalid("email", Reason::InvalidEmail));
    }
    let (db, ip) = (ctx.db, ctx.ip);
    tokio::spawn(async move {
        match crate::services::accounts::forgotten::request_link(&db, &email, ip).await {
            Ok(queued) => tracing::info!(queued, "forgotten password"),
            Err(err) => tracing::warn!(error = %err, "forgotten password"),
        }
    });
    Ok(())
}

/// A commune officer registers a producer of their commune (`/commune/register-producer`); the
/// answer is the one-time link to hand over, or says it was mailed.
#[server(prefix = "/api", endpoint = "register_producer_for")]
pub async fn register_producer_for(
    registration: crate::models::accounts::registration::RegistrationFields,
) -> Result<crate::models::accounts::admin::ResetLink, AppError> {
    let ctx = crate::functions::ctx().await?;
    let input = registration
        .into_input()
        .map_err(|(field, reason)| AppError::invalid(field, reason))?;
    Ok(crate::services::accounts::registration::register_on_behalf(
        &ctx.db,
        &ctx.actor,
        input,
        ctx.ip,
        crate::functions::accounts::admin::link_delivery(&ctx.app, "account.invited"),
    )
    .await?)
}
