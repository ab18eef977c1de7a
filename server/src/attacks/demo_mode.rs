//! Demo mode cannot leak into production: the demo loader and the demo server refuse a database
//! with accounts of its own; one-click demo sign-ins are audited and throttled; only a demo
//! server says its data is demo data.
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::test_support::{demo_app, demo_server, get_page, post_from};

/// A database with the master data and one real account (as a province would have it).
async fn production_database() -> sea_orm::DatabaseConnection {
    let db = app::db::connect_and_migrate("sqlite::memory:")
        .await
        .unwrap();
    app::services::master_data::loading::load(&db)
        .await
        .unwrap();
    app::entities::user_account::ActiveModel {
        full_name: Set("Quản trị thật".into()),
        email: Set(Some("quantri@langson.gov.vn".into())),
        password_hash: Set("x".into()),
        role: Set(app::domain::access::Role::Administrator),
        status: Set(app::domain::status::AccountStatus::Active),
        created_at: Set(sea_orm::prelude::ChronoUtc::now()),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    db
}

#[tokio::test]
async fn the_demo_loader_refuses_a_database_with_real_accounts() {
    let db = production_database().await;
    let refused = app::seed::demo::seed_demo(&db).await;
    assert!(refused.is_err(), "demo data loaded into a real database");
    assert!(
        app::seed::demo::check_demo_database(&db).await.is_err(),
        "a demo server would start on it"
    );
}

#[tokio::test]
async fn a_demo_database_may_be_served_in_demo_mode_after_use() {
    let app = demo_app(Default::default()).await;
    assert!(app::seed::demo::check_demo_database(&app.db).await.is_ok());
    // Accounts made during a training session are the demo's too: loading again is a no-op.
    assert!(app::seed::demo::seed_demo(&app.db).await.unwrap().is_none());
}

#[tokio::test]
async fn one_click_demo_sign_ins_are_audited_and_throttled() {
    let app = demo_server().await;
    let mut slowed = 0;
    for _ in 0..40 {
        let answer = post_from(
            &app.router,
            "/api/demo_sign_in",
            "email=dongbanh%40demo.vn".into(),
            "203.0.113.9",
        )
        .await;
        // Said as what it is: too many demo sign-ins, not a wrong password.
        assert!(!answer.contains("too_many_attempts"), "{answer}");
        if answer.contains("too_many_demo_sign_ins") {
            slowed += 1;
        }
    }
    assert!(
        slowed > 0,
        "forty one-click sign-ins from one place were all let through"
    );
    let audited = app::entities::audit_log::Entity::find()
        .filter(app::entities::audit_log::Column::Action.eq("account.demo_sign_in"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(audited.len(), 40 - slowed);
    assert!(
        audited
            .iter()
            .all(|e| e.ip.as_deref() == Some("203.0.113.9"))
    );
}

#[tokio::test]
async fn only_a_demo_server_says_its_data_is_demo_data() {
    const NOTE: &str = "Dữ liệu trình diễn";
    let real = demo_app(Default::default()).await;
    let demo = demo_server().await;
    // Light pages say it in their HTML; app pages ask `demo_mode` once hydrated.
    for path in ["/products/1", "/catalog"] {
        let (_, html) = get_page(&real.router, path, None).await;
        assert!(
            !html.contains(NOTE),
            "{path} says demo data outside demo mode"
        );
        let (_, html) = get_page(&demo.router, path, None).await;
        assert!(html.contains(NOTE), "{path} hides that it is a demo");
    }
    let ask = |router: axum::Router| async move {
        crate::test_support::post(&router, "/api/demo_mode", String::new(), None)
            .await
            .0
    };
    assert_eq!(ask(real.router.clone()).await, "false");
    assert_eq!(ask(demo.router.clone()).await, "true");
}
