//! "Forgot password" cannot be used to learn who has an account, to flood a mailbox or to
//! read someone's link: the answer is the same for every address, one client address is
//! limited, and a mailed link is never shown to whoever asked for it.
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::entities::mail_outbox;

use crate::test_support::{demo_app, demo_server_with_mail, post_from, post_with_status, sign_in};

#[tokio::test]
async fn the_answer_is_the_same_for_an_account_and_for_nobody() {
    let app = demo_server_with_mail().await;
    let known = post_from(
        &app.router,
        "/api/request_password_link",
        "email=dongbanh%40demo.vn".into(),
        "203.0.113.10",
    )
    .await;
    let unknown = post_from(
        &app.router,
        "/api/request_password_link",
        "email=khong-co-ai%40demo.vn".into(),
        "203.0.113.11",
    )
    .await;
    assert_eq!(known, unknown);
    assert!(!known.contains("token"), "{known}");
    // The work runs after the answer.
    let mut queued = Vec::new();
    for _ in 0..50 {
        queued = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Kind.eq("password.link"))
            .all(&app.db)
            .await
            .unwrap();
        if !queued.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].to_address, "dongbanh@demo.vn");
}

#[tokio::test]
async fn one_client_address_cannot_ask_without_end() {
    let app = demo_server_with_mail().await;
    let mut refused = 0;
    for i in 0..14 {
        let answer = post_from(
            &app.router,
            "/api/request_password_link",
            format!("email=ai-do-{i}%40example.vn"),
            "203.0.113.20",
        )
        .await;
        if answer.contains("too_many_link_requests") {
            refused += 1;
        }
    }
    assert_eq!(refused, 4, "ten requests an hour from one address");
}

#[tokio::test]
async fn a_mailed_link_is_not_shown_to_the_officer_who_issued_it() {
    let app = demo_server_with_mail().await;
    let province = sign_in(&app.router, "so.nnmt@demo.vn", None).await;
    let id = crate::test_support::account(&app.db, "xa.chilang@demo.vn")
        .await
        .id;
    let (status, answer, _) = post_with_status(
        &app.router,
        "/api/issue_reset_link",
        format!("user_id={id}"),
        Some(&province),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert!(!answer.contains("token="), "{answer}");
    let mail = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::RecipientId.eq(id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(mail.link_path.unwrap().contains("token="));
}

#[tokio::test]
async fn without_a_mail_server_the_form_says_whom_to_ask() {
    let app = demo_app(Default::default()).await;
    let (_, answer, _) = post_with_status(
        &app.router,
        "/api/request_password_link",
        "email=dongbanh%40demo.vn".into(),
        None,
    )
    .await;
    assert!(answer.contains("mail_not_configured"), "{answer}");
    assert!(
        mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Kind.eq("password.link"))
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );
}
