//! The open data API's tokens over HTTP: private reads need a token in scope, bad, revoked and
//! out-of-scope tokens are refused (never served as anonymous), a browser client may send one,
//! and a token past its rate is told to wait.
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use tower::ServiceExt;

use super::tests::{get, json};
use crate::test_support::demo_app;

async fn token(t: &crate::test_support::TestApp, scopes: &[&str]) -> (i32, String) {
    let admin = app::auth::Actor::User {
        user_id: 1,
        role: app::auth::Role::Administrator,
        commune_code: None,
        subject_id: None,
    };
    let request = app::domain::api_token::TokenRequest {
        note: "Đối tác thử".into(),
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        expires_on: (app::clock::today() + chrono::Days::new(30))
            .format("%Y-%m-%d")
            .to_string(),
    };
    let made =
        app::services::open_data::tokens::create(&t.db, &admin, &request, app::clock::today())
            .await
            .unwrap();
    (made.id, made.secret)
}

#[tokio::test]
async fn private_reads_need_a_token_in_scope_and_revoked_ones_are_refused() {
    let t = demo_app(Default::default()).await;
    let (_, private_secret) = token(&t, &["public_read", "private_read"]).await;
    let (public_id, public_secret) = token(&t, &["public_read"]).await;
    let bearer = |secret: &str| format!("Bearer {secret}");
    for path in ["/open/v1/private/dossiers", "/open/v1/private/reports"] {
        let none = get(&t.router, path, &[]).await;
        assert_eq!(none.status(), StatusCode::UNAUTHORIZED, "{path}");
        assert!(none.headers().contains_key(header::WWW_AUTHENTICATE));
        assert_eq!(
            none.headers()[header::CONTENT_TYPE],
            "application/problem+json"
        );
        let wrong_scope = get(
            &t.router,
            path,
            &[(header::AUTHORIZATION, &bearer(&public_secret))],
        )
        .await;
        assert_eq!(wrong_scope.status(), StatusCode::FORBIDDEN, "{path}");
        let allowed = get(
            &t.router,
            path,
            &[(header::AUTHORIZATION, &bearer(&private_secret))],
        )
        .await;
        assert_eq!(allowed.status(), StatusCode::OK, "{path}");
        assert!(json(allowed).await["data"].is_array());
    }
    // A public read with a token: counted; with a bad one: refused, never served as anonymous.
    let counted = get(
        &t.router,
        "/open/v1/groups",
        &[(header::AUTHORIZATION, &bearer(&public_secret))],
    )
    .await;
    assert_eq!(counted.status(), StatusCode::OK);
    for bad in [
        "Bearer ocop_nothing",
        "Basic dXNlcjpwYXNz",
        "Bearer",
        &"x".repeat(500),
    ] {
        let refused = get(
            &t.router,
            "/open/v1/groups",
            &[(header::AUTHORIZATION, bad)],
        )
        .await;
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED, "{bad}");
    }
    let admin = app::auth::Actor::User {
        user_id: 1,
        role: app::auth::Role::Administrator,
        commune_code: None,
        subject_id: None,
    };
    app::services::open_data::tokens::revoke(&t.db, &admin, public_id)
        .await
        .unwrap();
    let revoked = get(
        &t.router,
        "/open/v1/groups",
        &[(header::AUTHORIZATION, &bearer(&public_secret))],
    )
    .await;
    assert_eq!(revoked.status(), StatusCode::UNAUTHORIZED);
    let problem = json(revoked).await;
    assert!(
        problem["detail"].as_str().unwrap().contains("thu hồi"),
        "{problem}"
    );
    // A preflight lets a browser client send its token.
    let preflight = t
        .router
        .clone()
        .oneshot(
            Request::options("/open/v1/products")
                .header(header::HOST, "ocop.test")
                .header(header::ORIGIN, "https://partner.example")
                .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(preflight.status(), StatusCode::NO_CONTENT);
    assert!(
        preflight.headers()[header::ACCESS_CONTROL_ALLOW_HEADERS]
            .to_str()
            .unwrap()
            .contains("Authorization")
    );
}

#[tokio::test]
async fn a_token_past_its_rate_is_told_to_wait() {
    let t = demo_app(Default::default()).await;
    let (_, secret) = token(&t, &["public_read"]).await;
    let bearer = format!("Bearer {secret}");
    let limit = app::auth::rate_limit::API_PER_MINUTE;
    for _ in 0..limit {
        let ok = get(
            &t.router,
            "/open/v1/groups",
            &[(header::AUTHORIZATION, &bearer)],
        )
        .await;
        assert_eq!(ok.status(), StatusCode::OK);
    }
    let held = get(
        &t.router,
        "/open/v1/groups",
        &[(header::AUTHORIZATION, &bearer)],
    )
    .await;
    assert_eq!(held.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(held.headers()[header::RETRY_AFTER], "60");
    assert_eq!(json(held).await["status"], 429);
    let anonymous = get(&t.router, "/open/v1/groups", &[]).await;
    assert_eq!(
        anonymous.status(),
        StatusCode::OK,
        "public reads without a token go on"
    );
}
