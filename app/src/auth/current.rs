//! The signed-in user of this request, from the session cookie (server only).
use tower_sessions::Session;

use crate::auth::Actor;
use crate::entities::user_account;
use crate::models::AppError;
use crate::models::accounts::registration::CurrentUser;
use crate::services::accounts::credentials;
use crate::state::AppState;

const USER_ID: &str = "user_id";
/// Milliseconds since the epoch: a password changed in the same second still ends older sessions.
const SIGNED_IN_AT: &str = "signed_in_at_ms";
/// When the session was last noted as used (milliseconds since the epoch).
const SEEN_AT: &str = "seen_at_ms";

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
        .insert(SIGNED_IN_AT, crate::clock::now().timestamp_millis())
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
    let age_ms = crate::clock::now()
        .timestamp_millis()
        .saturating_sub(signed_in_at);
    let too_old =
        u128::try_from(age_ms).map_or(true, |age| age >= state.auth.absolute_lifetime.as_millis());
    let account = if too_old {
        None
    } else {
        credentials::find_active(&state.db, user_id)
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
    } else {
        note_activity(state, session, signed_in_at).await?;
    }
    Ok(account)
}

/// Keeps an active session alive. The session layer moves a session's idle expiry only when it
/// saves the session, and it saves only a session that changed: a user who only reads would be
/// signed out `SESSION_IDLE_MINUTES` after signing in, however busy. So the time of use is
/// written into the session — at most once a minute (or a quarter of the timeout, if shorter),
/// to spare the database a write per request.
async fn note_activity(
    state: &AppState,
    session: &Session,
    signed_in_at: i64,
) -> Result<(), AppError> {
    let now = crate::clock::now().timestamp_millis();
    let seen = session
        .get::<i64>(SEEN_AT)
        .await
        .map_err(store_error)?
        .unwrap_or(signed_in_at);
    let every = state.auth.idle_timeout.as_millis().min(240_000) / 4;
    if u128::try_from(now.saturating_sub(seen)).unwrap_or(0) >= every {
        session.insert(SEEN_AT, now).await.map_err(store_error)?;
    }
    Ok(())
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
        commune_name: None,
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
    client_address(&headers, peer, state.auth.trusted_proxies)
}

/// The client's address: with `trusted_proxies` proxies in front of the server, the hop of
/// X-Forwarded-For that the outermost of them appended — counted from the right, since every
/// hop to its left was written by whoever sent the request and can say anything. Without
/// trusted proxies (or with a malformed header), the peer address.
pub fn client_address(
    headers: &axum::http::HeaderMap,
    peer: Option<std::net::SocketAddr>,
    trusted_proxies: u8,
) -> Option<String> {
    let forwarded = headers
        .get("x-forwarded-for")
        .filter(|_| trusted_proxies > 0)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let hops: Vec<&str> = v.split(',').map(str::trim).collect();
            let index = hops.len().checked_sub(usize::from(trusted_proxies))?;
            hops[index].parse::<std::net::IpAddr>().ok()
        })
        .map(|ip| ip.to_string());
    forwarded.or_else(|| peer.map(|p| p.ip().to_string()))
}

#[cfg(test)]
mod tests {
    use super::client_address;

    fn with_forwarded(value: &str) -> axum::http::HeaderMap {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert("x-forwarded-for", value.parse().unwrap());
        headers
    }

    #[test]
    fn the_client_is_read_from_the_right_past_the_trusted_proxies() {
        let peer = Some("10.0.0.2:5555".parse().unwrap());
        // A client claiming to be 1.1.1.1 behind one proxy that appended its real address.
        let spoofed = with_forwarded("1.1.1.1, 203.0.113.7");
        assert_eq!(
            client_address(&spoofed, peer, 1).as_deref(),
            Some("203.0.113.7")
        );
        assert_eq!(
            client_address(&spoofed, peer, 2).as_deref(),
            Some("1.1.1.1")
        );
        // Fewer hops than proxies, junk, or no trust: the peer.
        assert_eq!(
            client_address(&spoofed, peer, 3).as_deref(),
            Some("10.0.0.2")
        );
        assert_eq!(
            client_address(&with_forwarded("x, y"), peer, 1).as_deref(),
            Some("10.0.0.2")
        );
        assert_eq!(
            client_address(&spoofed, peer, 0).as_deref(),
            Some("10.0.0.2")
        );
    }
}
