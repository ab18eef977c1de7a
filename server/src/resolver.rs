//! The GS1-conformant resolver for Digital Links (`/01/<GTIN-14>[/22/…][/10/…][/21/…]`),
//! as HTTP: a browser is redirected (307) to the lot's trace page when the link names a
//! recorded lot, else to the product's page, which speaks the visitor's language
//! (Accept-Language); `?linkType=linkset` (or `all`) or `Accept: application/linkset+json` gets
//! the RFC 9264 link set; `?linkType=gs1:pip` / `gs1:certificationInfo` (or their full URIs) pick
//! a link. Which link answers what is the service's (`services::traceability::resolver`). Every
//! answer carries a `Link` header to the link set. A malformed path gets a 400 page saying what
//! is wrong, an unknown product a 404 page — never a panic.
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};

use app::domain::digital_link::{self, PathProblem};
use app::i18n::Locale;
use app::routes::public::light;
use app::services::traceability::resolver::{self, Answer};
use app::state::AppState;
use leptos::prelude::*;

pub async fn resolve(State(state): State<AppState>, headers: HeaderMap, uri: Uri) -> Response {
    let link = match digital_link::parse(uri.path(), uri.query()) {
        Ok(link) => link,
        Err(problem) => return bad_request(problem, page_of(&state, &headers, uri.path())),
    };
    let base = state.public_base(headers.get(header::HOST).and_then(|h| h.to_str().ok()));
    let link_type = digital_link::requested_type(uri.query());
    let accept = headers.get(header::ACCEPT).and_then(|a| a.to_str().ok());
    let answer =
        match resolver::resolve(&state.readers, &base, &link, link_type.as_deref(), accept).await {
            Ok(answer) => answer,
            Err(err) => {
                tracing::error!(error = %err, "resolver");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
    let mut response = match answer {
        Answer::Unknown => {
            let gtin = &link.gtin14;
            return page_of(&state, &headers, uri.path()).answer(
                StatusCode::NOT_FOUND,
                ("Không tìm thấy sản phẩm", "Product not found"),
                (
                    format!("Mã GTIN {gtin} chưa được đăng ký trong hệ thống OCOP Lạng Sơn."),
                    format!("GTIN {gtin} is not registered in the Lạng Sơn OCOP system."),
                ),
            );
        }
        Answer::LinkSet(set) => {
            let mut response = serde_json::to_string(&set)
                .unwrap_or_default()
                .into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/linkset+json"),
            );
            response
        }
        Answer::Redirect(target) => {
            let mut response = StatusCode::TEMPORARY_REDIRECT.into_response();
            if let Ok(location) = HeaderValue::from_str(&target) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            response
        }
    };
    let anchor = digital_link::anchor(&base, &link);
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&format!(
        "<{anchor}?linkType=linkset>; rel=\"linkset\"; type=\"application/linkset+json\""
    )) {
        headers.insert(header::LINK, value);
    }
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Accept, Accept-Language"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

fn bad_request(problem: PathProblem, page: ProblemPage) -> Response {
    let (vi, en) = match problem {
        PathProblem::NotGtinPath => (
            "Đường dẫn không bắt đầu bằng /01/.",
            "The path does not start with /01/.",
        ),
        PathProblem::GtinLength => (
            "Mã GTIN trong đường dẫn phải đủ 14 chữ số (thêm số 0 ở đầu).",
            "The GTIN in the path must have 14 digits (pad it with leading zeros).",
        ),
        PathProblem::CheckDigit(_) => (
            "Chữ số kiểm tra của mã GTIN sai.",
            "The GTIN's check digit is wrong.",
        ),
        PathProblem::UnknownQualifier => (
            "Chỉ dùng được mã 22, 10, 21, mỗi mã kèm một giá trị.",
            "Only the qualifiers 22, 10 and 21 are allowed, each with a value.",
        ),
        PathProblem::QualifierOrder => (
            "Các mã phải theo thứ tự 22, 10, 21 và không lặp lại.",
            "Qualifiers must come in the order 22, 10, 21, once each.",
        ),
        PathProblem::BadValue => (
            "Giá trị lô/số sê-ri không hợp lệ (1–20 ký tự GS1).",
            "The lot or serial value is not valid (1–20 GS1 characters).",
        ),
    };
    let detail = match problem {
        PathProblem::CheckDigit(right) => (
            format!("{vi} Chữ số đúng là ({right})."),
            format!("{en} The right one is ({right})."),
        ),
        _ => (vi.to_owned(), en.to_owned()),
    };
    page.answer(
        StatusCode::BAD_REQUEST,
        ("Mã QR không hợp lệ", "Invalid code"),
        detail,
    )
}

/// Where a problem page is shown: the visitor's language, the site's frame.
struct ProblemPage {
    locale: Locale,
    demo: bool,
    path: String,
}

fn page_of(state: &AppState, headers: &HeaderMap, path: &str) -> ProblemPage {
    ProblemPage {
        locale: crate::public_pages::locale_of(headers, None),
        demo: state.demo_mode,
        path: path.to_owned(),
    }
}

impl ProblemPage {
    /// A page in the site's frame and the visitor's language saying what is wrong.
    fn answer(self, status: StatusCode, title: (&str, &str), detail: (String, String)) -> Response {
        let english = self.locale == Locale::en;
        let title = if english { title.1 } else { title.0 }.to_owned();
        let detail = if english { detail.1 } else { detail.0 };
        let heading = title.clone();
        let body = light::document(self.locale, &title, &self.path, self.demo, move || {
            view! {
                <section class="not-found">
                    <h1>{heading}</h1>
                    <p data-testid="resolver-problem">{detail}</p>
                    <p><a href="/catalog">"OCOP Lạng Sơn"</a></p>
                </section>
            }
            .into_any()
        });
        (status, Html(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use axum::body::{Body, to_bytes};
    use axum::http::{Request, StatusCode, header};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use tower::ServiceExt;

    use crate::test_support::demo_app;

    async fn get(app: &axum::Router, path: &str, accept: Option<&str>) -> axum::response::Response {
        let mut request = Request::get(path).header(header::HOST, "ocop.test");
        if let Some(accept) = accept {
            request = request.header(header::ACCEPT, accept);
        }
        app.clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    async fn body(response: axum::response::Response) -> String {
        String::from_utf8(
            to_bytes(response.into_body(), 1 << 20)
                .await
                .unwrap()
                .to_vec(),
        )
        .unwrap()
    }

    #[tokio::test]
    async fn a_digital_link_redirects_people_and_gives_machines_the_link_set() {
        let t = demo_app(Default::default()).await;
        // A demo product with a valid certificate (the demo gives every product a GTIN-13).
        let certificate = app::entities::certificate::Entity::find()
            .filter(app::entities::certificate::Column::SupersededBy.is_null())
            .filter(app::entities::certificate::Column::RevokedOn.is_null())
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let product = app::entities::product::Entity::find_by_id(certificate.product_id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let gtin = product.gtin.clone().unwrap();
        assert!(gtin.starts_with("893") && gtin.len() == 13);
        let path = format!("/01/0{gtin}");

        let response = get(&t.router, &path, Some("text/html")).await;
        assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(
            response.headers()[header::LOCATION],
            format!("/products/{}", product.id).as_str()
        );
        let link = response.headers()[header::LINK]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            link.contains("rel=\"linkset\"") && link.contains(&path),
            "{link}"
        );

        let lot = get(&t.router, &format!("{path}/10/NA-01?17=261231"), None).await;
        assert_eq!(
            lot.headers()[header::LOCATION],
            format!("/products/{}?lot=NA-01", product.id).as_str()
        );
        let recorded = app::entities::lot::Entity::find()
            .filter(app::entities::lot::Column::ProductId.eq(product.id))
            .one(&t.db)
            .await
            .unwrap()
            .expect("the demo gives certified products a lot");
        let lot_page = get(&t.router, &format!("{path}/10/{}", recorded.code), None).await;
        assert_eq!(
            lot_page.headers()[header::LOCATION],
            format!("/lots/{}", recorded.id).as_str()
        );
        let certificate_info = get(
            &t.router,
            &format!("{path}?linkType=gs1:certificationInfo"),
            None,
        )
        .await;
        assert_eq!(
            certificate_info.headers()[header::LOCATION],
            format!("/certificates/{}", certificate.number).as_str()
        );

        for (query, accept) in [
            ("?linkType=linkset", None),
            ("", Some("application/linkset+json")),
            ("?linkType=all", None),
        ] {
            let response = get(&t.router, &format!("{path}{query}"), accept).await;
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(
                response.headers()[header::CONTENT_TYPE],
                "application/linkset+json"
            );
            let json: serde_json::Value = serde_json::from_str(&body(response).await).unwrap();
            let set = &json["linkset"][0];
            assert_eq!(set["anchor"], format!("http://ocop.test{path}"));
            assert_eq!(set["itemDescription"], product.name.as_str());
            assert_eq!(
                set["https://gs1.org/voc/pip"][0]["href"],
                format!("http://ocop.test/products/{}", product.id)
            );
            assert!(
                set["https://gs1.org/voc/certificationInfo"][0]["href"]
                    .as_str()
                    .unwrap()
                    .ends_with(&certificate.number)
            );
        }
    }

    #[tokio::test]
    async fn malformed_and_unknown_links_get_clear_pages() {
        let t = demo_app(Default::default()).await;
        for path in [
            "/01/8934588012228",
            "/01/08934588012227",
            "/01/08934588012228/21/1/10/A",
            "/01/08934588012228/99/x",
            "/01/08934588012228/10/%ZZ",
            "/01/abc",
        ] {
            let response = get(&t.router, path, None).await;
            assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
            assert!(body(response).await.contains("resolver-problem"));
        }
        let wrong = body(get(&t.router, "/01/08934588012227", None).await).await;
        assert!(
            wrong.contains("(8)"),
            "the right check digit is named: {wrong}"
        );
        let unknown = get(&t.router, "/01/00000000000000", None).await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    }
}
