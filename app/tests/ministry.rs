//! The Ministry's answer to a product proposed for 5★, against real databases: recorded by the
//! provincial officer only, every wrong field said at once, a 5★ decision issuing the
//! Ministry's certificate that the public check, the product and the home figures follow, the
//! same stars leaving the province's certificate in force, and no second answer.
use crate::support;

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use app::auth::Actor;
use app::entities::{certificate, notification, product};
use app::models::evaluation::rounds::MinistryResultInput;
use app::services::ServiceError;
use app::services::certificates::register::{self, CertificateSettings};
use app::services::evaluation::ministry;
use support::dossiers::{new_product, people, problems};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// A product of Đồng Bành certified 4★ at 95 points on 1 March 2026 and proposed to the
/// Ministry, as a decision of the province leaves it; its certificate's number.
async fn proposed(db: &sea_orm::DatabaseConnection, owner: &Actor, name: &str) -> String {
    let p = new_product(db, owner, name).await;
    let decided = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let number = format!("LS-T-{}", p.id);
    certificate::ActiveModel {
        number: Set(number.clone()),
        product_id: Set(p.id),
        subject_id: Set(p.subject_id),
        stars: Set(4),
        score: Set(950),
        decision_number: Set("77/QĐ-UBND".into()),
        decision_date: Set(decided),
        valid_from: Set(decided),
        valid_until: Set(app::domain::certificate::valid_until(decided)),
        national: Set(true),
        created_at: Set(app::clock::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let mut active: product::ActiveModel = p.into();
    active.stars = Set(Some(4));
    active.update(db).await.unwrap();
    number
}

fn answer(number: &str, date: &str, stars: &str) -> MinistryResultInput {
    MinistryResultInput {
        number: number.into(),
        decision: "1234/QĐ-BNNMT".into(),
        date: date.into(),
        stars: stars.into(),
    }
}

fn conflict<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> &'static str {
    match result {
        Err(ServiceError::Conflict(reason)) => reason.code(),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn five_stars_from_the_ministry_replace_the_province_certificate() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let settings = CertificateSettings::default();
        let number = proposed(db, &p.owner, "Trà hoa vàng thử").await;
        let awaiting = register::list(db, &p.province, "national", today(), &settings)
            .await
            .unwrap();
        assert_eq!(awaiting.len(), 1, "{}", t.backend);
        assert!(awaiting[0].awaiting_ministry);
        let before = app::services::reports::home_figures::home_figures(db, today())
            .await
            .unwrap();

        for someone in [&p.owner, &p.commune, &p.council, &p.admin, &p.other_commune] {
            assert!(
                matches!(
                    ministry::record(
                        db,
                        someone,
                        &answer(&number, "2026-10-20", "5"),
                        today(),
                        &settings
                    )
                    .await,
                    Err(ServiceError::Denied(_))
                ),
                "only the provincial officer records the Ministry's answer"
            );
        }
        // Every wrong field at once: no decision, a date before the province's, stars of 6.
        let mut wrong = answer(&number, "2026-02-01", "6");
        wrong.decision = "  ".into();
        let mut said =
            problems(ministry::record(db, &p.province, &wrong, today(), &settings).await);
        said.sort();
        assert_eq!(
            said,
            vec![
                ("date".to_owned(), "ministry_date"),
                ("decision".to_owned(), "required"),
                ("stars".to_owned(), "ministry_stars"),
            ]
        );
        assert_eq!(
            problems(
                ministry::record(
                    db,
                    &p.province,
                    &answer(&number, "2026-12-25", "5"),
                    today(),
                    &settings
                )
                .await
            ),
            vec![("date".to_owned(), "ministry_date")],
            "a decision of the future"
        );
        assert_eq!(
            problems(
                ministry::record(
                    db,
                    &p.province,
                    &answer(&number, "20/10/2026", "5"),
                    today(),
                    &settings
                )
                .await
            ),
            vec![("date".to_owned(), "invalid_date")]
        );

        let issued = ministry::record(
            db,
            &p.province,
            &answer(&number, "2026-10-20", "5"),
            today(),
            &settings,
        )
        .await
        .unwrap()
        .expect("5★ issues the Ministry's certificate");
        let new = register::check(db, &issued, today(), &settings)
            .await
            .unwrap();
        assert_eq!(
            (
                new.row.stars,
                new.row.status.as_str(),
                new.row.valid_until.as_str()
            ),
            (5, "valid", "2029-10-19")
        );
        assert!(new.row.by_ministry && !new.row.national);
        assert_eq!(new.row.decision_number, "1234/QĐ-BNNMT");
        let old = register::check(db, &number, today(), &settings)
            .await
            .unwrap();
        assert_eq!(old.row.status, "superseded");
        assert_eq!(old.row.ministry_stars, Some(5));
        assert_eq!(
            old.row.ministry_decision_date.as_deref(),
            Some("2026-10-20")
        );
        let product = product::Entity::find_by_id(new.row.product_id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(product.stars, Some(5));
        let after = app::services::reports::home_figures::home_figures(db, today())
            .await
            .unwrap();
        let stars = |f: &app::models::reports::home_figures::HomeFigures, s: u8| {
            f.products_by_stars
                .iter()
                .find(|c| c.stars == s)
                .unwrap()
                .products
        };
        assert_eq!(stars(&after, 5), stars(&before, 5) + 1);
        assert_eq!(stars(&after, 4) + 1, stars(&before, 4));
        assert_eq!(after.products, before.products, "the same product, now 5★");
        assert!(
            register::list(db, &p.province, "national", today(), &settings)
                .await
                .unwrap()
                .is_empty()
        );
        let told = notification::Entity::find()
            .filter(notification::Column::Kind.eq("certificate.ministry"))
            .all(db)
            .await
            .unwrap();
        assert!(!told.is_empty(), "the producer is told");

        // No second answer, none on the Ministry's own certificate or an ordinary one.
        assert_eq!(
            conflict(
                ministry::record(
                    db,
                    &p.province,
                    &answer(&number, "2026-10-21", "5"),
                    today(),
                    &settings
                )
                .await
            ),
            "already_answered"
        );
        assert_eq!(
            conflict(
                ministry::record(
                    db,
                    &p.province,
                    &answer(&issued, "2026-10-21", "5"),
                    today(),
                    &settings
                )
                .await
            ),
            "not_proposed"
        );
        let ordinary = new_product(db, &p.owner, "Mật ong thử").await;
        support::certify(db, ordinary.id, 4, "2026-03-01").await;
        let ordinary_number = format!("T-{}-2026-03-01", ordinary.id);
        assert_eq!(
            conflict(
                ministry::record(
                    db,
                    &p.province,
                    &answer(&ordinary_number, "2026-10-21", "5"),
                    today(),
                    &settings
                )
                .await
            ),
            "not_proposed"
        );
        assert!(matches!(
            ministry::record(
                db,
                &p.province,
                &answer("LS-1999-9999", "2026-10-21", "5"),
                today(),
                &settings
            )
            .await,
            Err(ServiceError::NotFound)
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_same_stars_keep_the_province_certificate_and_one_answer_wins() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let settings = CertificateSettings::default();
        let number = proposed(db, &p.owner, "Miến dong thử").await;
        let kept = ministry::record(
            db,
            &p.province,
            &answer(&number, "2026-09-01", "4"),
            today(),
            &settings,
        )
        .await
        .unwrap();
        assert_eq!(kept, None, "4★ as the province gave: no new certificate");
        let row = register::check(db, &number, today(), &settings)
            .await
            .unwrap()
            .row;
        assert_eq!((row.status.as_str(), row.stars), ("valid", 4));
        assert_eq!(row.ministry_stars, Some(4));
        assert!(!row.awaiting_ministry);

        // Two officers answering at once: one answer, one certificate.
        let second = proposed(db, &p.owner, "Na thử").await;
        let input = answer(&second, "2026-10-20", "5");
        let (a, b) = tokio::join!(
            ministry::record(db, &p.province, &input, today(), &settings),
            ministry::record(db, &p.province, &input, today(), &settings),
        );
        assert_eq!(
            [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
            1,
            "{}: {a:?} {b:?}",
            t.backend
        );
        let by_ministry = certificate::Entity::find()
            .filter(certificate::Column::ByMinistry.eq(true))
            .all(db)
            .await
            .unwrap();
        assert_eq!(by_ministry.len(), 1);
        t.cleanup().await;
    }
}
