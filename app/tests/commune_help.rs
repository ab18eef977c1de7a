//! Communes help their producers: an officer registers a producer of their commune on their
//! behalf (active at once, a one-time link handed over or mailed) and gives password links to
//! the producers of their commune — never to anyone else's.
use crate::support;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::auth::{Actor, Denied, Role};
use app::domain::status::{AccountStatus, SubjectStatus};
use app::entities::{mail_outbox, subject, user_account};
use app::models::accounts::registration::SubjectChoice;
use app::services::ServiceError;
use app::services::accounts::credentials::authenticate;
use app::services::accounts::registration::{decide_registration, register, register_on_behalf};
use app::services::accounts::reset_links::{Delivery, issue_reset_link, redeem};
use support::accounts::{TRANG_DINH, producer};

const CHI_LANG: &str = "06463";

fn actor(role: Role, commune: Option<&str>) -> Actor {
    Actor::User {
        user_id: 900,
        role,
        commune_code: commune.map(str::to_owned),
        subject_id: None,
    }
}

fn denied<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> bool {
    matches!(result, Err(ServiceError::Denied(Denied::NotAllowed)))
}

#[tokio::test]
async fn an_officer_registers_a_producer_of_their_commune_who_sets_a_password_with_the_link() {
    for t in support::with_master_data().await {
        let officer = actor(Role::CommuneOfficer, Some(TRANG_DINH));
        // No e-mail (a phone only): the link is handed over, printed.
        let mut input = producer("Nông Văn Bảo", "", "0912 777 888", "");
        if let SubjectChoice::New(new) = &mut input.subject {
            new.subject_type = "HO".into();
        }
        input.password = String::new();
        let link = register_on_behalf(
            &t.db,
            &officer,
            input,
            None,
            Delivery::Mail("account.invited"),
        )
        .await
        .unwrap();
        assert!(
            link.path.starts_with("/reset-password?token="),
            "{}",
            t.backend
        );
        assert_eq!(link.sent_via, None);
        let account = user_account::Entity::find_by_id(link.user_id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(account.status, AccountStatus::Active);
        let s = subject::Entity::find_by_id(account.subject_id.unwrap())
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (s.status, s.commune_code.as_str()),
            (SubjectStatus::Active, TRANG_DINH)
        );
        // Nobody knows a password until the producer sets one.
        let token = link.path.trim_start_matches("/reset-password?token=");
        redeem(&t.db, token, "Mat-khau-cua-Bao-2026", None)
            .await
            .unwrap();
        authenticate(&t.db, "0912777888", "Mat-khau-cua-Bao-2026")
            .await
            .unwrap();

        // With an e-mail: mailed, and the officer does not see the link.
        let link = register_on_behalf(
            &t.db,
            &officer,
            producer("Lương Thị Hoa", "hoa@example.vn", "", "4900555001"),
            None,
            Delivery::Mail("account.invited"),
        )
        .await
        .unwrap();
        assert_eq!(
            (link.path.as_str(), link.sent_via.as_deref()),
            ("", Some("email"))
        );
        let mail = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::RecipientId.eq(link.user_id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(mail.kind, "account.invited");
        assert!(
            mail.link_path
                .unwrap()
                .starts_with("/reset-password?token=")
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn nobody_registers_for_a_producer_of_another_commune() {
    for t in support::with_master_data().await {
        let elsewhere = actor(Role::CommuneOfficer, Some(CHI_LANG));
        let input = || producer("Người Khác Xã", "khac@example.vn", "", "4900555002");
        for who in [
            elsewhere.clone(),
            actor(Role::Producer, Some(TRANG_DINH)),
            actor(Role::CouncilMember, None),
            Actor::Anonymous,
        ] {
            let result = register_on_behalf(&t.db, &who, input(), None, Delivery::HandOver).await;
            assert!(
                matches!(result, Err(ServiceError::Denied(_))),
                "{who:?}: {result:?}"
            );
        }
        // Joining a subject of Tràng Định is Tràng Định's business too.
        let own = register(
            &t.db,
            producer("Chủ Thể Cũ", "", "0912000555", "4900555003"),
            None,
        )
        .await
        .unwrap();
        decide_registration(
            &t.db,
            &actor(Role::CommuneOfficer, Some(TRANG_DINH)),
            own,
            true,
            "",
            None,
        )
        .await
        .unwrap();
        let subject_id = user_account::Entity::find_by_id(own)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .subject_id
            .unwrap();
        let mut join = input();
        join.subject = SubjectChoice::Join { subject_id };
        assert!(denied(
            register_on_behalf(&t.db, &elsewhere, join.clone(), None, Delivery::HandOver).await
        ));
        // Nothing was created by the refusals.
        assert!(
            user_account::Entity::find()
                .filter(user_account::Column::Email.eq("khac@example.vn"))
                .one(&t.db)
                .await
                .unwrap()
                .is_none(),
            "{}",
            t.backend
        );
        // The province may.
        register_on_behalf(
            &t.db,
            &actor(Role::ProvincialOfficer, None),
            join,
            None,
            Delivery::HandOver,
        )
        .await
        .unwrap();
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_commune_officer_gives_password_links_to_their_own_producers_only() {
    for t in support::with_master_data().await {
        let trang_dinh = actor(Role::CommuneOfficer, Some(TRANG_DINH));
        let chi_lang = actor(Role::CommuneOfficer, Some(CHI_LANG));
        let producer_id = register(
            &t.db,
            producer("Hà Văn Mộc", "moc@example.vn", "", "4900555004"),
            None,
        )
        .await
        .unwrap();
        decide_registration(&t.db, &trang_dinh, producer_id, true, "", None)
            .await
            .unwrap();
        let link = issue_reset_link(&t.db, &trang_dinh, producer_id, None, Delivery::HandOver)
            .await
            .unwrap();
        assert!(!link.path.is_empty(), "{}", t.backend);
        assert!(denied(
            issue_reset_link(&t.db, &chi_lang, producer_id, None, Delivery::HandOver).await
        ));
        // Never an official, not even one of the same commune.
        let official = app::services::accounts::admin::create_official(
            &t.db,
            &actor(Role::Administrator, None),
            app::models::accounts::admin::OfficialInput {
                role: "commune_officer".into(),
                full_name: "Cán Bộ Xã Hai".into(),
                email: "canbo2@example.vn".into(),
                phone: String::new(),
                commune_code: TRANG_DINH.into(),
            },
            None,
            Delivery::HandOver,
        )
        .await
        .unwrap();
        assert!(denied(
            issue_reset_link(
                &t.db,
                &trang_dinh,
                official.user_id,
                None,
                Delivery::HandOver
            )
            .await
        ));
        t.cleanup().await;
    }
}
