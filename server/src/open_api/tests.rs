//! The open data API over HTTP on the demo: JSON with ETags and 304s, problems for wrong
//! parameters and unknown items, CORS, and a document and a page that name every endpoint.
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use tower::ServiceExt;

use crate::test_support::demo_app;

pub(super) async fn get(
    app: &axum::Router,
    path: &str,
    headers: &[(header::HeaderName, &str)],
) -> axum::response::Response {
    let mut request = Request::get(path).header(header::HOST, "ocop.test");
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    app.clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

pub(super) async fn json(response: axum::response::Response) -> serde_json::Value {
    let bytes = to_bytes(response.into_body(), 8 << 20).await.unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

#[tokio::test]
async fn products_come_as_json_with_etags_that_answer_304() {
    let t = demo_app(Default::default()).await;
    let first = get(&t.router, "/open/v1/products?limit=5", &[]).await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()[header::CONTENT_TYPE], "application/json");
    assert_eq!(first.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let etag = first.headers()[header::ETAG].to_str().unwrap().to_owned();
    let page = json(first).await;
    let products = page["data"].as_array().unwrap();
    assert_eq!(products.len(), 5, "the demo has certified products");
    assert!(page["next_cursor"].is_string());
    let product = &products[0];
    assert!(
        product["url"]
            .as_str()
            .unwrap()
            .starts_with("http://ocop.test/products/")
    );
    assert!(product["certificate"]["number"].is_string());

    let again = get(
        &t.router,
        "/open/v1/products?limit=5",
        &[(header::IF_NONE_MATCH, &etag)],
    )
    .await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()[header::ETAG], etag.as_str());
    let other = get(
        &t.router,
        "/open/v1/products?limit=4",
        &[(header::IF_NONE_MATCH, &etag)],
    )
    .await;
    assert_eq!(
        other.status(),
        StatusCode::OK,
        "another answer, another tag"
    );

    let next = page["next_cursor"].as_str().unwrap();
    let second = json(
        get(
            &t.router,
            &format!("/open/v1/products?limit=5&cursor={next}"),
            &[],
        )
        .await,
    )
    .await;
    let last_of_first = product_id(&products[4]);
    assert!(
        product_id(&second["data"][0]) > last_of_first,
        "the next page goes on"
    );
    assert_eq!(
        second["next_changed_since"], page["next_changed_since"],
        "carried by the cursor"
    );

    let one = get(
        &t.router,
        &format!("/open/v1/products/{}", product_id(product)),
        &[],
    )
    .await;
    assert_eq!(one.status(), StatusCode::OK);
    assert_eq!(json(one).await["id"], product["id"]);
}

#[tokio::test]
async fn a_host_that_is_not_a_host_name_never_reaches_a_link() {
    let t = demo_app(Default::default()).await;
    let request = Request::get("/open/v1/products?limit=1")
        .header(header::HOST, "evil.example>; rel=\"x\"")
        .body(Body::empty())
        .unwrap();
    let page = json(t.router.clone().oneshot(request).await.unwrap()).await;
    let url = page["data"][0]["url"].as_str().unwrap();
    assert!(url.starts_with("http://localhost/products/"), "{url}");
}

fn product_id(value: &serde_json::Value) -> i64 {
    value["id"].as_i64().unwrap()
}

#[tokio::test]
async fn wrong_parameters_and_unknown_items_are_problems_in_the_clients_language() {
    let t = demo_app(Default::default()).await;
    for (path, status, named) in [
        (
            "/open/v1/products?stars=9",
            StatusCode::BAD_REQUEST,
            "stars",
        ),
        (
            "/open/v1/products?valid_on=hôm-nay",
            StatusCode::BAD_REQUEST,
            "valid_on",
        ),
        (
            "/open/v1/products?cursor=%ZZ",
            StatusCode::BAD_REQUEST,
            "cursor",
        ),
        (
            "/open/v1/products?limit=1&limit=2",
            StatusCode::BAD_REQUEST,
            "query",
        ),
        (
            "/open/v1/certificates?status=lost",
            StatusCode::BAD_REQUEST,
            "status",
        ),
        ("/open/v1/products/999999", StatusCode::NOT_FOUND, ""),
        ("/open/v1/products/abc", StatusCode::NOT_FOUND, ""),
        ("/open/v1/certificates/NO-SUCH", StatusCode::NOT_FOUND, ""),
    ] {
        let response = get(&t.router, path, &[]).await;
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "application/problem+json"
        );
        let problem = json(response).await;
        assert_eq!(problem["status"], status.as_u16(), "{path}");
        assert!(
            problem["detail"].as_str().unwrap().contains(named),
            "{path}: {problem}"
        );
    }
    let english = json(
        get(
            &t.router,
            "/open/v1/products?limit=0",
            &[(header::ACCEPT_LANGUAGE, "en")],
        )
        .await,
    )
    .await;
    assert_eq!(english["title"], "Invalid parameter");
    let vietnamese = json(get(&t.router, "/open/v1/products?limit=0", &[]).await).await;
    assert_eq!(vietnamese["title"], "Tham số không hợp lệ");
}

#[tokio::test]
async fn the_document_and_the_page_name_every_endpoint() {
    let t = demo_app(Default::default()).await;
    let document = json(get(&t.router, "/open/v1/openapi.json", &[]).await).await;
    assert_eq!(document["openapi"], "3.1.0");
    let answers = &document["paths"]["/open/v1/products"]["get"]["responses"];
    for status in ["200", "304", "400", "401", "403", "429"] {
        assert!(
            answers[status].is_object(),
            "{status} documented: {answers}"
        );
    }
    assert_eq!(
        answers["400"]["content"]["application/problem+json"]["schema"]["$ref"],
        "#/components/schemas/Problem"
    );
    let paths: Vec<&String> = document["paths"].as_object().unwrap().keys().collect();
    let page = get(&t.router, "/open/v1/docs", &[]).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html =
        String::from_utf8(to_bytes(page.into_body(), 8 << 20).await.unwrap().to_vec()).unwrap();
    for path in &paths {
        assert!(html.contains(path.as_str()), "{path} on the page");
        // Every documented path answers (with its parameters filled in).
        let filled = path.replace("{id}", "1").replace("{number}", "X");
        let status = get(&t.router, &filled, &[]).await.status();
        let expected = if path.starts_with("/open/v1/private/") {
            [StatusCode::UNAUTHORIZED; 2]
        } else if path.contains("epcis") {
            [StatusCode::BAD_REQUEST; 2] // it needs an identifier
        } else {
            [StatusCode::OK, StatusCode::NOT_FOUND]
        };
        assert!(expected.contains(&status), "{filled}: {status}");
    }
    assert!(paths.len() >= 8, "{paths:?}");
    for list in [
        "/open/v1/units",
        "/open/v1/groups",
        "/open/v1/producers",
        "/open/v1/trade-events",
        "/open/v1/certificates",
    ] {
        let response = get(&t.router, list, &[]).await;
        assert_eq!(response.status(), StatusCode::OK, "{list}");
        assert!(json(response).await["data"].is_array(), "{list}");
    }
}

#[tokio::test]
async fn the_bulk_files_hold_every_certified_product_and_follow_changes() {
    let t = demo_app(Default::default()).await;
    let csv = get(&t.router, "/open/v1/bulk/products.csv", &[]).await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert_eq!(
        csv.headers()[header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    let etag = csv.headers()[header::ETAG].to_str().unwrap().to_owned();
    let text =
        String::from_utf8(to_bytes(csv.into_body(), 64 << 20).await.unwrap().to_vec()).unwrap();
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert!(
        lines[0].starts_with("\u{feff}\"id\",\"name\","),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[0].matches(',').count() + 1,
        app::services::open_data::bulk::CSV_COLUMNS.len()
    );

    let jsonl = get(&t.router, "/open/v1/bulk/products.jsonl", &[]).await;
    assert_eq!(
        jsonl.headers()[header::CONTENT_TYPE],
        "application/x-ndjson"
    );
    let body = String::from_utf8(
        to_bytes(jsonl.into_body(), 64 << 20)
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    let products: Vec<serde_json::Value> = body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!products.is_empty());
    assert_eq!(
        products.len(),
        lines.len() - 1,
        "the same products in both files"
    );
    let mut listed_api = 0;
    let mut cursor = String::new();
    loop {
        let page = json(
            get(
                &t.router,
                &format!("/open/v1/products?limit=200{cursor}"),
                &[],
            )
            .await,
        )
        .await;
        listed_api += page["data"].as_array().unwrap().len();
        match page["next_cursor"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(
        products.len(),
        listed_api,
        "the files hold what the API lists"
    );

    let unchanged = get(
        &t.router,
        "/open/v1/bulk/products.csv",
        &[(header::IF_NONE_MATCH, &etag)],
    )
    .await;
    assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);
    // A certificate revoked: the files are made again, the product flagged.
    let first_id = products[0]["id"].as_i64().unwrap() as i32;
    let mut current: app::entities::certificate::ActiveModel =
        app::services::certificates::register::current(&t.db, first_id)
            .await
            .unwrap()
            .unwrap()
            .into();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    current.revoked_on = sea_orm::ActiveValue::Set(Some(app::clock::today()));
    sea_orm::ActiveModelTrait::update(current, &t.db)
        .await
        .unwrap();
    let changed = get(
        &t.router,
        "/open/v1/bulk/products.csv",
        &[(header::IF_NONE_MATCH, &etag)],
    )
    .await;
    assert_eq!(
        changed.status(),
        StatusCode::OK,
        "made again after the change"
    );
    let text = String::from_utf8(
        to_bytes(changed.into_body(), 64 << 20)
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    let row = text
        .lines()
        .find(|l| l.starts_with(&format!("\"{first_id}\"")))
        .unwrap();
    assert!(
        row.contains("\"revoked\"") && row.contains("\"false\""),
        "{row}"
    );
}

#[tokio::test]
async fn epcis_events_of_a_lot_come_as_a_query_document_within_the_times_asked() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let t = demo_app(Default::default()).await;
    let event = app::entities::lot_event::Entity::find()
        .one(&t.db)
        .await
        .unwrap()
        .expect("a demo lot event");
    let lot = app::entities::lot::Entity::find_by_id(event.lot_id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let events_of_lot = app::entities::lot_event::Entity::find()
        .filter(app::entities::lot_event::Column::LotId.eq(lot.id))
        .all(&t.db)
        .await
        .unwrap()
        .len();
    let by_page = format!("http://ocop.test/lots/{}", lot.id);
    let response = get(
        &t.router,
        &format!("/open/v1/epcis/events?MATCH_epcClass={by_page}"),
        &[],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "application/ld+json"
    );
    assert_eq!(response.headers()["GS1-EPCIS-Version"], "2.0.0");
    let document = json(response).await;
    assert_eq!(document["type"], "EPCISQueryDocument");
    let list = document["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
        .as_array()
        .unwrap();
    assert_eq!(list.len(), events_of_lot);
    assert!(list.iter().all(|e| {
        e["eventID"]
            .as_str()
            .unwrap()
            .contains(&format!("/lots/{}/", lot.id))
    }));
    assert_eq!(
        list[0]["action"], "ADD",
        "the first event commissions the lot"
    );

    let later = (event.happened_at + chrono::Duration::seconds(1))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let windowed = json(
        get(
            &t.router,
            &format!(
                "/open/v1/epcis/events?MATCH_anyEPCClass={by_page}&LT_eventTime={}",
                later.replace('+', "%2B")
            ),
            &[],
        )
        .await,
    )
    .await;
    let kept = windowed["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
        .as_array()
        .unwrap();
    assert!(!kept.is_empty() && kept.len() <= events_of_lot);
    let none = json(
        get(
            &t.router,
            &format!(
                "/open/v1/epcis/events?MATCH_epcClass={by_page}&GE_eventTime=2999-01-01T00:00:00Z"
            ),
            &[],
        )
        .await,
    )
    .await;
    assert_eq!(
        none["epcisBody"]["queryResults"]["resultsBody"]["eventList"],
        serde_json::json!([])
    );
    let unknown = json(
        get(
            &t.router,
            "/open/v1/epcis/events?MATCH_epcClass=http://ocop.test/lots/999999",
            &[],
        )
        .await,
    )
    .await;
    assert_eq!(
        unknown["epcisBody"]["queryResults"]["resultsBody"]["eventList"],
        serde_json::json!([]),
        "names nothing: no events"
    );

    for (query, named) in [
        ("", "MATCH_epcClass"),
        ("MATCH_epcClass=abc", "MATCH_epcClass"),
        (
            "MATCH_epcClass=http://h/01/08934588012227",
            "MATCH_epcClass",
        ),
        (
            "MATCH_epcClass=http://h/lots/1&GE_eventTime=yesterday",
            "GE_eventTime",
        ),
    ] {
        let response = get(&t.router, &format!("/open/v1/epcis/events?{query}"), &[]).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        assert!(
            json(response).await["detail"]
                .as_str()
                .unwrap()
                .starts_with(named),
            "{query}"
        );
    }
    let many = [by_page.as_str(); 11].join(",");
    let too_many = get(
        &t.router,
        &format!("/open/v1/epcis/events?MATCH_epcClass={many}"),
        &[],
    )
    .await;
    assert_eq!(too_many.status(), StatusCode::BAD_REQUEST);
}
