//! Request bodies bounded before any work is done on them. Server functions read their bodies
//! themselves (axum's `DefaultBodyLimit` does not reach them), so every POST to `/api/` gets its
//! cap here: an upload endpoint the upload limit plus a little for the form around the file,
//! any other a couple of MiB (the longest form, a report's three sections, is well under it). A
//! body announcing more is refused at once (413); one that streams more is cut off at the cap.
//! An upload endpoint also refuses a body that is not `multipart/form-data` with a boundary
//! (400): the framework would panic on it.
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::domain::reason::Reason;
use app::models::AppError;

/// The server functions that take a multipart upload.
/// (`app/tests/architecture.rs` checks that every one is listed.)
pub const MULTIPART_ENDPOINTS: [&str; 7] = [
    "/api/upload_dossier_document",
    "/api/upload_product_photo",
    "/api/upload_event_photo",
    "/api/upload_label_artwork",
    "/api/upload_inspection_photo",
    "/api/upload_import",
    "/api/import_criteria_xlsx",
];

/// The cap of any other server function's body.
pub const FORM_BODY_MAX: usize = 2 * 1024 * 1024;

/// What the form around an uploaded file may add to it.
const MULTIPART_OVERHEAD: usize = 1024 * 1024;

/// The middleware; its state is the upload limit in bytes.
pub async fn bounded_bodies(
    State(max_upload): State<usize>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST || !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let multipart = MULTIPART_ENDPOINTS.contains(&request.uri().path());
    if multipart && !has_boundary(request.headers()) {
        return refuse(
            StatusCode::BAD_REQUEST,
            AppError::Transport("multipart/form-data with a boundary expected".into()),
        );
    }
    let limit = if multipart {
        max_upload + MULTIPART_OVERHEAD
    } else {
        FORM_BODY_MAX
    };
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > limit as u64) {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            AppError::invalid("file", Reason::FileTooLarge),
        );
    }
    let (parts, body) = request.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}

/// `multipart/form-data; boundary=…` with a boundary that is not empty.
fn has_boundary(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let mut parts = value.split(';').map(str::trim);
    parts
        .next()
        .is_some_and(|kind| kind.eq_ignore_ascii_case("multipart/form-data"))
        && parts.any(|p| {
            p.split_once('=').is_some_and(|(k, v)| {
                k.trim().eq_ignore_ascii_case("boundary") && !v.trim().trim_matches('"').is_empty()
            })
        })
}

/// A refusal in the shape server functions answer with (the page shows its reason).
fn refuse(status: StatusCode, error: AppError) -> Response {
    let body = serde_json::to_string(&error).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content_type(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, value.parse().unwrap());
        headers
    }

    #[test]
    fn only_multipart_with_a_boundary_passes() {
        assert!(has_boundary(&content_type(
            "multipart/form-data; boundary=abc"
        )));
        assert!(has_boundary(&content_type(
            "Multipart/Form-Data; charset=utf-8; boundary=\"a b\""
        )));
        assert!(!has_boundary(&content_type("multipart/form-data")));
        assert!(!has_boundary(&content_type(
            "multipart/form-data; boundary="
        )));
        assert!(!has_boundary(&content_type(
            "application/x-www-form-urlencoded"
        )));
        assert!(!has_boundary(&HeaderMap::new()));
    }
}
