//! A subject's page: public facts for an active subject, member accounts only for its members,
//! its commune's officers and the province; the profile kept by its members.
use crate::support;

use app::domain::reason::Reason;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::auth::current::to_actor;
use app::auth::{Actor, Denied, Role};
use app::entities::user_account;
use app::models::producers::subject_profile::SubjectProfileInput;
use app::seed::demo::DEMO_PENDING_EMAIL;
use app::services::ServiceError;
use app::services::producers::subject_profile::{subject_members, subject_view, update_profile};

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
    for t in support::demo::demo_databases().await {
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
            // Its products are listed for everyone, each linking to its public page.
            assert!(
                view.products.iter().any(|p| p.name == "Na Chi Lăng"),
                "{:?}",
                view.products
            );
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

fn profile_form(
    subject: &app::models::producers::subject_profile::SubjectView,
) -> SubjectProfileInput {
    SubjectProfileInput {
        subject_id: subject.id,
        version: subject.version,
        name: subject.name.clone(),
        subject_type: subject.subject_type.clone(),
        tax_code: subject.tax_code.clone().unwrap_or_default(),
        address: subject.address.clone().unwrap_or_default(),
        ..Default::default()
    }
}

#[tokio::test]
async fn members_keep_the_profile_and_a_stale_save_is_refused() {
    for t in support::demo::demo_databases().await {
        let member = account(&t.db, "dongbanh@demo.vn").await;
        let actor = to_actor(&member);
        let id = member.subject_id.unwrap();
        let loaded = subject_view(&t.db, &actor, id).await.unwrap();
        assert!(loaded.may_edit);
        let mut form = profile_form(&loaded);
        // Demo subjects have no tax code; a cooperative must give one.
        form.tax_code = "4900 999 001".into();
        form.legal_representative = "Lộc Văn Bành".into();
        form.phone = "0912 000 111".into();
        form.website = "https://dongbanh.example.vn".into();
        form.local_workers = "35".into();
        form.introduction = "Miến dong Bắc Sơn, làm thủ công.".into();
        update_profile(&t.db, &actor, form.clone(), None)
            .await
            .unwrap();
        let saved = subject_view(&t.db, &Actor::Anonymous, id).await.unwrap();
        assert_eq!(saved.phone.as_deref(), Some("0912000111"));
        assert_eq!(saved.local_workers, Some(35));
        assert_eq!(saved.version, loaded.version + 1);
        assert!(!saved.may_edit, "the public cannot edit");

        // A second member's form loaded before that save: refused, nothing overwritten.
        let mut stale = form.clone();
        stale.local_workers = "2".into();
        assert!(matches!(
            update_profile(&t.db, &actor, stale, None).await,
            Err(ServiceError::Conflict(Reason::ChangedMeanwhile))
        ));
        assert_eq!(
            subject_view(&t.db, &actor, id).await.unwrap().local_workers,
            Some(35)
        );

        // Bad input names its field.
        let mut bad = profile_form(&saved);
        bad.website = "dongbanh".into();
        assert!(matches!(
            update_profile(&t.db, &actor, bad, None).await,
            Err(ServiceError::Invalid {
                field: "website",
                reason: Reason::InvalidWebsite
            })
        ));
        // Another subject's tax code is refused.
        let other = account(&t.db, "thachden@demo.vn").await;
        let other_subject = subject_view(&t.db, &Actor::Anonymous, other.subject_id.unwrap())
            .await
            .unwrap();
        let mut theirs = profile_form(&other_subject);
        theirs.tax_code = "4900999002".into();
        update_profile(&t.db, &to_actor(&other), theirs, None)
            .await
            .unwrap();
        let mut dup = profile_form(&saved);
        dup.tax_code = "4900999002".into();
        assert!(matches!(
            update_profile(&t.db, &actor, dup, None).await,
            Err(ServiceError::Invalid {
                field: "tax_code",
                reason: Reason::TaxCodeTaken
            })
        ));

        // No other producer, no other commune's officer: only its members, its commune's
        // officers and the province (`app/tests/subject_corrections.rs`).
        let mut theirs = profile_form(&saved);
        theirs.name = "Bị sửa trộm".into();
        for who in [
            to_actor(&other),
            to_actor(&account(&t.db, "xa.trangdinh@demo.vn").await),
            Actor::Anonymous,
        ] {
            assert!(
                matches!(
                    update_profile(&t.db, &who, theirs.clone(), None).await,
                    Err(ServiceError::Denied(_))
                ),
                "{who:?}"
            );
        }
        let log = app::entities::audit_log::Entity::find()
            .filter(app::entities::audit_log::Column::Action.eq("subject.update"))
            .all(&t.db)
            .await
            .unwrap();
        assert_eq!(log.len(), 2, "{}", t.backend);
        assert!(
            log.iter()
                .any(|e| e.summary.contains("local_workers: — → 35")),
            "{log:?}"
        );
        t.cleanup().await;
    }
}
