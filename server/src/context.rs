//! What every handler outside Leptos starts from, as for server functions
//! (`app::functions::ctx`): the request context as an axum extractor, and one answer for a
//! service's refusal.
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

use app::auth::{Actor, Denied};
use app::services::ServiceError;
use app::state::AppState;

/// The request context: the state (database, file store, settings), the actor, the public base
/// address (`PUBLIC_URL`, else the request's host) and today's date in Vietnam. (No handler
/// writes the audit log yet, so the client's address is not taken here.)
pub struct Ctx {
    pub state: AppState,
    pub actor: Actor,
    pub base: String,
    pub today: sea_orm::prelude::ChronoDate,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let actor = match app::auth::current::account(state, &session).await {
            Ok(account) => account
                .as_ref()
                .map_or(Actor::Anonymous, app::auth::current::to_actor),
            Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
        };
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok());
        Ok(Ctx {
            actor,
            base: state.public_base(host),
            today: app::services::today_in_vietnam(),
            state: state.clone(),
        })
    }
}

/// A service's refusal as an HTTP answer, the same for every handler: the status and a short
/// message in Vietnamese and English (the detail of a database failure stays in the log).
#[derive(Debug)]
pub struct Refusal(pub ServiceError);

impl From<ServiceError> for Refusal {
    fn from(err: ServiceError) -> Self {
        Refusal(err)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let plain = |vi: &str, en: &str| format!("{vi} / {en}");
        let (status, message) = match &self.0 {
            ServiceError::NotFound => (StatusCode::NOT_FOUND, plain("Không tìm thấy", "Not found")),
            ServiceError::Denied(Denied::SignInRequired) => (
                StatusCode::UNAUTHORIZED,
                plain("Cần đăng nhập", "Please sign in"),
            ),
            ServiceError::Denied(Denied::NotAllowed) => (
                StatusCode::FORBIDDEN,
                plain("Không có quyền", "Not allowed"),
            ),
            ServiceError::Conflict(reason) => (
                StatusCode::CONFLICT,
                plain(reason.message(false), reason.message(true)),
            ),
            // A renderer's failure or the database's: a bug or an outage, not the user's input.
            ServiceError::Invalid { .. } | ServiceError::Problems(_) | ServiceError::Db(_) => {
                tracing::error!(error = %self.0, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    plain(
                        "Lỗi máy chủ, vui lòng thử lại",
                        "Server error, please try again",
                    ),
                )
            }
        };
        (status, message).into_response()
    }
}
