//! Each role's home says what waits for it, on the demo data: counts above zero only, each with
//! where to act, and the producer's lapsed certificate by its number.
use crate::support;

use app::auth::Actor;
use app::services::ServiceError;
use app::services::work_areas::next_steps;
use support::dossiers::{files, people};

#[tokio::test]
async fn every_home_lists_what_waits_for_its_role() {
    let t = support::demo::demo_sqlite().await;
    let db = &t.db;
    app::seed::dossiers::seed_dossiers(db, &files())
        .await
        .unwrap();
    app::seed::rounds::seed_rounds(db, &support::dossiers::files())
        .await
        .unwrap();
    let p = people(db).await;
    let today = app::clock::today();
    let steps = |actor: Actor| async move { next_steps(db, &actor, today, 90).await.unwrap() };

    // Đồng Bành's Na Chi Lăng: its certificate runs out within weeks.
    let producer = steps(p.owner).await;
    assert!(
        producer
            .iter()
            .any(|s| s.label.vi.starts_with("Giấy chứng nhận sắp hết hạn") && s.count == 1),
        "{producer:?}"
    );
    // A producer whose certificate lapsed without a successor is told so by its number.
    use app::entities::certificate;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let lapsed = certificate::Entity::find()
        .filter(certificate::Column::ValidUntil.lt(today))
        .filter(certificate::Column::RevokedOn.is_null())
        .filter(certificate::Column::SupersededBy.is_null())
        .one(db)
        .await
        .unwrap()
        .expect("the demo has a lapsed certificate");
    let holder = Actor::User {
        user_id: 0,
        role: app::auth::Role::Producer,
        commune_code: None,
        subject_id: Some(lapsed.subject_id),
    };
    let told = steps(holder).await;
    assert!(
        told.iter().any(|s| s.label.vi.contains("đã hết hạn")
            && s.label.vi.ends_with("lập hồ sơ công nhận lại")
            && s.label.vi.starts_with("Giấy chứng nhận LS-")),
        "{told:?}"
    );
    let commune = steps(p.commune).await;
    assert!(
        commune.iter().any(|s| s.href == "/commune/dossiers"),
        "Chi Lăng has dossiers to check: {commune:?}"
    );
    let province = steps(p.province).await;
    assert!(!province.is_empty());
    let council = steps(p.council).await;
    let scoring = council
        .iter()
        .find(|s| s.label.vi.starts_with("Sản phẩm chờ bạn chấm"))
        .expect("the open round");
    assert!(scoring.count >= 2 && scoring.href.starts_with("/rounds/"));
    let admin = steps(p.admin).await;
    assert!(
        admin
            .iter()
            .any(|s| s.href == "/admin/accounts?status=pending"),
        "{admin:?}"
    );
    for list in [&producer, &commune, &province, &council, &admin] {
        assert!(list.iter().all(|s| s.count > 0 && s.href.starts_with('/')));
        assert!(
            list.iter()
                .all(|s| !s.label.vi.is_empty() && !s.label.en.is_empty())
        );
    }
    assert!(matches!(
        next_steps(db, &Actor::Anonymous, today, 90).await,
        Err(ServiceError::Denied(_))
    ));
}
