use leptos::prelude::*;

use crate::models::AppError;
use crate::models::accounts::CurrentUser;

/// Signs in with email or phone and password, then goes to the user's account page.
#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(login: String, password: String) -> Result<CurrentUser, AppError> {
    use crate::auth::current;
    use crate::services::accounts::{self, SignInError};
    let state = crate::state::app_state()?;
    let session = current::session().await?;
    let account = accounts::authenticate(&state.db, &login, &password)
        .await
        .map_err(|e| {
            let reason = match e {
                SignInError::WrongCredentials => "wrong_credentials",
                SignInError::Pending => "account_pending",
                SignInError::Rejected(_) => "account_rejected",
                SignInError::Locked => "account_locked",
                SignInError::Db(detail) => {
                    tracing::error!(%detail, "sign in");
                    return AppError::Internal;
                }
            };
            AppError::invalid("login", reason)
        })?;
    let user = current::to_current_user(&account).ok_or(AppError::Internal)?;
    current::start(&session, account.id).await?;
    accounts::record_sign_in(&state.db, account).await?;
    leptos_axum::redirect("/account");
    Ok(user)
}

/// Ends the session on the server.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let session = crate::auth::current::session().await?;
    crate::auth::current::end(&session).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Who is signed in on this browser, if anyone.
#[server(prefix = "/api", endpoint = "get_current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::auth::current;
    let state = crate::state::app_state()?;
    let session = current::session().await?;
    Ok(current::account(&state, &session)
        .await?
        .as_ref()
        .and_then(current::to_current_user))
}

/// The registrations the signed-in officer may decide on.
#[server(prefix = "/api", endpoint = "list_pending_registrations")]
pub async fn list_pending_registrations()
-> Result<Vec<crate::models::accounts::PendingRegistration>, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&state).await?;
    Ok(crate::services::accounts::pending_registrations(&state.db, &actor).await?)
}

/// Approves (`approve = true`) or rejects, with a reason, a producer registration.
#[server(prefix = "/api", endpoint = "decide_registration")]
pub async fn decide_registration(
    user_id: i32,
    approve: bool,
    reason: String,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&state).await?;
    let ip = crate::auth::current::client_ip().await;
    crate::services::accounts::decide_registration(
        &state.db, &actor, user_id, approve, &reason, ip,
    )
    .await?;
    Ok(())
}
