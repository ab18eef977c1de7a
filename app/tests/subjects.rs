//! A subject's page: public facts for an active subject, member accounts only for its members,
//! its commune's officers and the province.
mod support;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::auth::current::to_actor;
use app::auth::{Actor, Denied, Role};
use app::entities::user_account;
use app::services::ServiceError;
use app::services::demo::{DEMO_PENDING_EMAIL, seed_demo};
use app::services::subjects::{subject_members, subject_view};

async fn account(db: &sea_orm::DatabaseConnection, email: &str) -> user_account::Model {
    user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn members_are_shown_to_the_subject_its_commune_and_the_province_only() {
    for t in support::databases().await {
        seed_demo(&t.db).await.unwrap();
        let producer = account(&t.db, "dongbanh@demo.vn").await;
        let subject_id = producer.subject_id.unwrap();
        let commune = producer.commune_code.clone().unwrap();
        let own_commune = Actor::User {
            user_id: 9001,
            role: Role::CommuneOfficer,
            commune_code: Some(commune.clone()),
            subject_id: None,
        };
        let other_commune = Actor::User {
            user_id: 9002,
            role: Role::CommuneOfficer,
            commune_code: Some(if commune == "06046" { "06463" } else { "06046" }.into()),
            subject_id: None,
        };
        let province = to_actor(&account(&t.db, "so.nnmt@demo.vn").await);
        let neighbour = to_actor(&account(&t.db, "thachden@demo.vn").await);
        for who in [to_actor(&producer), own_commune, province] {
            let members = subject_members(&t.db, &who, subject_id).await.unwrap();
            assert!(
                members.iter().any(|m| m.full_name == "Lộc Văn Bành"),
                "{who:?}"
            );
            assert!(
                subject_view(&t.db, &who, subject_id)
                    .await
                    .unwrap()
                    .may_view_members
            );
        }
        for (who, why) in [
            (other_commune, Denied::NotAllowed),
            (neighbour, Denied::NotAllowed),
            (Actor::Anonymous, Denied::SignInRequired),
        ] {
            assert!(
                matches!(
                    subject_members(&t.db, &who, subject_id).await,
                    Err(ServiceError::Denied(d)) if d == why
                ),
                "{who:?}"
            );
            // The active subject itself is public.
            let view = subject_view(&t.db, &who, subject_id).await.unwrap();
            assert_eq!(view.name, "HTX Dịch vụ và Sản xuất nông nghiệp Đồng Bành");
            assert!(!view.may_view_members);
        }
        // A subject still waiting for approval is not public.
        let pending = account(&t.db, DEMO_PENDING_EMAIL).await;
        assert!(matches!(
            subject_view(&t.db, &Actor::Anonymous, pending.subject_id.unwrap()).await,
            Err(ServiceError::NotFound)
        ));
        t.cleanup().await;
    }
}
