//! Account administration: officials' accounts with one-time links, locking, role changes,
//! the account list, the audit log browser — and who is refused each of them.
use crate::support;

use app::domain::reason::Reason;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

use app::auth::{Actor, Denied, Role};
use app::entities::{password_reset, user_account};
use app::models::accounts::admin::{AccountFilter, OfficialInput, ResetLink};
use app::models::audit::AuditFilter;
use app::services::ServiceError;
use app::services::accounts::admin::{
    account_detail, change_role, create_official, list_accounts, set_locked,
};
use app::services::accounts::credentials::{SignInError, authenticate};
use app::services::accounts::registration::create_admin;
use app::services::accounts::reset_links::{Delivery, issue_reset_link, redeem};
use app::services::audit::browse;

const TRANG_DINH: &str = "06046";
const NEW_PASSWORD: &str = "suối đá chảy róc rách";

fn actor(user_id: i32, role: Role, commune: Option<&str>) -> Actor {
    Actor::User {
        user_id,
        role,
        commune_code: commune.map(str::to_owned),
        subject_id: None,
    }
}

fn official(role: Role, name: &str, email: &str, commune: &str) -> OfficialInput {
    OfficialInput {
        role: role.as_str().into(),
        full_name: name.into(),
        email: email.into(),
        phone: String::new(),
        commune_code: commune.into(),
    }
}

fn token(link: &ResetLink) -> &str {
    link.path
        .strip_prefix("/reset-password?token=")
        .expect("a reset path")
}

/// The first administrator, as `server create-admin` makes it.
async fn admin(db: &sea_orm::DatabaseConnection) -> Actor {
    let id = create_admin(
        db,
        "Quản Trị Viên",
        "admin@example.vn",
        "đèo mẫu sơn mù sương",
    )
    .await
    .unwrap();
    actor(id, Role::Administrator, None)
}

fn reason_of<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> (&'static str, &'static str) {
    match result {
        Err(ServiceError::Invalid { field, reason }) => (field, reason.code()),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_official_sets_their_password_with_the_one_time_link() {
    for t in support::with_master_data().await {
        let admin = admin(&t.db).await;
        let input = official(
            Role::CommuneOfficer,
            "Nông Văn Xã",
            "nongvanxa@example.vn",
            TRANG_DINH,
        );
        let link = create_official(
            &t.db,
            &admin,
            input,
            Some("10.0.0.1".into()),
            Delivery::HandOver,
        )
        .await
        .unwrap();
        assert_eq!(link.contact, "nongvanxa@example.vn");
        let account = user_account::Entity::find_by_id(link.user_id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (account.role.as_str(), account.commune_code.as_deref()),
            ("commune_officer", Some(TRANG_DINH))
        );
        // Nobody knows a password for it until the link is used.
        assert_eq!(
            authenticate(&t.db, "nongvanxa@example.vn", NEW_PASSWORD)
                .await
                .unwrap_err(),
            SignInError::WrongCredentials
        );
        assert_eq!(
            reason_of(redeem(&t.db, token(&link), "12345678", None).await),
            ("new_password", "password_too_common")
        );
        redeem(&t.db, token(&link), NEW_PASSWORD, None)
            .await
            .unwrap();
        authenticate(&t.db, "nongvanxa@example.vn", NEW_PASSWORD)
            .await
            .unwrap();
        // Once only.
        assert_eq!(
            reason_of(redeem(&t.db, token(&link), "một mật khẩu khác hẳn", None).await),
            ("token", "reset_link_invalid")
        );
        assert_eq!(
            reason_of(redeem(&t.db, "not-a-token", NEW_PASSWORD, None).await),
            ("token", "reset_link_invalid")
        );
        let log = browse(&t.db, &admin, &AuditFilter::default())
            .await
            .unwrap();
        let actions: Vec<&str> = log.rows.iter().map(|r| r.action.as_str()).collect();
        assert_eq!(
            actions[..3],
            [
                "account.reset_password",
                "account.reset_link",
                "account.create"
            ],
            "{}",
            t.backend
        );
        assert_eq!(log.rows[2].actor_name, "Quản Trị Viên");
        assert_eq!(log.rows[2].ip.as_deref(), Some("10.0.0.1"));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn only_administrators_and_provincial_officers_create_officials() {
    for t in support::with_master_data().await {
        let admin = admin(&t.db).await;
        let provincial = actor(50, Role::ProvincialOfficer, None);
        let council = official(Role::CouncilMember, "Hà Thị Hội", "hoi@example.vn", "");
        create_official(
            &t.db,
            &provincial,
            council.clone(),
            None,
            Delivery::HandOver,
        )
        .await
        .unwrap();
        let second_admin = official(Role::Administrator, "Quản Trị Hai", "qt2@example.vn", "");
        let refused = [
            (provincial.clone(), second_admin.clone(), Denied::NotAllowed),
            (
                actor(51, Role::CommuneOfficer, Some(TRANG_DINH)),
                council.clone(),
                Denied::NotAllowed,
            ),
            (
                actor(52, Role::CouncilMember, None),
                council.clone(),
                Denied::NotAllowed,
            ),
            (Actor::Anonymous, council.clone(), Denied::SignInRequired),
        ];
        for (who, input, why) in refused {
            match create_official(&t.db, &who, input, None, Delivery::HandOver).await {
                Err(ServiceError::Denied(d)) => assert_eq!(d, why, "{who:?}"),
                other => panic!("{who:?} should be refused, got {other:?}"),
            }
        }
        create_official(&t.db, &admin, second_admin, None, Delivery::HandOver)
            .await
            .unwrap();
        // Input errors name their field.
        let mut no_commune = official(Role::CommuneOfficer, "Xã Thiếu", "thieu@example.vn", "");
        assert_eq!(
            reason_of(
                create_official(&t.db, &admin, no_commune.clone(), None, Delivery::HandOver).await
            ),
            ("commune_code", "required")
        );
        no_commune.commune_code = "99999".into();
        assert_eq!(
            reason_of(create_official(&t.db, &admin, no_commune, None, Delivery::HandOver).await),
            ("commune_code", "unknown_commune")
        );
        assert_eq!(
            reason_of(create_official(&t.db, &admin, council, None, Delivery::HandOver).await),
            ("email", "email_taken")
        );
        let producer = official(Role::Producer, "Người Sản Xuất", "sx@example.vn", "");
        assert_eq!(
            reason_of(create_official(&t.db, &admin, producer, None, Delivery::HandOver).await),
            ("role", "unknown_role")
        );
        let nameless = official(Role::CouncilMember, "  ", "x@example.vn", "");
        assert_eq!(
            reason_of(create_official(&t.db, &admin, nameless, None, Delivery::HandOver).await),
            ("full_name", "required")
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_locked_account_cannot_sign_in_until_unlocked() {
    for t in support::with_master_data().await {
        let admin = admin(&t.db).await;
        let input = official(Role::AdvisoryMember, "Lộc Văn Tư", "tu@example.vn", "");
        let link = create_official(&t.db, &admin, input, None, Delivery::HandOver)
            .await
            .unwrap();
        redeem(&t.db, token(&link), NEW_PASSWORD, None)
            .await
            .unwrap();
        let id = link.user_id;
        assert_eq!(
            reason_of(set_locked(&t.db, &admin, id, true, " ", None).await),
            ("reason", "reason_required")
        );
        set_locked(&t.db, &admin, id, true, "rời tổ tư vấn", None)
            .await
            .unwrap();
        assert_eq!(
            authenticate(&t.db, "tu@example.vn", NEW_PASSWORD)
                .await
                .unwrap_err(),
            SignInError::Locked
        );
        assert!(matches!(
            set_locked(&t.db, &admin, id, true, "lại", None).await,
            Err(ServiceError::Conflict(Reason::NotActive))
        ));
        // A locked account gets no reset link (unlock first).
        assert!(matches!(
            issue_reset_link(&t.db, &admin, id, None, Delivery::HandOver).await,
            Err(ServiceError::Conflict(Reason::NotActive))
        ));
        let provincial = actor(60, Role::ProvincialOfficer, None);
        set_locked(&t.db, &provincial, id, false, "", None)
            .await
            .unwrap();
        authenticate(&t.db, "tu@example.vn", NEW_PASSWORD)
            .await
            .unwrap();
        // Nobody locks themselves; a provincial officer never touches an administrator; a
        // commune officer locks nobody.
        let Actor::User {
            user_id: admin_id, ..
        } = admin
        else {
            unreachable!()
        };
        for (who, target) in [
            (admin.clone(), admin_id),
            (provincial.clone(), admin_id),
            (actor(61, Role::CommuneOfficer, Some(TRANG_DINH)), id),
        ] {
            assert!(
                matches!(
                    set_locked(&t.db, &who, target, true, "thử", None).await,
                    Err(ServiceError::Denied(Denied::NotAllowed))
                ),
                "{who:?}"
            );
        }
        let history = account_detail(&t.db, &admin, id).await.unwrap().history;
        let summaries: Vec<&str> = history.iter().map(|r| r.summary.as_str()).collect();
        assert!(
            summaries.contains(&"Lộc Văn Tư: active → locked (rời tổ tư vấn)"),
            "{summaries:?}"
        );
        assert!(summaries.contains(&"Lộc Văn Tư: locked → active"));
        let sentences: Vec<&str> = history.iter().map(|r| r.sentence.vi.as_str()).collect();
        assert!(
            sentences.contains(&"đã khóa tài khoản của Lộc Văn Tư: rời tổ tư vấn"),
            "{sentences:?}"
        );
        assert!(
            history
                .iter()
                .any(|r| r.sentence.en == "unlocked the account of Lộc Văn Tư")
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_new_link_replaces_the_old_one_and_links_expire() {
    for t in support::with_master_data().await {
        let admin = admin(&t.db).await;
        let input = official(Role::CouncilMember, "Vi Thị Năm", "nam@example.vn", "");
        let first = create_official(&t.db, &admin, input, None, Delivery::HandOver)
            .await
            .unwrap();
        let second = issue_reset_link(&t.db, &admin, first.user_id, None, Delivery::HandOver)
            .await
            .unwrap();
        assert_ne!(first.path, second.path);
        assert_eq!(
            reason_of(redeem(&t.db, token(&first), NEW_PASSWORD, None).await),
            ("token", "reset_link_invalid")
        );
        // Age the current link past its expiry.
        let row = password_reset::Entity::find().all(&t.db).await.unwrap();
        let live = row.into_iter().find(|r| r.used_at.is_none()).unwrap();
        let mut live: password_reset::ActiveModel = live.into();
        live.expires_at = Set(app::clock::now() - chrono::Duration::minutes(1));
        live.update(&t.db).await.unwrap();
        assert_eq!(
            reason_of(redeem(&t.db, token(&second), NEW_PASSWORD, None).await),
            ("token", "reset_link_invalid")
        );
        // Only administrators and provincial officers issue links.
        assert!(matches!(
            issue_reset_link(
                &t.db,
                &actor(70, Role::CommuneOfficer, Some(TRANG_DINH)),
                first.user_id,
                None,
                Delivery::HandOver
            )
            .await,
            Err(ServiceError::Denied(Denied::NotAllowed))
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn roles_change_for_officials_and_the_change_is_audited() {
    for t in support::with_master_data().await {
        let admin = admin(&t.db).await;
        let input = official(
            Role::CommuneOfficer,
            "Hoàng Văn Chuyển",
            "chuyen@example.vn",
            TRANG_DINH,
        );
        let link = create_official(&t.db, &admin, input, None, Delivery::HandOver)
            .await
            .unwrap();
        let provincial = actor(80, Role::ProvincialOfficer, None);
        assert!(matches!(
            change_role(&t.db, &provincial, link.user_id, "administrator", "", None).await,
            Err(ServiceError::Denied(Denied::NotAllowed))
        ));
        change_role(
            &t.db,
            &provincial,
            link.user_id,
            "provincial_officer",
            TRANG_DINH,
            None,
        )
        .await
        .unwrap();
        let account = user_account::Entity::find_by_id(link.user_id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (account.role.as_str(), account.commune_code),
            ("provincial_officer", None)
        );
        let log = browse(
            &t.db,
            &admin,
            &AuditFilter {
                action: "account.role_change".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(
            log.rows[0].summary,
            "Hoàng Văn Chuyển: commune_officer of 06046 → provincial_officer"
        );
        assert_eq!(
            log.rows[0].sentence.vi,
            "đã đổi vai trò của Hoàng Văn Chuyển từ cán bộ xã (Tràng Định) sang cán bộ tỉnh"
        );
        assert_eq!(
            log.rows[0].sentence.en,
            "changed the role of Hoàng Văn Chuyển from commune officer (Tràng Định) to provincial officer"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_account_list_filters_and_pages() {
    for t in support::with_master_data().await {
        let admin = admin(&t.db).await;
        for i in 0..30 {
            let input = official(
                Role::CouncilMember,
                &format!("Thành Viên Hội Đồng {i:02}"),
                &format!("hd{i}@example.vn"),
                "",
            );
            create_official(&t.db, &admin, input, None, Delivery::HandOver)
                .await
                .unwrap();
        }
        let input = official(
            Role::CommuneOfficer,
            "Hoàng Thị Lạng",
            "lang@example.vn",
            TRANG_DINH,
        );
        create_official(&t.db, &admin, input, None, Delivery::HandOver)
            .await
            .unwrap();
        let filter = |query: &str, role: &str, page: usize| AccountFilter {
            query: query.into(),
            role: role.into(),
            status: String::new(),
            page,
        };
        let found = list_accounts(&t.db, &admin, &filter("hoang thi lang", "", 1))
            .await
            .unwrap();
        assert_eq!(found.total, 1);
        assert_eq!(found.rows[0].commune_name.as_deref(), Some("Tràng Định"));
        let council = list_accounts(&t.db, &admin, &filter("", "council_member", 2))
            .await
            .unwrap();
        assert_eq!(
            (council.total, council.pages, council.rows.len()),
            (30, 2, 5)
        );
        // A page past the end shows the last one.
        let last = list_accounts(&t.db, &admin, &filter("", "council_member", 9))
            .await
            .unwrap();
        assert_eq!(last.page, 2);
        let none = list_accounts(&t.db, &admin, &filter("không có ai", "", 1))
            .await
            .unwrap();
        assert_eq!((none.total, none.rows.len()), (0, 0));
        for who in [
            actor(1, Role::CommuneOfficer, Some(TRANG_DINH)),
            actor(2, Role::Producer, Some(TRANG_DINH)),
            actor(3, Role::CouncilMember, None),
        ] {
            assert!(matches!(
                list_accounts(&t.db, &who, &filter("", "", 1)).await,
                Err(ServiceError::Denied(Denied::NotAllowed))
            ));
            assert!(matches!(
                browse(&t.db, &who, &AuditFilter::default()).await,
                Err(ServiceError::Denied(Denied::NotAllowed))
            ));
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_audit_log_filters_by_action_family_date_and_target() {
    for t in support::with_master_data().await {
        let admin = admin(&t.db).await;
        let input = official(Role::CouncilMember, "Lý Văn Lọc", "loc@example.vn", "");
        let link = create_official(&t.db, &admin, input, None, Delivery::HandOver)
            .await
            .unwrap();
        let page = |filter: AuditFilter| {
            let db = t.db.clone();
            let admin = admin.clone();
            async move { browse(&db, &admin, &filter).await }
        };
        let family = page(AuditFilter {
            action: "account.".into(),
            ..Default::default()
        })
        .await
        .unwrap();
        assert_eq!(family.rows.len(), 3, "create_admin, create, reset_link");
        let about = page(AuditFilter {
            target_user_id: Some(link.user_id),
            ..Default::default()
        })
        .await
        .unwrap();
        assert_eq!(about.rows.len(), 2);
        // The log's days are Vietnam's (UTC+7): after 17:00 UTC its today is UTC's tomorrow.
        let today = app::domain::dates::day_in_vietnam(app::clock::now());
        let tomorrow = (today + chrono::Duration::days(1)).to_string();
        let from_tomorrow = page(AuditFilter {
            from: tomorrow,
            ..Default::default()
        })
        .await
        .unwrap();
        assert!(from_tomorrow.rows.is_empty());
        let up_to_today = page(AuditFilter {
            to: today.to_string(),
            ..Default::default()
        })
        .await
        .unwrap();
        assert_eq!(up_to_today.rows.len(), 3);
        assert!(!up_to_today.has_more);
        assert_eq!(
            reason_of(
                page(AuditFilter {
                    from: "29/11/2026".into(),
                    ..Default::default()
                })
                .await
            ),
            ("from", "invalid_date")
        );
        t.cleanup().await;
    }
}
