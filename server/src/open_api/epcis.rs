//! `GET /open/v1/epcis/events`: a subset of the EPCIS 2.0 REST query interface — the events of
//! lots named by their identifiers, within a time window — answering an EPCIS 2.0 JSON-LD
//! `EPCISQueryDocument` (`services::open_data::epcis`).
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;

use app::domain::api_token::Scope;
use app::services::open_data::epcis::{self, EpcisQuery};
use app::state::AppState;

use super::gate::gate;
use super::{answer_bytes, refused};

/// EPCIS 2.0 events of lots.
///
/// The events of the lots an identifier names — a lot's GS1 Digital Link
/// (`https://…/01/<GTIN-14>/10/<lot>`), a product's (all its lots), or a lot page's address —
/// as an EPCISQueryDocument (EPCIS 2.0 JSON-LD). Up to 10 identifiers separated by commas.
#[utoipa::path(get, path = "/open/v1/epcis/events", tag = "epcis",
    params(
        ("MATCH_epcClass" = Option<String>, Query, description = "Identifiers of lots or products, comma-separated (one of this or MATCH_anyEPCClass is needed)."),
        ("MATCH_anyEPCClass" = Option<String>, Query, description = "The same, as EPCIS also names it."),
        ("GE_eventTime" = Option<chrono::DateTime<chrono::Utc>>, Query, description = "Events at or after this instant (RFC 3339)."),
        ("LT_eventTime" = Option<chrono::DateTime<chrono::Utc>>, Query, description = "Events before this instant (RFC 3339)."),
    ),
    responses(
        (status = 200, description = "An EPCISQueryDocument.", body = serde_json::Value, content_type = "application/ld+json"),
        crate::problem::Refusals,
    )
)]
pub async fn events(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<EpcisQuery>, QueryRejection>,
) -> Response {
    let Ok(Query(q)) = q else {
        return super::handlers::bad_query(&headers);
    };
    if let Err(refusal) = gate(&state, &headers, Scope::PublicRead).await {
        return refusal;
    }
    let base = state.public_base(headers.get(header::HOST).and_then(|h| h.to_str().ok()));
    match epcis::events(&state.readers, &base, &q, app::clock::today()).await {
        Ok(document) => {
            let body = serde_json::to_vec(&document).unwrap_or_default();
            let etag = app::services::open_data::bulk::etag_of(&body);
            let mut response = answer_bytes(&headers, body, &etag, "application/ld+json");
            let out = response.headers_mut();
            out.insert("GS1-EPCIS-Version", HeaderValue::from_static("2.0.0"));
            out.insert("GS1-CBV-Version", HeaderValue::from_static("2.0.0"));
            response
        }
        Err(err) => refused(&headers, err),
    }
}
