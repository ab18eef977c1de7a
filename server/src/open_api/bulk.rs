//! The bulk open data files: all certified products (expired and revoked ones flagged) as CSV
//! and as JSON Lines, made again only when the data changed (`services::open_data::bulk`).
//! What the province links from an open-data portal; the columns are listed on `/open/v1/docs`.
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;

use app::domain::api_token::Scope;
use app::services::open_data::bulk;
use app::state::AppState;

use super::gate::gate;
use super::{answer_bytes, refused};

/// Certified products, as CSV.
///
/// Every product that holds or held a certificate, one row each, with a header row; UTF-8 with
/// a byte-order mark, every cell quoted. The columns are fixed (new ones only ever at the end)
/// and described on /open/v1/docs.
#[utoipa::path(get, path = "/open/v1/bulk/products.csv", tag = "bulk",
    responses(
        (status = 200, description = "The CSV file.", body = String, content_type = "text/csv"),
        crate::problem::Refusals,
    )
)]
pub async fn products_csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    file(&state, &headers, Kind::Csv).await
}

/// Certified products, as JSON Lines.
///
/// One product per line, each as /open/v1/products gives it.
#[utoipa::path(get, path = "/open/v1/bulk/products.jsonl", tag = "bulk",
    responses(
        (status = 200, description = "The JSON Lines file.", body = String, content_type = "application/x-ndjson"),
        crate::problem::Refusals,
    )
)]
pub async fn products_jsonl(State(state): State<AppState>, headers: HeaderMap) -> Response {
    file(&state, &headers, Kind::JsonLines).await
}

#[derive(Clone, Copy)]
enum Kind {
    Csv,
    JsonLines,
}

async fn file(state: &AppState, headers: &HeaderMap, kind: Kind) -> Response {
    if let Err(refusal) = gate(state, headers, Scope::PublicRead).await {
        return refusal;
    }
    let base = state.public_base(headers.get(header::HOST).and_then(|h| h.to_str().ok()));
    let files = match bulk::files(
        &state.open_data_bulk,
        &state.readers,
        &base,
        app::clock::today(),
    )
    .await
    {
        Ok(files) => files,
        Err(err) => return refused(headers, err),
    };
    let (bytes, etag, media_type, name) = match kind {
        Kind::Csv => (
            files.csv,
            files.csv_etag,
            "text/csv; charset=utf-8",
            "ocop-lang-son-san-pham.csv",
        ),
        Kind::JsonLines => (
            files.jsonl,
            files.jsonl_etag,
            "application/x-ndjson",
            "ocop-lang-son-san-pham.jsonl",
        ),
    };
    let mut response = answer_bytes(headers, (*bytes).clone(), &etag, media_type);
    if response.status().is_success()
        && let Ok(disposition) = HeaderValue::from_str(&format!("inline; filename=\"{name}\""))
    {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, disposition);
    }
    response
}
