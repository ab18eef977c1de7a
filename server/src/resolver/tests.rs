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
        format!("/products/{}?lot=NA-01&17=261231", product.id).as_str(),
        "the query string is passed on"
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
        format!(
            "/certificates/{}?linkType=gs1:certificationInfo",
            certificate.number
        )
        .as_str(),
        "the query string is passed on, linkType too"
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

async fn send(
    app: &axum::Router,
    method: &str,
    path: &str,
    accept: Option<&str>,
) -> axum::response::Response {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, "ocop.test")
        .header(header::ORIGIN, "https://partner.example");
    if let Some(accept) = accept {
        request = request.header(header::ACCEPT, accept);
    }
    app.clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

/// A certified demo product's Digital Link path and product id, and one with no certificate.
async fn demo_links(db: &sea_orm::DatabaseConnection) -> ((String, i32), String) {
    let certificate = app::entities::certificate::Entity::find()
        .filter(app::entities::certificate::Column::SupersededBy.is_null())
        .filter(app::entities::certificate::Column::RevokedOn.is_null())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let certified = app::entities::product::Entity::find_by_id(certificate.product_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let mut uncertified = None;
    for product in app::entities::product::Entity::find()
        .filter(app::entities::product::Column::Gtin14.is_not_null())
        .all(db)
        .await
        .unwrap()
    {
        let current = app::services::certificates::register::current(db, product.id)
            .await
            .unwrap();
        let active = app::services::traceability::resolver::by_gtin14(
            db,
            product.gtin14.as_deref().unwrap(),
        )
        .await
        .unwrap()
        .is_some();
        if current.is_none() && active {
            uncertified = product.gtin14.clone();
            break;
        }
    }
    (
        (format!("/01/{}", certified.gtin14.unwrap()), certified.id),
        format!(
            "/01/{}",
            uncertified.expect("the demo has a product with no certificate")
        ),
    )
}

#[tokio::test]
async fn the_resolver_answers_get_head_and_options_to_any_origin() {
    let t = demo_app(Default::default()).await;
    let ((path, id), _) = demo_links(&t.db).await;
    let options = send(&t.router, "OPTIONS", &path, None).await;
    assert_eq!(options.status(), StatusCode::NO_CONTENT);
    for name in [header::ALLOW, header::ACCESS_CONTROL_ALLOW_METHODS] {
        let methods = options.headers()[&name].to_str().unwrap();
        for method in ["GET", "HEAD", "OPTIONS"] {
            assert!(methods.contains(method), "{name}: {methods}");
        }
    }
    assert_eq!(options.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");

    let head = send(&t.router, "HEAD", &path, None).await;
    assert_eq!(head.status(), StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        head.headers()[header::LOCATION],
        format!("/products/{id}").as_str()
    );
    assert!(body(head).await.is_empty());

    for (path, status) in [
        (path.clone(), StatusCode::TEMPORARY_REDIRECT),
        (format!("{path}?linkType=linkset"), StatusCode::OK),
        (format!("{path}?17=261399"), StatusCode::BAD_REQUEST),
        ("/01/00000000000000".to_owned(), StatusCode::NOT_FOUND),
        ("/.well-known/gs1resolver".to_owned(), StatusCode::OK),
    ] {
        let response = send(&t.router, "GET", &path, None).await;
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(
            response.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN],
            "*",
            "{path}"
        );
        assert!(
            response.headers()[header::ACCESS_CONTROL_EXPOSE_HEADERS]
                .to_str()
                .unwrap()
                .contains("Link")
        );
    }
}

#[tokio::test]
async fn queries_are_passed_on_and_slashes_tolerated_and_missing_link_types_are_404() {
    let t = demo_app(Default::default()).await;
    let ((path, id), uncertified) = demo_links(&t.db).await;
    let location = |response: &axum::response::Response| {
        response.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_owned()
    };
    let passed = send(
        &t.router,
        "GET",
        &format!("{path}?foo=bar&utm_source=tem"),
        None,
    )
    .await;
    assert_eq!(
        location(&passed),
        format!("/products/{id}?foo=bar&utm_source=tem")
    );
    let plain = send(&t.router, "GET", &path, None).await;
    let slash = send(&t.router, "GET", &format!("{path}/"), None).await;
    assert_eq!(slash.status(), StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(location(&slash), location(&plain));
    let extension = send(&t.router, "GET", &format!("{path}/235/TPX-1"), None).await;
    assert_eq!(
        extension.status(),
        StatusCode::TEMPORARY_REDIRECT,
        "235 after a GTIN"
    );

    for asked in ["gs1:recipeInfo", "gs1:traceability"] {
        let missing = send(&t.router, "GET", &format!("{path}?linkType={asked}"), None).await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND, "{asked}");
        assert!(
            body(missing).await.contains(asked),
            "the page names what was asked"
        );
    }
    let no_certificate = send(
        &t.router,
        "GET",
        &format!("{uncertified}?linkType=gs1:certificationInfo"),
        None,
    )
    .await;
    assert_eq!(
        no_certificate.status(),
        StatusCode::NOT_FOUND,
        "no fallback to another link"
    );
}

#[tokio::test]
async fn the_whole_link_is_validated_and_problems_named() {
    let t = demo_app(Default::default()).await;
    let ((path, _), _) = demo_links(&t.db).await;
    for (query, named) in [
        ("17=261399", "17"),
        ("17=261231&17=261231", "17"),
        ("17=", "17"),
        ("10=NA-01", "/10/"),
        ("19=1", "19"),
        ("3103=12", "3103"),
    ] {
        let response = send(&t.router, "GET", &format!("{path}?{query}"), None).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        let text = body(response).await;
        assert!(
            text.contains("resolver-problem") && text.contains(named),
            "{query}: {text}"
        );
    }
    let json = send(
        &t.router,
        "GET",
        &format!("{path}?17=261399"),
        Some("application/json"),
    )
    .await;
    assert_eq!(json.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        json.headers()[header::CONTENT_TYPE],
        "application/problem+json"
    );
    let problem: serde_json::Value = serde_json::from_str(&body(json).await).unwrap();
    assert_eq!(problem["status"], 400);
    assert!(problem["detail"].as_str().unwrap().contains("17"));
    for ignored in ["linkType=gs1:pip", "context=vn", "utm_source=tem&x="] {
        let response = send(&t.router, "GET", &format!("{path}?{ignored}"), None).await;
        assert_eq!(
            response.status(),
            StatusCode::TEMPORARY_REDIRECT,
            "{ignored}"
        );
    }
}

#[tokio::test]
async fn the_resolver_describes_itself_and_its_link_sets_name_a_json_ld_context() {
    let t = demo_app(Default::default()).await;
    let ((path, _), _) = demo_links(&t.db).await;
    let described: serde_json::Value = serde_json::from_str(
        &body(send(&t.router, "GET", "/.well-known/gs1resolver", None).await).await,
    )
    .unwrap();
    assert_eq!(described["resolverRoot"], "http://ocop.test");
    assert_eq!(described["supportedPrimaryKeys"][0], "01");
    assert_eq!(described["supportedLinkType"][0]["prefix"], "gs1:");
    assert!(described["name"].as_str().is_some_and(|n| !n.is_empty()));
    assert_eq!(
        described["supportedLanguages"],
        serde_json::json!(["vi", "en"])
    );

    let set = send(&t.router, "GET", &format!("{path}?linkType=linkset"), None).await;
    let links = set.headers()[header::LINK].to_str().unwrap().to_owned();
    let context = links
        .split(", ")
        .find(|l| l.contains("json-ld#context"))
        .expect("a Link to the JSON-LD context");
    let href = &context[1..context.find('>').unwrap()];
    let local = href.strip_prefix("http://ocop.test").unwrap();
    let document = send(&t.router, "GET", local, None).await;
    assert_eq!(document.status(), StatusCode::OK);
    assert_eq!(
        document.headers()[header::CONTENT_TYPE],
        "application/ld+json"
    );
    let json: serde_json::Value = serde_json::from_str(&body(document).await).unwrap();
    assert_eq!(json["@context"]["anchor"], "@id");
}
