//! An app on an in-memory SQLite database with the demo data, and a way to call it as a browser
//! on the same site would (Origin, Host, cookies).
use axum::body::{Body, to_bytes};
use axum::http::{Request, header};
use leptos::config::LeptosOptions;
use tower::ServiceExt;

use app::state::{AppState, AuthSettings};

pub struct TestApp {
    pub router: axum::Router,
    pub db: sea_orm::DatabaseConnection,
}

pub async fn demo_app(auth: AuthSettings) -> TestApp {
    let db = app::db::connect_and_migrate("sqlite::memory:")
        .await
        .unwrap();
    app::services::demo::seed_demo(&db).await.unwrap();
    let leptos_options = LeptosOptions::builder().output_name("ocop").build();
    let state = AppState {
        auth,
        ..AppState::new(leptos_options, db.clone())
    };
    TestApp {
        router: crate::routes::router(state, false),
        db,
    }
}

/// POSTs a form to a server function; returns the body and the session cookie set, if any.
pub async fn post(
    app: &axum::Router,
    path: &str,
    body: String,
    cookie: Option<&str>,
) -> (String, Option<String>) {
    let (_, body, cookie) = post_with_status(app, path, body, cookie).await;
    (body, cookie)
}

/// Like `post`, with the response's HTTP status first.
pub async fn post_with_status(
    app: &axum::Router,
    path: &str,
    body: String,
    cookie: Option<&str>,
) -> (u16, String, Option<String>) {
    let mut request = Request::post(path)
        .header(header::HOST, "ocop.test")
        .header(header::ORIGIN, "http://ocop.test")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let set_cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    let status = response.status().as_u16();
    let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    (
        status,
        String::from_utf8_lossy(&body).into_owned(),
        set_cookie,
    )
}

/// Signs a demo account in and returns its session cookie.
pub async fn sign_in(app: &axum::Router, email: &str, cookie: Option<&str>) -> String {
    let body = format!(
        "login={}&password={}",
        email.replace('@', "%40"),
        app::services::demo::DEMO_PASSWORD
    );
    let (answer, set) = post(app, "/api/sign_in", body, cookie).await;
    set.unwrap_or_else(|| panic!("{email} signs in: {answer}"))
}

/// The name of the signed-in user as `get_current_user` answers, if any.
pub async fn current_user(app: &axum::Router, cookie: &str) -> Option<String> {
    let (answer, _) = post(app, "/api/get_current_user", String::new(), Some(cookie)).await;
    let value: serde_json::Value = serde_json::from_str(&answer).unwrap_or_default();
    value
        .get("full_name")
        .and_then(|n| n.as_str())
        .map(str::to_owned)
}

/// POSTs as a client behind a trusted proxy at `address` (X-Forwarded-For).
pub async fn post_from(app: &axum::Router, path: &str, body: String, address: &str) -> String {
    let request = Request::post(path)
        .header(header::HOST, "ocop.test")
        .header(header::ORIGIN, "http://ocop.test")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("x-forwarded-for", address);
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    String::from_utf8_lossy(&body).into_owned()
}
