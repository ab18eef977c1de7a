//! Sessions as a browser lives them: a new id at sign-in, idle and absolute expiry, sign-out
//! ending the session on the server, and a locked account losing its session.
use app::services::accounts::reset_links::Delivery;
use std::time::Duration;

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use app::entities::user_account;
use app::state::AuthSettings;

use crate::test_support::{current_user, demo_app, post, sign_in};

const OFFICER: &str = "xa.trangdinh@demo.vn";

#[tokio::test]
async fn signing_in_gives_a_new_session_id() {
    let app = demo_app(AuthSettings::default()).await;
    let first = sign_in(&app.router, "dongbanh@demo.vn", None).await;
    let second = sign_in(&app.router, OFFICER, Some(&first)).await;
    assert_ne!(first, second, "the id changes at sign-in (no fixation)");
    assert_eq!(
        current_user(&app.router, &second).await.as_deref(),
        Some("Hoàng Thị Xã")
    );
    assert_eq!(
        current_user(&app.router, &first).await,
        None,
        "the old id is gone"
    );
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = demo_app(AuthSettings::default()).await;
    let cookie = sign_in(&app.router, OFFICER, None).await;
    assert_eq!(
        current_user(&app.router, &cookie).await.as_deref(),
        Some("Hoàng Thị Xã")
    );
    post(&app.router, "/api/sign_out", String::new(), Some(&cookie)).await;
    // A copy of the cookie kept by an attacker is worthless now.
    assert_eq!(current_user(&app.router, &cookie).await, None);
}

#[tokio::test]
async fn sessions_end_after_the_absolute_lifetime() {
    let settings = AuthSettings {
        absolute_lifetime: Duration::ZERO,
        ..AuthSettings::default()
    };
    let app = demo_app(settings).await;
    let cookie = sign_in(&app.router, OFFICER, None).await;
    assert_eq!(current_user(&app.router, &cookie).await, None);
}

#[tokio::test]
async fn sessions_end_after_the_idle_timeout() {
    let settings = AuthSettings {
        idle_timeout: Duration::from_secs(1),
        ..AuthSettings::default()
    };
    let app = demo_app(settings).await;
    let cookie = sign_in(&app.router, OFFICER, None).await;
    assert_eq!(
        current_user(&app.router, &cookie).await.as_deref(),
        Some("Hoàng Thị Xã")
    );
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(current_user(&app.router, &cookie).await, None);
}

#[tokio::test]
async fn a_locked_account_loses_its_session_and_cannot_sign_in() {
    let app = demo_app(AuthSettings::default()).await;
    let cookie = sign_in(&app.router, OFFICER, None).await;
    let account = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(OFFICER))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut locked: user_account::ActiveModel = account.into();
    locked.status = Set(app::domain::status::AccountStatus::Locked);
    locked.update(&app.db).await.unwrap();
    assert_eq!(current_user(&app.router, &cookie).await, None);
    let body = format!(
        "login={}&password={}",
        OFFICER.replace('@', "%40"),
        app::seed::demo::DEMO_PASSWORD
    );
    let (answer, _) = post(&app.router, "/api/sign_in", body, None).await;
    assert!(answer.contains("account_locked"), "{answer}");
}

#[tokio::test]
async fn repeated_wrong_passwords_slow_that_place_down_but_do_not_lock_the_user_out() {
    use sea_orm::PaginatorTrait;

    use crate::test_support::post_from;
    let settings = AuthSettings {
        trusted_proxies: 1,
        ..AuthSettings::default()
    };
    let app = demo_app(settings).await;
    let form =
        |password: &str| format!("login={}&password={password}", OFFICER.replace('@', "%40"));
    for _ in 0..5 {
        let answer = post_from(
            &app.router,
            "/api/sign_in",
            form("doan-bua-thoi"),
            "203.0.113.9",
        )
        .await;
        assert!(answer.contains("wrong_credentials"), "{answer}");
    }
    let right = app::seed::demo::DEMO_PASSWORD;
    let answer = post_from(&app.router, "/api/sign_in", form(right), "203.0.113.9").await;
    assert!(
        answer.contains("too_many_attempts"),
        "the guesser's place waits: {answer}"
    );
    let answer = post_from(&app.router, "/api/sign_in", form(right), "198.51.100.7").await;
    assert!(
        !answer.contains("too_many_attempts") && !answer.contains("wrong_credentials"),
        "{answer}"
    );
    let bursts = app::entities::audit_log::Entity::find()
        .filter(app::entities::audit_log::Column::Action.eq("account.login_failure_burst"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(bursts, 1, "the burst is audited once");
}

#[tokio::test]
async fn a_password_set_with_a_reset_link_ends_the_accounts_sessions() {
    let app = demo_app(AuthSettings::default()).await;
    let cookie = sign_in(&app.router, OFFICER, None).await;
    let officer = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(OFFICER))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let admin = user_account::Entity::find()
        .filter(user_account::Column::Email.eq("quantri@demo.vn"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let admin = app::auth::current::to_actor(&admin);
    let link = app::services::accounts::reset_links::issue_reset_link(
        &app.db,
        &admin,
        officer.id,
        None,
        Delivery::HandOver,
    )
    .await
    .unwrap();
    let token = link.path.split("token=").nth(1).unwrap();
    app::services::accounts::reset_links::redeem(&app.db, token, "mưa phùn trên phố Kỳ Lừa", None)
        .await
        .unwrap();
    assert_eq!(
        current_user(&app.router, &cookie).await,
        None,
        "a session from before the reset ends"
    );
}
