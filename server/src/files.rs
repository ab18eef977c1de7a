//! `/files/{id}` and `/files/{id}/thumb`: stored files through the access check of
//! `app::services::downloads` (the session decides who is asking).
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

use app::auth::Actor;
use app::services::ServiceError;
use app::state::AppState;

pub async fn file(state: State<AppState>, session: Session, Path(id): Path<i32>) -> Response {
    serve(state, session, id, false).await
}

pub async fn thumbnail(state: State<AppState>, session: Session, Path(id): Path<i32>) -> Response {
    serve(state, session, id, true).await
}

async fn serve(State(state): State<AppState>, session: Session, id: i32, thumb: bool) -> Response {
    let actor = match app::auth::current::account(&state, &session).await {
        Ok(account) => account
            .as_ref()
            .map_or(Actor::Anonymous, app::auth::current::to_actor),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    match app::services::downloads::download(&state.db, state.files.as_ref(), &actor, id, thumb)
        .await
    {
        Ok(download) => {
            let mut response = download.bytes.into_response();
            let headers = response.headers_mut();
            if let Ok(media_type) = HeaderValue::from_str(&download.media_type) {
                headers.insert(header::CONTENT_TYPE, media_type);
            }
            // Shown in the browser (PDF viewer, image), saved under its name.
            let disposition = format!(
                "inline; filename*=UTF-8''{}",
                percent_encode(&download.name)
            );
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            headers.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=3600"),
            );
            response
        }
        Err(ServiceError::NotFound | ServiceError::Denied(_)) => {
            (StatusCode::NOT_FOUND, "Không tìm thấy tệp / File not found").into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// RFC 5987: everything but unreserved characters as %XX of its UTF-8 bytes.
fn percent_encode(name: &str) -> String {
    app::domain::text::percent_encode(name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_percent_encoded() {
        assert_eq!(
            super::percent_encode("kế hoạch.pdf"),
            "k%E1%BA%BF%20ho%E1%BA%A1ch.pdf"
        );
    }
}
