//! `/certificates/{number}/pdf`: the certificate as a PDF, public like its check page. The QR
//! code points at `PUBLIC_URL` when set, else at the host the request came to.
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use app::services::ServiceError;
use app::state::AppState;

pub async fn pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(number): Path<String>,
) -> Response {
    let today = app::services::today_in_vietnam();
    let check = match app::services::certificates::register::check(
        &state.db,
        &number,
        today,
        &state.certificates,
    )
    .await
    {
        Ok(check) => check,
        Err(ServiceError::NotFound) => {
            return (
                StatusCode::NOT_FOUND,
                "Không có giấy chứng nhận này / No such certificate",
            )
                .into_response();
        }
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let base = state.public_base(headers.get(header::HOST).and_then(|h| h.to_str().ok()));
    let url = format!("{}/certificates/{}", base, check.row.number);
    match app::documents::certificate_pdf::render(&check, &url) {
        Ok(bytes) => {
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            );
            if let Ok(value) = HeaderValue::from_str(&format!(
                "attachment; filename=\"OCOP-{}.pdf\"",
                check.row.number
            )) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(err) => {
            tracing::error!(error = %err, "certificate pdf");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
