//! The open data API's endpoints: each reads its query, asks its service
//! (`app::services::open_data`) and answers JSON with an ETag, or a problem. The
//! `#[utoipa::path]` on each is what the OpenAPI document says of it.
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;

use app::services::ServiceError;
use app::services::open_data::schema::{
    Certificate, CertificatePage, DossierStatePage, GroupList, ProducerPage, Product, ProductPage,
    ReportPage, TradeEventPage, UnitList,
};
use app::services::open_data::{self, ListQuery};
use app::state::AppState;

use app::domain::api_token::Scope;

use super::gate::gate;
use super::{answer, refused};
use crate::problem::Problem;

/// The public address links start with (`PUBLIC_URL`, else the request's host).
fn base(state: &AppState, headers: &HeaderMap) -> String {
    state.public_base(headers.get(header::HOST).and_then(|h| h.to_str().ok()))
}

/// The problem for a query string that cannot be read (a broken escape, a name twice).
pub(super) fn bad_query(headers: &HeaderMap) -> Response {
    refused(
        headers,
        ServiceError::Invalid {
            field: "query",
            reason: app::domain::reason::Reason::OutOfRange,
        },
    )
}

/// Lets the request through the token gate for `needs`, then answers what `read` reads.
async fn serve<T, F>(
    state: &AppState,
    headers: &HeaderMap,
    needs: Scope,
    read: impl FnOnce() -> F,
) -> Response
where
    T: serde::Serialize,
    F: Future<Output = Result<T, ServiceError>>,
{
    if let Err(refusal) = gate(state, headers, needs).await {
        return refusal;
    }
    match read().await {
        // Private answers are for the token's holder alone: no cache keeps them.
        Ok(value) if needs == Scope::PrivateRead => {
            let mut response = answer(headers, &value);
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                axum::http::HeaderValue::from_static("private, no-store"),
            );
            response
        }
        Ok(value) => answer(headers, &value),
        Err(err) => refused(headers, err),
    }
}

/// Certified products.
///
/// Every product that holds or held an OCOP certificate: in the catalogue today (`listed`) or
/// not (expired, revoked, producer suspended), with its current certificate. To sync: page with
/// `cursor` until `next_cursor` is null, keep the first page's `next_changed_since`, and next
/// time ask `changed_since` = it.
#[utoipa::path(get, path = "/open/v1/products", tag = "products",
    params(
        ("commune" = Option<String>, Query, description = "Code of the commune (see /open/v1/units)."),
        ("group" = Option<String>, Query, description = "Product group or subgroup code, e.g. `1` or `1.2`."),
        ("stars" = Option<i16>, Query, minimum = 1, maximum = 5, description = "Stars of the current certificate."),
        ("valid_on" = Option<chrono::NaiveDate>, Query, description = "Only products with a certificate in force on this day."),
        ("changed_since" = Option<chrono::DateTime<chrono::Utc>>, Query, description = "Only products changed at or after this instant (RFC 3339)."),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page."),
        ("limit" = Option<u64>, Query, minimum = 1, maximum = 200, description = "Rows per page (default 50)."),
    ),
    responses(
        (status = 200, description = "A page of products.", body = ProductPage),
        crate::problem::Refusals,
    )
)]
pub async fn products(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ListQuery>, QueryRejection>,
) -> Response {
    let Ok(Query(q)) = q else {
        return bad_query(&headers);
    };
    let base = base(&state, &headers);
    serve(&state, &headers, Scope::PublicRead, || {
        open_data::products::list(&state.readers, &base, &q, app::clock::today())
    })
    .await
}

/// One certified product.
#[utoipa::path(get, path = "/open/v1/products/{id}", tag = "products",
    params(("id" = i32, Path, description = "The product's id.")),
    responses(
        (status = 200, description = "The product.", body = Product),
        (status = 404, description = "No such certified product.", body = Problem, content_type = "application/problem+json"),
        crate::problem::Refusals,
    )
)]
pub async fn product(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i32>() else {
        return refused(&headers, ServiceError::NotFound);
    };
    let base = base(&state, &headers);
    serve(&state, &headers, Scope::PublicRead, || {
        open_data::products::one(&state.readers, &base, id, app::clock::today())
    })
    .await
}

/// OCOP certificates.
#[utoipa::path(get, path = "/open/v1/certificates", tag = "certificates",
    params(
        ("product_id" = Option<i32>, Query, minimum = 1, description = "Only this product's certificates."),
        ("stars" = Option<i16>, Query, minimum = 1, maximum = 5, description = "Stars."),
        ("status" = Option<String>, Query, description = "`valid`, `expired` or `revoked` (on `valid_on`, else today)."),
        ("valid_on" = Option<chrono::NaiveDate>, Query, description = "Only certificates in force on this day; statuses as of it."),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page."),
        ("limit" = Option<u64>, Query, minimum = 1, maximum = 200, description = "Rows per page (default 50)."),
    ),
    responses(
        (status = 200, description = "A page of certificates.", body = CertificatePage),
        crate::problem::Refusals,
    )
)]
pub async fn certificates(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ListQuery>, QueryRejection>,
) -> Response {
    let Ok(Query(q)) = q else {
        return bad_query(&headers);
    };
    let base = base(&state, &headers);
    serve(&state, &headers, Scope::PublicRead, || {
        open_data::certificates::list(&state.readers, &base, &q, app::clock::today())
    })
    .await
}

/// One certificate, by its number.
#[utoipa::path(get, path = "/open/v1/certificates/{number}", tag = "certificates",
    params(("number" = String, Path, description = "The certificate's number, e.g. `LS-2025-0001`.")),
    responses(
        (status = 200, description = "The certificate.", body = Certificate),
        (status = 404, description = "No such certificate.", body = Problem, content_type = "application/problem+json"),
        crate::problem::Refusals,
    )
)]
pub async fn certificate(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(number): Path<String>,
) -> Response {
    let base = base(&state, &headers);
    serve(&state, &headers, Scope::PublicRead, || {
        open_data::certificates::one(&state.readers, &base, &number, app::clock::today())
    })
    .await
}

/// Producers of certified products (public fields only).
#[utoipa::path(get, path = "/open/v1/producers", tag = "directory",
    params(
        ("commune" = Option<String>, Query, description = "Code of the commune."),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page."),
        ("limit" = Option<u64>, Query, minimum = 1, maximum = 200, description = "Rows per page (default 50)."),
    ),
    responses(
        (status = 200, description = "A page of producers.", body = ProducerPage),
        crate::problem::Refusals,
    )
)]
pub async fn producers(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ListQuery>, QueryRejection>,
) -> Response {
    let Ok(Query(q)) = q else {
        return bad_query(&headers);
    };
    serve(&state, &headers, Scope::PublicRead, || {
        open_data::directory::producers(&state.readers, &q)
    })
    .await
}

/// Administrative units (province, communes and wards, with merged ones and their successors).
#[utoipa::path(get, path = "/open/v1/units", tag = "directory",
    responses(
        (status = 200, description = "All units.", body = UnitList),
        crate::problem::Refusals,
    )
)]
pub async fn units(State(state): State<AppState>, headers: HeaderMap) -> Response {
    serve(&state, &headers, Scope::PublicRead, || {
        open_data::directory::units(&state.readers)
    })
    .await
}

/// Product groups and subgroups of the OCOP programme.
#[utoipa::path(get, path = "/open/v1/groups", tag = "directory",
    responses(
        (status = 200, description = "All groups.", body = GroupList),
        crate::problem::Refusals,
    )
)]
pub async fn groups(State(state): State<AppState>, headers: HeaderMap) -> Response {
    serve(&state, &headers, Scope::PublicRead, || {
        open_data::directory::groups(&state.readers)
    })
    .await
}

/// Trade promotion events.
#[utoipa::path(get, path = "/open/v1/trade-events", tag = "directory",
    params(
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page."),
        ("limit" = Option<u64>, Query, minimum = 1, maximum = 200, description = "Rows per page (default 50)."),
    ),
    responses(
        (status = 200, description = "A page of events.", body = TradeEventPage),
        crate::problem::Refusals,
    )
)]
pub async fn trade_events(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ListQuery>, QueryRejection>,
) -> Response {
    let Ok(Query(q)) = q else {
        return bad_query(&headers);
    };
    serve(&state, &headers, Scope::PublicRead, || {
        open_data::directory::trade_events(&state.readers, &q)
    })
    .await
}

/// Dossiers' states (private: a token with `private_read`).
///
/// For the national OCOP system: each dossier's state and when it changed; no form, no
/// documents.
#[utoipa::path(get, path = "/open/v1/private/dossiers", tag = "private",
    security(("token" = [])),
    params(
        ("commune" = Option<String>, Query, description = "Code of the commune."),
        ("status" = Option<String>, Query, description = "One state, e.g. `submitted`, `certified`."),
        ("changed_since" = Option<chrono::DateTime<chrono::Utc>>, Query, description = "Only dossiers changed at or after this instant (RFC 3339)."),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page."),
        ("limit" = Option<u64>, Query, minimum = 1, maximum = 200, description = "Rows per page (default 50)."),
    ),
    responses(
        (status = 200, description = "A page of dossiers' states.", body = DossierStatePage),
        crate::problem::Refusals,
    )
)]
pub async fn private_dossiers(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ListQuery>, QueryRejection>,
) -> Response {
    let Ok(Query(q)) = q else {
        return bad_query(&headers);
    };
    serve(&state, &headers, Scope::PrivateRead, || {
        open_data::private::dossiers(&state.readers, &q)
    })
    .await
}

/// Periodic reports (private: a token with `private_read`).
#[utoipa::path(get, path = "/open/v1/private/reports", tag = "private",
    security(("token" = [])),
    params(
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page."),
        ("limit" = Option<u64>, Query, minimum = 1, maximum = 200, description = "Rows per page (default 50)."),
    ),
    responses(
        (status = 200, description = "A page of reports.", body = ReportPage),
        crate::problem::Refusals,
    )
)]
pub async fn private_reports(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ListQuery>, QueryRejection>,
) -> Response {
    let Ok(Query(q)) = q else {
        return bad_query(&headers);
    };
    serve(&state, &headers, Scope::PrivateRead, || {
        open_data::private::reports(&state.readers, &q)
    })
    .await
}
