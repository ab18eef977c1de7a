//! Each role's home says what waits for it, on the demo data: counts above zero only, each with
//! where to act, and the producer's lapsed certificate by its number.
mod support;

use app::auth::Actor;
use app::seed::demo::seed_demo;
use app::services::ServiceError;
use app::services::work_areas::next_steps;
use support::dossiers::{files, people};

#[tokio::test]
async fn every_home_lists_what_waits_for_its_role() {
    let t = support::sqlite().await;
    let db = &t.db;
    seed_demo(db).await.unwrap();
    app::seed::dossiers::seed_dossiers(db, &files())
        .await
        .unwrap();
    app::seed::rounds::seed_rounds(db, &support::dossiers::files())
        .await
        .unwrap();
    let p = people(db).await;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let steps = |actor: Actor| async move { next_steps(db, &actor, today, 90).await.unwrap() };

    let producer = steps(p.owner).await;
    assert!(
        producer.iter().any(|s| s.label.vi.contains("đã hết hạn")
            && s.label.vi.ends_with("lập hồ sơ công nhận lại")
            && s.label.vi.starts_with("Giấy chứng nhận LS-")),
        "{producer:?}"
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
