//! `/certificates/{number}/pdf`: the certificate as a PDF, public like its check page. The QR
//! code points at `PUBLIC_URL` when set, else at the host the request came to.
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use app::services::ServiceError;
use app::state::AppState;

use crate::exports::{attachment, base_and_today};

pub async fn pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(number): Path<String>,
) -> Response {
    let (base, today) = base_and_today(&state, &headers);
    let result: Result<(String, Vec<u8>), ServiceError> = async {
        let check = app::services::certificates::register::check(
            &state.db,
            &number,
            today,
            &state.certificates,
        )
        .await?;
        let url = format!("{base}/certificates/{}", check.row.number);
        let bytes = app::documents::certificate_pdf::render(&check, &url)?;
        Ok((format!("OCOP-{}.pdf", check.row.number), bytes))
    }
    .await;
    attachment(result, "application/pdf")
}
