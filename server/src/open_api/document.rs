//! The OpenAPI 3.1 document of the open data API, generated at compile time from the handlers'
//! `#[utoipa::path]` and the answers' types, so it says what the server answers — and the
//! Schemathesis run in `make test` checks that it does.
use std::sync::LazyLock;

use axum::http::HeaderMap;
use axum::response::Response;
use utoipa::OpenApi;

use app::services::open_data::schema;

use super::handlers;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "OCOP Lạng Sơn — open data API",
        version = "1.0.0",
        description = "Sản phẩm OCOP đã được chứng nhận của tỉnh Lạng Sơn, giấy chứng nhận, chủ thể, đơn vị hành chính, nhóm sản phẩm và sự kiện xúc tiến thương mại. / The certified OCOP products of Lạng Sơn province, their certificates, producers, administrative units, product groups and trade promotion events.",
        license(name = "CC BY 4.0", url = "https://creativecommons.org/licenses/by/4.0/"),
    ),
    paths(
        handlers::products,
        handlers::product,
        handlers::certificates,
        handlers::certificate,
        handlers::producers,
        handlers::units,
        handlers::groups,
        handlers::trade_events,
        super::bulk::products_csv,
        super::bulk::products_jsonl,
        super::epcis::events,
        handlers::private_dossiers,
        handlers::private_reports,
    ),
    modifiers(&BearerToken),
    components(schemas(
        schema::Product,
        schema::ProductPage,
        schema::Certificate,
        schema::CertificatePage,
        schema::Producer,
        schema::ProducerPage,
        schema::ProducerRef,
        schema::Unit,
        schema::UnitList,
        schema::UnitRef,
        schema::Group,
        schema::GroupList,
        schema::TradeEvent,
        schema::TradeEventPage,
        schema::DossierState,
        schema::DossierStatePage,
        schema::Report,
        schema::ReportPage,
        crate::problem::Problem,
    )),
    tags(
        (name = "products", description = "Sản phẩm OCOP / OCOP products"),
        (name = "certificates", description = "Giấy chứng nhận / Certificates"),
        (name = "directory", description = "Danh mục / Reference lists"),
        (name = "bulk", description = "Tệp dữ liệu mở / Open data files"),
        (name = "epcis", description = "Sự kiện truy xuất EPCIS 2.0 / EPCIS 2.0 traceability events"),
        (name = "private", description = "Cần mã truy cập có quyền private_read / A token with private_read is needed"),
    )
)]
pub struct ApiDoc;

/// The bearer tokens administrators give (`/admin/api-tokens`), as a security scheme.
struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("ocop_<64 hex digits>")
                    .description(Some(
                        "Mã do quản trị viên cấp / A token an administrator gives.",
                    ))
                    .build(),
            ),
        );
    }
}

/// The document as JSON, built once, with its ETag.
pub static DOCUMENT: LazyLock<String> =
    LazyLock::new(|| ApiDoc::openapi().to_json().unwrap_or_default());
static DOCUMENT_ETAG: LazyLock<String> =
    LazyLock::new(|| app::services::open_data::bulk::etag_of(DOCUMENT.as_bytes()));

pub async fn json(headers: HeaderMap) -> Response {
    super::answer_bytes(
        &headers,
        DOCUMENT.as_str(),
        &DOCUMENT_ETAG,
        "application/json",
    )
}
