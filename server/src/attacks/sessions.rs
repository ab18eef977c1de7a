//! Sessions under use: an idle timeout that measures idleness, not time since sign-in.
use std::time::Duration;

use app::state::AuthSettings;

use crate::test_support::{current_user, demo_app, sign_in};

#[tokio::test]
async fn a_user_active_all_along_outlives_the_idle_timeout() {
    let settings = AuthSettings {
        idle_timeout: Duration::from_secs(2),
        ..AuthSettings::default()
    };
    let app = demo_app(settings).await;
    let cookie = sign_in(&app.router, "xa.trangdinh@demo.vn", None).await;
    // Active every 0.4 s for twice the timeout: still signed in (before the fix the session
    // ended two seconds after signing in, as nothing re-saved it).
    for _ in 0..10 {
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert_eq!(
            current_user(&app.router, &cookie).await.as_deref(),
            Some("Hoàng Thị Xã"),
            "signed out while active"
        );
    }
    // Then idle for longer than the timeout: signed out.
    tokio::time::sleep(Duration::from_millis(2600)).await;
    assert_eq!(current_user(&app.router, &cookie).await, None);
}

#[tokio::test]
async fn a_copied_session_table_holds_no_id_a_thief_could_use() {
    use sea_orm::EntityTrait;
    let app = demo_app(AuthSettings::default()).await;
    let cookie = sign_in(&app.router, "xa.trangdinh@demo.vn", None).await;
    let id = cookie.split_once('=').unwrap().1;
    let rows = app::entities::session::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        assert_ne!(row.id, id, "the id is stored as it is");
        assert!(!row.data.contains(id), "the stored data names the id");
        // Putting the stored key in a cookie gets nobody in.
        let forged = format!("ocop_session={}", row.id);
        assert_eq!(current_user(&app.router, &forged).await, None);
    }
    assert!(current_user(&app.router, &cookie).await.is_some());
}

#[tokio::test]
async fn a_secure_session_cookie_takes_the_host_prefix() {
    use axum::http::header;
    let app = crate::test_support::demo_app_with(AuthSettings::default(), true).await;
    let body = format!(
        "login=xa.trangdinh%40demo.vn&password={}",
        app::seed::demo::DEMO_PASSWORD
    );
    let request = axum::http::Request::post("/api/sign_in")
        .header(header::HOST, "ocop.test")
        .header(header::ORIGIN, "http://ocop.test")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(body))
        .unwrap();
    let response = tower::ServiceExt::oneshot(app.router.clone(), request)
        .await
        .unwrap();
    let set_cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        set_cookie.starts_with("__Host-ocop_session="),
        "{set_cookie}"
    );
    assert!(
        set_cookie.contains("Secure") && set_cookie.contains("Path=/"),
        "{set_cookie}"
    );
    assert!(!set_cookie.contains("Domain"), "{set_cookie}");
}
