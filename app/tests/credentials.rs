//! Accounts made by the administrator, and a user changing their own password.
use crate::support;

use app::auth::{Actor, Role};
use app::domain::reason::Reason;
use app::entities::audit_log;
use app::services::ServiceError;
use app::services::accounts::credentials::{SignInError, authenticate};
use app::services::accounts::registration::decide_registration;
use sea_orm::EntityTrait;
use support::accounts::register_mai;

fn officer(role: Role, commune: Option<&str>) -> Actor {
    Actor::User {
        user_id: 900,
        role,
        commune_code: commune.map(str::to_owned),
        subject_id: None,
    }
}

#[tokio::test]
async fn create_admin_checks_its_input_and_signs_in() {
    use app::services::accounts::registration::create_admin;
    for t in support::with_master_data().await {
        let id = create_admin(
            &t.db,
            "Quản trị Tỉnh",
            "Admin@Example.vn",
            "đèo mẫu sơn mờ sương",
        )
        .await
        .unwrap();
        let account = authenticate(&t.db, "admin@example.vn", "đèo mẫu sơn mờ sương")
            .await
            .unwrap();
        assert_eq!(
            (account.id, account.role.as_str()),
            (id, "administrator"),
            "{}",
            t.backend
        );
        let again = create_admin(
            &t.db,
            "Người khác",
            "admin@example.vn",
            "đèo mẫu sơn mờ sương",
        )
        .await;
        assert!(matches!(
            again,
            Err(ServiceError::Invalid {
                field: "email",
                reason: Reason::EmailTaken
            })
        ));
        let weak = create_admin(&t.db, "Quản trị", "b@example.vn", "password1").await;
        assert!(matches!(
            weak,
            Err(ServiceError::Invalid {
                field: "password",
                ..
            })
        ));
        let actions: Vec<String> = audit_log::Entity::find()
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.action)
            .collect();
        assert_eq!(actions, ["account.create_admin"], "{}", t.backend);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn changing_ones_own_password_checks_the_current_one_and_the_rules() {
    use app::services::accounts::credentials::change_password;
    for t in support::with_master_data().await {
        let id = register_mai(&t.db).await;
        decide_registration(
            &t.db,
            &officer(Role::ProvincialOfficer, None),
            id,
            true,
            "",
            None,
        )
        .await
        .unwrap();
        let old = "mây trắng bay qua đèo";
        let field = |r: Result<(), ServiceError>| match r {
            Err(ServiceError::Invalid { field, reason }) => (field, reason.code()),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(change_password(&t.db, id, "sai rồi", "hoa đào nở sớm", None).await),
            ("current_password", "wrong_password")
        );
        assert_eq!(
            field(change_password(&t.db, id, old, old, None).await),
            ("new_password", "same_password")
        );
        assert_eq!(
            field(change_password(&t.db, id, old, "hoang-2025-xyz", None).await),
            ("new_password", "password_contains_context")
        );
        change_password(&t.db, id, old, "hoa đào nở sớm", None)
            .await
            .unwrap();
        assert!(
            authenticate(&t.db, "mai@example.vn", "hoa đào nở sớm")
                .await
                .is_ok(),
            "{}",
            t.backend
        );
        assert_eq!(
            authenticate(&t.db, "mai@example.vn", old)
                .await
                .unwrap_err(),
            SignInError::WrongCredentials
        );
        let last = audit_log::Entity::find()
            .all(&t.db)
            .await
            .unwrap()
            .pop()
            .unwrap();
        assert_eq!(last.action, "account.change_password");
        t.cleanup().await;
    }
}
