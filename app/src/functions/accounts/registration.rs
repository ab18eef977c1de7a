use leptos::prelude::*;

use crate::models::AppError;
use crate::models::accounts::registration::CurrentUser;

/// Signs in with email or phone and password, then goes to the user's work area.
#[server(prefix = "/api", endpoint = "sign_in")]
/// `next`: the page that sent the visitor to `/login`, gone to after signing in when it is a
/// page of this site (`domain::next_page`); otherwise the user's work area.
pub async fn sign_in(
    login: String,
    password: String,
    next: Option<String>,
) -> Result<CurrentUser, AppError> {
    use crate::auth::current;
    use crate::auth::throttle::FailureOutcome;
    use crate::services::accounts::credentials::{self, SignInError};
    // Bounded before anything else: the login becomes a throttle key, the password Argon2 input.
    if login.len() > 254 {
        return Err(AppError::invalid(
            "login",
            crate::domain::reason::Reason::TooLong,
        ));
    }
    if password.len() > 1024 {
        return Err(AppError::invalid(
            "password",
            crate::domain::reason::Reason::TooLong,
        ));
    }
    let state = crate::state::app_state()?;
    let session = current::session().await?;
    let address = current::client_ip(&state)
        .await
        .unwrap_or_else(|| "unknown".into());
    let login_key = credentials::login_key(&login);
    // Counted before the password is checked (see `auth::throttle`).
    let started = state.sign_in_throttle.start(&login_key, &address).await;
    let Ok(attempt) = started.map_err(db_error)? else {
        return Err(AppError::invalid(
            "login",
            crate::domain::reason::Reason::TooManyAttempts,
        ));
    };
    let account = match credentials::authenticate(&state.db, &login, &password).await {
        Ok(account) => account,
        Err(SignInError::Db(detail)) => {
            state
                .sign_in_throttle
                .no_guess(&login_key, &address)
                .await
                .map_err(db_error)?;
            tracing::error!(%detail, "sign in");
            return Err(AppError::Internal);
        }
        Err(e) => {
            if !matches!(e, SignInError::WrongCredentials) {
                state
                    .sign_in_throttle
                    .no_guess(&login_key, &address)
                    .await
                    .map_err(db_error)?;
            } else if attempt == FailureOutcome::BurstStarted {
                credentials::record_failure_burst(&state.db, &login_key, &address).await?;
            }
            let reason = match e {
                SignInError::Pending => crate::domain::reason::Reason::AccountPending,
                SignInError::Rejected(_) => crate::domain::reason::Reason::AccountRejected,
                SignInError::Locked => crate::domain::reason::Reason::AccountLocked,
                SignInError::Busy => crate::domain::reason::Reason::ServerBusy,
                _ => crate::domain::reason::Reason::WrongCredentials,
            };
            return Err(AppError::invalid("login", reason));
        }
    };
    state
        .sign_in_throttle
        .succeeded(&login_key, &address)
        .await
        .map_err(db_error)?;
    let user = current::to_current_user(&account).ok_or(AppError::Internal)?;
    current::start(&session, account.id).await?;
    crate::services::accounts::sign_ins::record_sign_in(
        &state.db,
        account,
        crate::domain::audit_action::AuditAction::AccountSignIn,
        Some(address),
        crate::functions::browser_language(),
    )
    .await?;
    leptos_axum::redirect(after_sign_in(next.as_deref(), user.role.area().path()));
    Ok(user)
}

/// Ends the session on the server.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    let session = crate::auth::current::session().await?;
    crate::auth::current::end(&session).await?;
    if let crate::auth::Actor::User { user_id, .. } = ctx.actor {
        crate::services::accounts::sign_ins::record_sign_out(&ctx.db, user_id, ctx.ip).await?;
    }
    leptos_axum::redirect("/");
    Ok(())
}

/// Who is signed in on this browser, if anyone.
#[server(prefix = "/api", endpoint = "get_current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::auth::current;
    let state = crate::state::app_state()?;
    let session = current::session().await?;
    let Some(mut user) = current::account(&state, &session)
        .await?
        .as_ref()
        .and_then(current::to_current_user)
    else {
        return Ok(None);
    };
    if let Some(id) = user.subject_id {
        user.subject_name =
            crate::services::accounts::registration::subject_name(&state.db, id).await?;
    }
    if let Some(code) = &user.commune_code {
        user.commune_name =
            crate::services::accounts::registration::commune_name(&state.db, code).await?;
    }
    Ok(Some(user))
}

/// The registrations the signed-in officer may decide on.
#[server(prefix = "/api", endpoint = "list_pending_registrations")]
pub async fn list_pending_registrations()
-> Result<Vec<crate::models::accounts::registration::PendingRegistration>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::accounts::registration::pending_registrations(&ctx.db, &ctx.actor).await?)
}

/// Approves (`approve = true`) or rejects, with a reason, a producer registration.
#[server(prefix = "/api", endpoint = "decide_registration")]
pub async fn decide_registration(
    user_id: i32,
    approve: bool,
    reason: String,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    crate::services::accounts::registration::decide_registration(
        &ctx.db, &ctx.actor, user_id, approve, &reason, ctx.ip,
    )
    .await?;
    Ok(())
}

/// A producer's registration from `/register` (public).
#[server(prefix = "/api", endpoint = "register_producer")]
pub async fn register_producer(
    registration: crate::models::accounts::registration::RegistrationFields,
) -> Result<(), AppError> {
    use crate::auth::{Action, Resource, allowed};
    let ctx = crate::functions::ctx().await?;
    allowed(&ctx.actor, Action::Register, Resource::Nothing).map_err(|_| AppError::Forbidden)?;
    let address = ctx.ip.clone().unwrap_or_else(|| "unknown".into());
    if !ctx
        .app
        .registrations
        .check(&address)
        .await
        .map_err(db_error)?
    {
        return Err(AppError::invalid(
            "email",
            crate::domain::reason::Reason::TooManyRegistrations,
        ));
    }
    let input = registration
        .into_input()
        .map_err(|(field, reason)| AppError::invalid(field, reason))?;
    let user_id = crate::services::accounts::registration::register(&ctx.db, input, ctx.ip).await?;
    crate::services::accounts::sign_ins::set_language(
        &ctx.db,
        user_id,
        crate::functions::browser_language(),
    )
    .await?;
    Ok(())
}

/// Active subjects of a commune, for "join an existing subject" on `/register` (public: names
/// of OCOP subjects are public facts).
#[server(prefix = "/api", endpoint = "subjects_in_commune")]
pub async fn subjects_in_commune(
    commune_code: String,
) -> Result<Vec<crate::models::accounts::registration::SubjectOption>, AppError> {
    let state = crate::state::app_state()?;
    Ok(
        crate::services::accounts::registration::subjects_in_commune(&state.db, &commune_code)
            .await?,
    )
}

/// The demo accounts, listed on the login page in demo mode only (empty otherwise).
#[server(prefix = "/api", endpoint = "list_demo_accounts")]
pub async fn list_demo_accounts()
-> Result<Vec<crate::models::accounts::registration::DemoAccountView>, AppError> {
    use crate::models::accounts::registration::DemoAccountView;
    use crate::seed::demo::DEMO_ACCOUNTS;
    let state = crate::state::app_state()?;
    if !state.demo_mode {
        return Ok(Vec::new());
    }
    Ok(DEMO_ACCOUNTS
        .iter()
        .map(|a| DemoAccountView {
            email: a.email.to_owned(),
            name: a.name.to_owned(),
            role: a.role,
        })
        .collect())
}

/// Whether this server runs in demo mode (the footer then says the data is demo data).
#[server(prefix = "/api", endpoint = "demo_mode")]
pub async fn demo_mode() -> Result<bool, AppError> {
    Ok(crate::state::app_state()?.demo_mode)
}

/// One-click sign-in as a demo account, for trainers. Refused outside demo mode, and for any
/// account that is not one of the demo accounts.
#[server(prefix = "/api", endpoint = "demo_sign_in")]
pub async fn demo_sign_in(email: String, next: Option<String>) -> Result<(), AppError> {
    use crate::auth::current;
    use crate::seed::demo::{DEMO_ACCOUNTS, DEMO_PASSWORD};
    let state = crate::state::app_state()?;
    if !state.demo_mode || !DEMO_ACCOUNTS.iter().any(|a| a.email == email) {
        return Err(AppError::Forbidden);
    }
    let ip = current::client_ip(&state).await;
    let address = ip.clone().unwrap_or_else(|| "unknown".into());
    if !state
        .demo_sign_ins
        .check(&address)
        .await
        .map_err(db_error)?
    {
        // Not a wrong password: nothing was guessed, the trainer's room signed in too often.
        return Err(AppError::invalid(
            "login",
            crate::domain::reason::Reason::TooManyDemoSignIns,
        ));
    }
    let account =
        crate::services::accounts::credentials::authenticate(&state.db, &email, DEMO_PASSWORD)
            .await
            .map_err(|_| {
                AppError::invalid("login", crate::domain::reason::Reason::WrongCredentials)
            })?;
    let session = current::session().await?;
    current::start(&session, account.id).await?;
    let area = current::to_current_user(&account).map_or("/account", |u| u.role.area().path());
    crate::services::accounts::sign_ins::record_sign_in(
        &state.db,
        account,
        crate::domain::audit_action::AuditAction::AccountDemoSignIn,
        ip,
        crate::functions::browser_language(),
    )
    .await?;
    leptos_axum::redirect(after_sign_in(next.as_deref(), area));
    Ok(())
}

/// Where a sign-in leads: `next` when it is a page of this site, else `area`.
#[cfg(feature = "ssr")]
fn after_sign_in<'a>(next: Option<&'a str>, area: &'a str) -> &'a str {
    next.and_then(crate::domain::next_page::safe_next)
        .unwrap_or(area)
}

/// Changes the signed-in user's own password; the session gets a new id afterwards.
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::auth::{Action, Actor, Resource, allowed, current};
    let ctx = crate::functions::ctx().await?;
    let session = current::session().await?;
    allowed(&ctx.actor, Action::ChangeOwnPassword, Resource::Nothing)
        .map_err(|_| AppError::SignInRequired)?;
    let Actor::User { user_id, .. } = ctx.actor else {
        return Err(AppError::SignInRequired);
    };
    crate::services::accounts::credentials::change_password(
        &ctx.db,
        user_id,
        &current_password,
        &new_password,
        ctx.ip,
    )
    .await?;
    current::start(&session, user_id).await?;
    Ok(())
}

/// The password links still open for the signed-in user's own account.
#[server(prefix = "/api", endpoint = "my_open_reset_links")]
pub async fn my_open_reset_links()
-> Result<Vec<crate::models::accounts::admin::OpenResetLink>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::accounts::reset_links::open_links_of(&ctx.db, &ctx.actor).await?)
}

/// Sets a new password with a one-time link's token (from `/reset-password?token=…`).
#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(token: String, new_password: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let ip = crate::auth::current::client_ip(&state).await;
    crate::services::accounts::reset_links::redeem(&state.db, &token, &new_password, ip).await?;
    Ok(())
}

/// A database error counting attempts: logged, and answered as the server's fault.
#[cfg(feature = "ssr")]
fn db_error(err: sea_orm::DbErr) -> AppError {
    tracing::error!(error = %err, "attempt counts");
    AppError::Internal
}
