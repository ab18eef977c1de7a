//! The open data API, `/open/v1/`: the province's certified products, certificates, producers,
//! administrative units, product groups and trade events for partners (the national OCOP
//! system, retailers, e-commerce platforms), over plain HTTP. Versioned apart from the server
//! functions' `/api/`, which may change with any release; documented by an OpenAPI 3.1
//! document generated from these handlers and the answers' types (`document`), read at
//! `/open/v1/openapi.json` and as a page at `/open/v1/docs`.
//!
//! Every answer is JSON with a strong `ETag` (a hash of the body): a client sending it back in
//! `If-None-Match` gets `304 Not Modified`. Errors are RFC 9457 problems in the client's
//! language. Public reads are open to any origin (CORS).
use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use app::i18n::Locale;
use app::services::ServiceError;
use app::state::AppState;

mod bulk;
mod docs_page;
mod document;
mod epcis;
mod gate;
mod handlers;

/// The routes under `/open/v1/`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/open/v1/products",
            get(handlers::products).options(crate::resolver::options),
        )
        .route(
            "/open/v1/products/{id}",
            get(handlers::product).options(crate::resolver::options),
        )
        .route(
            "/open/v1/certificates",
            get(handlers::certificates).options(crate::resolver::options),
        )
        .route(
            "/open/v1/certificates/{number}",
            get(handlers::certificate).options(crate::resolver::options),
        )
        .route(
            "/open/v1/producers",
            get(handlers::producers).options(crate::resolver::options),
        )
        .route(
            "/open/v1/units",
            get(handlers::units).options(crate::resolver::options),
        )
        .route(
            "/open/v1/groups",
            get(handlers::groups).options(crate::resolver::options),
        )
        .route(
            "/open/v1/trade-events",
            get(handlers::trade_events).options(crate::resolver::options),
        )
        .route(
            "/open/v1/private/dossiers",
            get(handlers::private_dossiers).options(crate::resolver::options),
        )
        .route(
            "/open/v1/bulk/products.csv",
            get(bulk::products_csv).options(crate::resolver::options),
        )
        .route(
            "/open/v1/bulk/products.jsonl",
            get(bulk::products_jsonl).options(crate::resolver::options),
        )
        .route(
            "/open/v1/epcis/events",
            get(epcis::events).options(crate::resolver::options),
        )
        .route(
            "/open/v1/private/reports",
            get(handlers::private_reports).options(crate::resolver::options),
        )
        .route(
            "/open/v1/openapi.json",
            get(document::json).options(crate::resolver::options),
        )
        .route(
            "/open/v1/docs",
            get(docs_page::page).options(crate::resolver::options),
        )
}

/// `value` as JSON with its `ETag`, or `304` when the client already has it.
pub fn answer<T: serde::Serialize>(headers: &HeaderMap, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => {
            let etag = app::services::open_data::bulk::etag_of(&body);
            answer_bytes(headers, body, &etag, "application/json")
        }
        Err(err) => {
            tracing::error!(error = %err, "open api: serialising");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `body` of `media_type` tagged `etag`, or `304` when the client already has it; with the
/// API's caching and CORS headers.
pub fn answer_bytes(
    headers: &HeaderMap,
    body: impl IntoResponse,
    etag: &str,
    media_type: &'static str,
) -> Response {
    let fresh = is_fresh(headers, etag);
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        body.into_response()
    };
    let out = response.headers_mut();
    if !fresh {
        out.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    }
    if let Ok(etag) = HeaderValue::from_str(etag) {
        out.insert(header::ETAG, etag);
    }
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    out.insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    crate::resolver::open_to_any_origin(out);
    response
}

/// Whether the client already has the answer tagged `etag` (`If-None-Match`).
pub fn is_fresh(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}

/// A service's refusal as a problem, in the client's language.
pub fn refused(headers: &HeaderMap, err: ServiceError) -> Response {
    let english = crate::public_pages::locale_of(headers, None) == Locale::en;
    let pick = |vi: &str, en: &str| if english { en } else { vi }.to_owned();
    let (status, title, detail) = match err {
        ServiceError::Invalid { field, reason } => (
            StatusCode::BAD_REQUEST,
            pick("Tham số không hợp lệ", "Invalid parameter"),
            format!("{field}: {}", reason.message(english)),
        ),
        ServiceError::NotFound => (
            StatusCode::NOT_FOUND,
            pick("Không tìm thấy", "Not found"),
            pick(
                "Không có mục này, hoặc nó không được công bố.",
                "There is no such item, or it is not published.",
            ),
        ),
        ServiceError::Denied(_) => (
            StatusCode::FORBIDDEN,
            pick("Không được phép", "Forbidden"),
            pick(
                "Mã truy cập này không được đọc dữ liệu này.",
                "This token may not read this.",
            ),
        ),
        err => {
            tracing::error!(error = %err, "open api");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                pick("Lỗi máy chủ", "Server error"),
                pick(
                    "Máy chủ gặp lỗi khi đọc dữ liệu. Vui lòng thử lại sau.",
                    "The server failed to read the data. Please try again later.",
                ),
            )
        }
    };
    let mut response = crate::problem::problem(status, &title, &detail);
    crate::resolver::open_to_any_origin(response.headers_mut());
    response
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod token_tests;
