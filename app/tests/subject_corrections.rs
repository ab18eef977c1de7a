//! Officials' corrections to a subject, against real databases: its commune's officer and the
//! province correct its profile and set it inactive and back (each with a reason, in its
//! history); only the province moves it to another commune, with its products, its members'
//! accounts and its dossiers still at the commune; everyone else is refused.
use crate::support;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::auth::Actor;
use app::domain::dossier::DossierState;
use app::entities::{dossier, product, subject, user_account};
use app::models::producers::subject_profile::SubjectProfileInput;
use app::services::ServiceError;
use app::services::producers::subject_corrections::{history, move_to_commune, set_active};
use app::services::producers::subject_profile::{subject_view, update_profile};
use support::dossiers::{people, reason};

async fn the_subject(
    db: &sea_orm::DatabaseConnection,
    p: &support::dossiers::People,
) -> subject::Model {
    let Actor::User {
        subject_id: Some(id),
        ..
    } = p.owner
    else {
        panic!("the demo producer has a subject")
    };
    subject::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

fn denied<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> bool {
    matches!(result, Err(ServiceError::Denied(_)))
}

fn conflict<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> &'static str {
    match result {
        Err(ServiceError::Conflict(reason)) => reason.code(),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn the_commune_sets_a_subject_inactive_and_the_province_back_with_history() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let s = the_subject(db, &p).await;
        for someone in [
            &p.owner,
            &p.other_producer,
            &p.other_commune,
            &p.council,
            &Actor::Anonymous,
        ] {
            assert!(
                denied(set_active(db, someone, s.id, s.version, false, "Ngừng sản xuất").await),
                "{someone:?}"
            );
            assert!(denied(history(db, someone, s.id).await), "{someone:?}");
        }
        assert_eq!(
            reason(set_active(db, &p.commune, s.id, s.version, false, "   ").await),
            ("reason", "required")
        );
        assert_eq!(
            reason(set_active(db, &p.commune, s.id, s.version, false, &"x".repeat(501)).await),
            ("reason", "too_long")
        );
        set_active(
            db,
            &p.commune,
            s.id,
            s.version,
            false,
            "Ngừng sản xuất từ tháng 10",
        )
        .await
        .unwrap();
        let now = the_subject(db, &p).await;
        assert_eq!(now.status.as_str(), "inactive", "{}", t.backend);
        // Hidden from the public, still there for its officials.
        assert!(matches!(
            subject_view(db, &Actor::Anonymous, s.id).await,
            Err(ServiceError::NotFound)
        ));
        assert!(
            subject_view(db, &p.commune, s.id)
                .await
                .unwrap()
                .may_correct
        );
        assert_eq!(
            conflict(set_active(db, &p.commune, s.id, now.version, false, "lại").await),
            "subject_state"
        );
        assert_eq!(
            conflict(set_active(db, &p.province, s.id, s.version, true, "Hoạt động lại").await),
            "changed_meanwhile",
            "a page loaded before the change"
        );
        set_active(db, &p.province, s.id, now.version, true, "Đã sản xuất lại")
            .await
            .unwrap();
        assert_eq!(the_subject(db, &p).await.status.as_str(), "active");

        // The commune's officer corrects the profile; the history says who did what, newest
        // first.
        let loaded = subject_view(db, &p.commune, s.id).await.unwrap();
        let form = SubjectProfileInput {
            subject_id: s.id,
            version: loaded.version,
            name: loaded.name.clone(),
            subject_type: loaded.subject_type.clone(),
            tax_code: "4900 999 002".into(),
            address: "Thôn Đồng Bành (sửa)".into(),
            ..Default::default()
        };
        update_profile(db, &p.commune, form, None).await.unwrap();
        let lines = history(db, &p.commune, s.id).await.unwrap();
        let actions: Vec<&str> = lines.iter().map(|l| l.action.as_str()).collect();
        assert_eq!(
            actions,
            vec!["subject.update", "subject.reactivate", "subject.deactivate"]
        );
        assert!(
            lines[2].sentence.vi.contains("Ngừng sản xuất từ tháng 10"),
            "{:?}",
            lines[2]
        );
        assert!(lines[1].sentence.en.contains("active again"));
        assert!(!lines[0].actor_name.is_empty());
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_province_moves_a_subject_with_its_open_work_and_the_commune_follows() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let s = the_subject(db, &p).await;
        let Actor::User {
            commune_code: Some(to),
            ..
        } = &p.other_commune
        else {
            panic!("the other commune's officer has a commune")
        };
        for someone in [&p.owner, &p.commune, &p.other_commune, &p.council] {
            assert!(
                denied(move_to_commune(db, someone, s.id, s.version, to, "Sáp nhập").await),
                "{someone:?}"
            );
        }
        for (code, why) in [
            ("", "unknown_commune"),
            ("99999", "unknown_commune"),
            (s.commune_code.as_str(), "same_commune"),
        ] {
            assert_eq!(
                reason(move_to_commune(db, &p.province, s.id, s.version, code, "Sáp nhập").await),
                ("commune_code", why)
            );
        }
        assert_eq!(
            reason(move_to_commune(db, &p.province, s.id, s.version, to, "").await),
            ("reason", "required")
        );
        // An inspection of one of its certified products, planned by its commune.
        let inspected =
            support::dossiers::new_product(db, &p.owner, "Sản phẩm được kiểm tra").await;
        let today = app::services::today_in_vietnam();
        support::certify(db, inspected.id, 3, &today.to_string()).await;
        let plan = app::models::inspections::PlanInput {
            kind: "periodic".into(),
            product_ids: vec![inspected.id],
            planned_on: today.to_string(),
            team: "Tổ kiểm tra".into(),
            purpose: String::new(),
        };
        app::services::inspections::plan::plan(db, &p.commune, &plan, today)
            .await
            .unwrap();
        let s = the_subject(db, &p).await;
        let dossiers_before = dossier::Entity::find()
            .filter(dossier::Column::SubjectId.eq(s.id))
            .all(db)
            .await
            .unwrap();
        let (products, moved) =
            move_to_commune(db, &p.province, s.id, s.version, to, "Sáp nhập địa giới")
                .await
                .unwrap();
        assert!(products > 0, "{}", t.backend);
        // Its inspections follow it to the new commune's officers.
        let inspections = app::entities::inspection::Entity::find()
            .filter(app::entities::inspection::Column::SubjectId.eq(s.id))
            .all(db)
            .await
            .unwrap();
        assert!(!inspections.is_empty(), "{}", t.backend);
        assert!(inspections.iter().all(|i| &i.commune_code == to));
        let at_the_commune = |state: DossierState| {
            matches!(
                state,
                DossierState::Draft
                    | DossierState::Submitted
                    | DossierState::Returned
                    | DossierState::Resubmitted
                    | DossierState::Checked
            )
        };
        assert_eq!(
            moved as usize,
            dossiers_before
                .iter()
                .filter(|d| at_the_commune(d.state))
                .count()
        );
        for d in dossier::Entity::find()
            .filter(dossier::Column::SubjectId.eq(s.id))
            .all(db)
            .await
            .unwrap()
        {
            let expected = if at_the_commune(d.state) {
                to.as_str()
            } else {
                s.commune_code.as_str()
            };
            assert_eq!(d.commune_code, expected, "{:?}", d.state);
        }
        let products = product::Entity::find()
            .filter(product::Column::SubjectId.eq(s.id))
            .all(db)
            .await
            .unwrap();
        assert!(products.iter().all(|p| &p.commune_code == to));
        let members = user_account::Entity::find()
            .filter(user_account::Column::SubjectId.eq(s.id))
            .all(db)
            .await
            .unwrap();
        assert!(
            members
                .iter()
                .all(|m| m.commune_code.as_deref() == Some(to.as_str()))
        );
        // Now the new commune's officer corrects it and the old one no longer may.
        let lines = history(db, &p.other_commune, s.id).await.unwrap();
        assert_eq!(lines[0].action, "subject.move");
        assert!(
            lines[0].sentence.vi.contains("Sáp nhập địa giới"),
            "{:?}",
            lines[0]
        );
        assert!(denied(history(db, &p.commune, s.id).await));
        t.cleanup().await;
    }
}
