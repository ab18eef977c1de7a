//! The signed-in user of this request, from the session cookie (server only).
use tower_sessions::Session;

use crate::auth::Actor;
use crate::entities::user_account;
use crate::models::AppError;
use crate::models::accounts::registration::CurrentUser;
use crate::services::accounts::registration;
use crate::state::AppState;

const USER_ID: &str = "user_id";
/// Milliseconds since the epoch: a password changed in the same second still ends older sessions.
const SIGNED_IN_AT: &str = "signed_in_at_ms";

/// The session of this request.
///
/// # Errors
/// `Internal` if the session layer is missing (a wiring bug).
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "no session layer");
        AppError::Internal
    })
}

/// Starts a signed-in session: a new session id (no fixation), the user and the time.
///
/// # Errors
/// `Internal` if the session store fails.
pub async fn start(session: &Session, user_id: i32) -> Result<(), AppError> {
    session.cycle_id().await.map_err(store_error)?;
    session
        .insert(USER_ID, user_id)
        .await
        .map_err(store_error)?;
    session
        .insert(SIGNED_IN_AT, chrono::Utc::now().timestamp_millis())
        .await
        .map_err(store_error)?;
    Ok(())
}

/// Ends the session on the server (the cookie is then worthless).
///
/// # Errors
/// `Internal` if the session store fails.
pub async fn end(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(store_error)
}

/// The active account signed in on this session, if any. A session past its absolute lifetime,
/// or whose account was locked, removed or given a new password since, is ended here.
///
/// # Errors
/// `Internal` on a store or database failure.
pub async fn account(
    state: &AppState,
    session: &Session,
) -> Result<Option<user_account::Model>, AppError> {
    let Some(user_id) = session.get::<i32>(USER_ID).await.map_err(store_error)? else {
        return Ok(None);
    };
    let signed_in_at = session
        .get::<i64>(SIGNED_IN_AT)
        .await
        .map_err(store_error)?
        .unwrap_or(0);
    let age_ms = chrono::Utc::now()
        .timestamp_millis()
        .saturating_sub(signed_in_at);
    let too_old =
        u128::try_from(age_ms).map_or(true, |age| age >= state.auth.absolute_lifetime.as_millis());
    let account = if too_old {
        None
    } else {
        registration::find_active(&state.db, user_id)
            .await?
            // A password set after this sign-in (a reset, or a change on another device)
            // ends this session.
            .filter(|a| {
                a.password_changed_at
                    .is_none_or(|changed| changed.timestamp_millis() <= signed_in_at)
            })
    };
    if account.is_none() {
        end(session).await?;
    }
    Ok(account)
}

/// The actor for `auth::allowed`: anonymous, or the active signed-in account.
///
/// # Errors
/// `Internal` on a store or database failure.
pub async fn actor(state: &AppState) -> Result<Actor, AppError> {
    let session = session().await?;
    Ok(account(state, &session)
        .await?
        .as_ref()
        .map_or(Actor::Anonymous, to_actor))
}

/// The actor of an account. (A role the enum does not know cannot be read from the database at
/// all: loading such an account fails, so it grants nothing.)
pub fn to_actor(account: &user_account::Model) -> Actor {
    Actor::User {
        user_id: account.id,
        role: account.role,
        commune_code: account.commune_code.clone(),
        subject_id: account.subject_id,
    }
}

pub fn to_current_user(account: &user_account::Model) -> Option<CurrentUser> {
    Some(CurrentUser {
        user_id: account.id,
        full_name: account.full_name.clone(),
        role: account.role,
        commune_code: account.commune_code.clone(),
        subject_id: account.subject_id,
        subject_name: None,
    })
}

fn store_error(err: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %err, "session store");
    AppError::Internal
}

/// The client's address (audit log, sign-in throttling) of this server function's request.
pub async fn client_ip(state: &AppState) -> Option<String> {
    let headers = leptos_axum::extract::<axum::http::HeaderMap>()
        .await
        .unwrap_or_default();
    let peer = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|info| info.0);
    client_address(&headers, peer, state.auth.trust_forwarded_for)
}

/// The client's address: the first X-Forwarded-For hop when the server is configured to trust
/// its proxy, else the peer address.
pub fn client_address(
    headers: &axum::http::HeaderMap,
    peer: Option<std::net::SocketAddr>,
    trust_forwarded_for: bool,
) -> Option<String> {
    let forwarded = headers
        .get("x-forwarded-for")
        .filter(|_| trust_forwarded_for)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(|v| v.trim().to_owned());
    forwarded.or_else(|| peer.map(|p| p.ip().to_string()))
}
