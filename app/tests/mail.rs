//! E-mail through the outbox, against a real SMTP server on 127.0.0.1: what is mailed and in
//! which language, a mail server that is down (nothing lost, each message sent once), refused
//! and stale messages; "forgot password" (same answer, throttled, the link works once).
use crate::support;
use crate::support::smtp;

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use app::auth::{Actor, Role};
use app::entities::{mail_outbox, user_account};
use app::services::ServiceError;
use app::services::accounts::forgotten::{PER_ADDRESS_PER_HOUR, request_link};
use app::services::accounts::registration::{decide_registration, register};
use app::services::accounts::reset_links::redeem;
use app::services::accounts::sign_ins::set_language;
use app::services::mail::sender::{Mailer, Round, send_due};
use smtp::SmtpServer;
use support::accounts::{TRANG_DINH, producer};

const SITE: &str = "https://ocop.langson.test";

fn commune_officer() -> Actor {
    Actor::User {
        user_id: 900,
        role: Role::CommuneOfficer,
        commune_code: Some(TRANG_DINH.into()),
        subject_id: None,
    }
}

fn mailer(port: u16) -> Mailer {
    Mailer::new(
        &format!("smtp://127.0.0.1:{port}"),
        "OCOP Lạng Sơn <khong-tra-loi@langson.test>",
        SITE,
    )
    .unwrap()
}

/// Registers `n` producers of Tràng Định and approves them: `n` messages in the outbox.
async fn approved(db: &sea_orm::DatabaseConnection, n: usize) -> Vec<i32> {
    let mut ids = Vec::new();
    for i in 0..n {
        let input = producer(
            &format!("Người Thử {i}"),
            &format!("nguoi{i}@example.vn"),
            "",
            &format!("49001234{i:02}"),
        );
        let id = register(db, input, None).await.unwrap();
        decide_registration(db, &commune_officer(), id, true, "", None)
            .await
            .unwrap();
        ids.push(id);
    }
    ids
}

async fn outbox(db: &sea_orm::DatabaseConnection) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find().all(db).await.unwrap()
}

/// Time passes: every waiting message is due now.
async fn make_due(db: &sea_orm::DatabaseConnection) {
    mail_outbox::Entity::update_many()
        .col_expr(
            mail_outbox::Column::NextAttemptAt,
            sea_orm::sea_query::Expr::value(app::clock::now() - chrono::Duration::seconds(1)),
        )
        .exec(db)
        .await
        .unwrap();
}

#[tokio::test]
async fn decisions_are_mailed_in_the_applicants_language_with_a_link() {
    for t in support::with_master_data().await {
        let mai = register(
            &t.db,
            producer("Hoàng Thị Mai", "mai@example.vn", "", "4900123456"),
            None,
        )
        .await
        .unwrap();
        let anna = register(
            &t.db,
            producer("Anna Lê", "anna@example.vn", "", "4900123457"),
            None,
        )
        .await
        .unwrap();
        // Registered from a browser switched to English.
        set_language(&t.db, anna, "en").await.unwrap();
        let nobody = register(
            &t.db,
            producer("Chỉ Có Số", "", "0912000333", "4900123458"),
            None,
        )
        .await
        .unwrap();
        let officer = commune_officer();
        decide_registration(&t.db, &officer, mai, true, "", None)
            .await
            .unwrap();
        decide_registration(&t.db, &officer, anna, false, "Thiếu\ngiấy phép", None)
            .await
            .unwrap();
        decide_registration(&t.db, &officer, nobody, true, "", None)
            .await
            .unwrap();
        // The account with only a phone has no message; the others wait, nothing sent yet.
        let waiting = outbox(&t.db).await;
        assert_eq!(waiting.len(), 2, "{}", t.backend);
        assert!(waiting.iter().all(|m| m.state == "pending"));

        let server = SmtpServer::start(0, false).await;
        let round = send_due(&t.db, &mailer(server.port)).await.unwrap();
        assert_eq!(round.sent, 2, "{}: {round:?}", t.backend);
        let mut got = server.messages();
        got.sort_by(|a, b| a.to.cmp(&b.to));
        assert_eq!(got[0].to, "anna@example.vn");
        assert!(
            got[0].subject.contains("Registration not approved"),
            "{:?}",
            got[0]
        );
        assert!(got[0].body.starts_with("Hello"), "{:?}", got[0]);
        // What the officer typed stays on one line of the message.
        assert!(
            got[0].body.contains("Reason: Thiếu giấy phép"),
            "{:?}",
            got[0]
        );
        assert_eq!(got[1].to, "mai@example.vn");
        assert!(
            got[1].subject.contains("Đăng ký đã được duyệt"),
            "{:?}",
            got[1]
        );
        assert!(
            got[1].body.contains(&format!("{SITE}/login")),
            "{:?}",
            got[1]
        );
        let sent = outbox(&t.db).await;
        assert!(
            sent.iter()
                .all(|m| m.state == "sent" && m.sent_at.is_some())
        );
        // Nothing is sent twice.
        assert_eq!(
            send_due(&t.db, &mailer(server.port)).await.unwrap(),
            Round::default()
        );
        assert_eq!(server.messages().len(), 2);
        server.stop();
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_mail_server_that_is_down_loses_nothing_and_each_message_goes_once() {
    for t in support::with_master_data().await {
        approved(&t.db, 3).await;
        let port = smtp::free_port().await;
        // Down: every message waits for a later try, with the error kept for the operator.
        let round = send_due(&t.db, &mailer(port)).await.unwrap();
        assert_eq!(round.retry_later, 3, "{}: {round:?}", t.backend);
        let waiting = outbox(&t.db).await;
        assert!(
            waiting.iter().all(|m| m.state == "pending"
                && m.attempts == 1
                && m.last_error.is_some()
                && m.next_attempt_at > app::clock::now()),
            "{waiting:?}"
        );
        // Not due yet: the worker does not hammer a server that is down.
        assert_eq!(
            send_due(&t.db, &mailer(port)).await.unwrap(),
            Round::default()
        );

        // Back up; two workers (two servers on one database) run at once.
        let server = SmtpServer::start(port, false).await;
        make_due(&t.db).await;
        let m = mailer(port);
        let (a, b) = tokio::join!(send_due(&t.db, &m), send_due(&t.db, &m));
        assert_eq!(a.unwrap().sent + b.unwrap().sent, 3, "{}", t.backend);
        let mut to: Vec<String> = server.messages().into_iter().map(|r| r.to).collect();
        to.sort();
        assert_eq!(
            to,
            [
                "nguoi0@example.vn",
                "nguoi1@example.vn",
                "nguoi2@example.vn"
            ],
            "{}",
            t.backend
        );
        assert!(outbox(&t.db).await.iter().all(|m| m.state == "sent"));
        server.stop();
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_refused_address_fails_at_once_and_a_stale_message_is_never_sent() {
    for t in support::with_master_data().await {
        let ids = approved(&t.db, 2).await;
        // The second message waited three days (the server was off all that time).
        let stale = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::RecipientId.eq(ids[1]))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let mut row: mail_outbox::ActiveModel = stale.into();
        row.created_at = Set(app::clock::now() - chrono::Duration::hours(73));
        row.update(&t.db).await.unwrap();

        let server = SmtpServer::start(0, true).await;
        let round = send_due(&t.db, &mailer(server.port)).await.unwrap();
        assert_eq!((round.failed, round.expired), (1, 1), "{}", t.backend);
        let rows = outbox(&t.db).await;
        let failed = rows.iter().find(|m| m.state == "failed").unwrap();
        assert!(
            failed.last_error.as_deref().unwrap_or("").contains("550"),
            "{failed:?}"
        );
        assert!(rows.iter().any(|m| m.state == "expired"));
        // Neither is tried again.
        make_due(&t.db).await;
        assert_eq!(
            send_due(&t.db, &mailer(server.port)).await.unwrap(),
            Round::default()
        );
        server.stop();
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_forgotten_password_link_is_mailed_once_works_once_and_says_nothing() {
    for t in support::with_master_data().await {
        let ids = approved(&t.db, 1).await;
        let pending = register(
            &t.db,
            producer("Chờ Duyệt", "cho@example.vn", "", "4900123499"),
            None,
        )
        .await
        .unwrap();
        assert!(pending > ids[0]);
        let before = outbox(&t.db).await.len();
        // The same answer (Ok) for an active account, an unknown address and a pending account;
        // only the first gets a message.
        assert!(
            request_link(&t.db, "Nguoi0@Example.vn ", None)
                .await
                .unwrap()
        );
        assert!(
            !request_link(&t.db, "khong-co@example.vn", None)
                .await
                .unwrap()
        );
        assert!(!request_link(&t.db, "cho@example.vn", None).await.unwrap());
        assert_eq!(outbox(&t.db).await.len(), before + 1, "{}", t.backend);
        // Not an address at all, or far too long: said at the field.
        for bad in ["không phải email", &"a".repeat(300)] {
            assert!(
                matches!(
                    request_link(&t.db, bad, None).await,
                    Err(ServiceError::Invalid { field: "email", .. })
                ),
                "{bad}"
            );
        }
        // At most three an hour to one address: a mailbox cannot be flooded.
        for _ in 1..5 {
            request_link(&t.db, "nguoi0@example.vn", None)
                .await
                .unwrap();
        }
        let links = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Kind.eq("password.link"))
            .all(&t.db)
            .await
            .unwrap();
        assert_eq!(links.len() as u64, PER_ADDRESS_PER_HOUR, "{}", t.backend);

        let server = SmtpServer::start(0, false).await;
        send_due(&t.db, &mailer(server.port)).await.unwrap();
        // Only the newest link works (each new one cancels the older ones).
        let last = server
            .messages()
            .into_iter()
            .rfind(|m| m.subject.contains("Đặt mật khẩu"))
            .unwrap();
        let token = last
            .body
            .split("token=")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap()
            .to_owned();
        // Each new link cancelled the older one and its waiting message: one link is mailed.
        let mailed = server
            .messages()
            .iter()
            .filter(|m| m.subject.contains("Đặt mật khẩu"))
            .count();
        assert_eq!(mailed, 1, "{}", t.backend);
        // Sent: the token is no longer kept in the outbox.
        assert!(outbox(&t.db).await.iter().all(|m| m.link_path.is_none()));
        redeem(&t.db, &token, "Mat-khau-moi-2026!", None)
            .await
            .unwrap();
        assert!(matches!(
            redeem(&t.db, &token, "Mat-khau-khac-2026!", None).await,
            Err(ServiceError::Invalid { field: "token", .. })
        ));
        server.stop();
        t.cleanup().await;
    }
}

#[tokio::test]
async fn without_an_e_mail_address_nothing_waits_in_the_outbox() {
    for t in support::with_master_data().await {
        let id = register(
            &t.db,
            producer("Chỉ Có Số", "", "0912000444", "4900123460"),
            None,
        )
        .await
        .unwrap();
        decide_registration(&t.db, &commune_officer(), id, true, "", None)
            .await
            .unwrap();
        let account = user_account::Entity::find_by_id(id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(account.language, "vi");
        assert!(outbox(&t.db).await.is_empty(), "{}", t.backend);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_outbox_page_counts_lists_and_sends_a_test_only_for_the_province() {
    use app::services::mail::outbox_view::{overview, send_test};
    for t in support::with_master_data().await {
        let ids = approved(&t.db, 2).await;
        let admin_id = app::services::accounts::registration::create_admin(
            &t.db,
            "Quản Trị Thư",
            "quantri-thu@example.vn",
            "đèo mẫu sơn mù sương",
        )
        .await
        .unwrap();
        let admin = Actor::User {
            user_id: admin_id,
            role: Role::Administrator,
            commune_code: None,
            subject_id: None,
        };
        for who in [
            commune_officer(),
            Actor::User {
                user_id: ids[0],
                role: Role::Producer,
                commune_code: Some(TRANG_DINH.into()),
                subject_id: None,
            },
            Actor::Anonymous,
        ] {
            assert!(matches!(
                overview(&t.db, &who, true, "").await,
                Err(ServiceError::Denied(_))
            ));
            assert!(matches!(
                send_test(&t.db, &who).await,
                Err(ServiceError::Denied(_))
            ));
        }
        assert_eq!(
            send_test(&t.db, &admin).await.unwrap(),
            "quantri-thu@example.vn"
        );
        let server = SmtpServer::start(0, true).await;
        // This server refuses every recipient: all three fail.
        send_due(&t.db, &mailer(server.port)).await.unwrap();
        server.stop();
        let view = overview(&t.db, &admin, false, "").await.unwrap();
        assert!(!view.enabled);
        let count = |s: &str| view.counts.iter().find(|(k, _)| k == s).map(|(_, n)| *n);
        assert_eq!(count("failed"), Some(3), "{}: {view:?}", t.backend);
        assert_eq!(view.messages.len(), 3);
        assert_eq!(view.messages[0].kind, "mail.test", "newest first");
        assert!(
            view.messages[0]
                .last_error
                .as_deref()
                .unwrap_or("")
                .contains("550")
        );
        let only_sent = overview(&t.db, &admin, true, "sent").await.unwrap();
        assert!(only_sent.messages.is_empty());
        t.cleanup().await;
    }
}
