//! After the scoring, against real databases: a round's settings changed until its decision,
//! the council's minutes, the escalation archive of the ≥ 90-point products, and the reminders
//! of certificates about to expire.
use crate::support;

use app::domain::reason::Reason;
use std::io::Read;

use calamine::{Data, Reader, Xlsx};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::domain::round::Phase;
use app::domain::scoring::Sheet;
use app::entities::{certificate, notification, user_account};
use app::services::ServiceError;
use app::services::certificates::register::CertificateSettings;
use app::services::certificates::reminders::{KIND, remind_expiring};
use app::services::evaluation::{escalation, rounds, score_sheets};
use support::dossiers::{files, people, reason};
use support::rounds::{council, input, round_with, score};

async fn advance(db: &sea_orm::DatabaseConnection, p: &support::dossiers::People, round: i32) {
    let version = rounds::view(db, &p.province, round).await.unwrap().version;
    rounds::advance(db, &p.province, round, version)
        .await
        .unwrap();
}

#[tokio::test]
async fn settings_change_until_the_decision_and_only_by_the_province() {
    for t in support::demo::demo_databases().await {
        let (db, store, p) = (&t.db, files(), people(&t.db).await);
        let c = council(db).await;
        let (round, _) = round_with(db, &store, &p, &c, 1).await;
        let version = rounds::view(db, &p.province, round).await.unwrap().version;
        let mut changed = input("Đợt 2 năm 2026 (đã sửa)");
        changed.aggregation = "median".into();
        changed.identity_hidden = false;
        rounds::update_settings(db, &p.province, round, version, &changed, None)
            .await
            .unwrap();
        let view = rounds::view(db, &p.province, round).await.unwrap();
        assert_eq!(view.row.name, "Đợt 2 năm 2026 (đã sửa)", "{}", t.backend);
        assert_eq!(view.input.aggregation, "median");
        assert!(!view.input.identity_hidden);
        assert_eq!(view.version, version + 1);
        // A page opened before the change does not overwrite it.
        assert!(matches!(
            rounds::update_settings(db, &p.province, round, version, &changed, None).await,
            Err(ServiceError::Conflict(Reason::ChangedMeanwhile))
        ));
        let mut wrong = changed.clone();
        wrong.scoring_until = "2026-06-01".into();
        assert_eq!(
            reason(
                rounds::update_settings(db, &p.province, round, view.version, &wrong, None).await
            ),
            ("scoring_until", "before_start")
        );
        for someone in [&c.members[0], &p.owner, &p.commune] {
            assert!(matches!(
                rounds::update_settings(db, someone, round, view.version, &changed, None).await,
                Err(ServiceError::Denied(_))
            ));
        }
        t.cleanup().await;
    }
}

/// The best option of every criterion (100 points).
fn best(set: &app::domain::scoring::CriteriaSet) -> Sheet {
    set.parts
        .iter()
        .flat_map(|p| &p.criteria)
        .map(|c| {
            let top = (0..c.options.len())
                .max_by_key(|i| c.options[*i].points)
                .unwrap();
            (c.code.clone(), top)
        })
        .collect()
}

#[tokio::test]
async fn the_minutes_and_the_escalation_archive_carry_the_products_of_90_points() {
    for t in support::demo::demo_databases().await {
        let (db, store, p) = (&t.db, files(), people(&t.db).await);
        let c = council(db).await;
        let (round, ids) = round_with(db, &store, &p, &c, 2).await;
        advance(db, &p, round).await;
        advance(db, &p, round).await;
        for member in &c.members {
            let view = score_sheets::sheet(db, member, round, ids[0])
                .await
                .unwrap();
            score_sheets::save(
                db,
                member,
                (round, ids[0]),
                view.version,
                &best(&view.set),
                true,
            )
            .await
            .unwrap();
            score(db, member, round, ids[1], 1).await;
        }
        assert!(matches!(
            escalation::minutes(db, &p.province, round).await,
            Err(ServiceError::Conflict(Reason::Phase))
        ));
        advance(db, &p, round).await;

        let minutes = escalation::minutes(db, &p.province, round).await.unwrap();
        assert_eq!(minutes.phase, Phase::Deliberation.as_str(), "{}", t.backend);
        assert_eq!((minutes.rows.len(), minutes.members.len()), (2, 3));
        assert_eq!(minutes.national_count(), 1);
        assert_eq!(minutes.rows[0].score, Some(1000));
        for someone in [&c.members[0], &p.owner] {
            assert!(matches!(
                escalation::minutes(db, someone, round).await,
                Err(ServiceError::Denied(_))
            ));
            assert!(matches!(
                escalation::archive(db, &store, someone, round).await,
                Err(ServiceError::Denied(_))
            ));
        }

        let (name, bytes) = escalation::archive(db, &store, &p.province, round)
            .await
            .unwrap();
        assert!(name.ends_with(".zip"));
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
        let folder = format!("ho-so/{}-", ids[0]);
        assert!(names.iter().any(|n| n.starts_with(&folder)), "{names:?}");
        assert!(
            !names
                .iter()
                .any(|n| n.starts_with(&format!("ho-so/{}-", ids[1]))),
            "only the ≥ 90 products travel"
        );
        let mut html = String::new();
        zip.by_name("bien-ban-hoi-dong.html")
            .unwrap()
            .read_to_string(&mut html)
            .unwrap();
        assert!(html.contains("BIÊN BẢN") && html.contains(&minutes.rows[0].product_name));
        let mut xlsx = Vec::new();
        zip.by_name("phieu-cham-diem.xlsx")
            .unwrap()
            .read_to_end(&mut xlsx)
            .unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx)).unwrap();
        let sheet = book.worksheet_range(&format!("HS {}", ids[0])).unwrap();
        let last = sheet.rows().next_back().unwrap();
        let totals: Vec<&Data> = last.iter().skip(3).collect();
        assert_eq!(totals, [&Data::Float(100.0); 3]);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn holders_are_reminded_once_of_a_certificate_about_to_expire() {
    for t in support::demo::demo_databases().await {
        let db = &t.db;
        app::seed::dossiers::seed_dossiers(db, &files())
            .await
            .unwrap();
        app::seed::rounds::seed_rounds(db, &support::dossiers::files())
            .await
            .unwrap();
        let calendar = app::seed::calendar::DemoCalendar::now();
        let today = calendar.today();
        let settings = CertificateSettings::default();
        // By hand: the demo's decisions of three years ago run out within three weeks, inside
        // the 90-day window; the earlier ones have expired and the later ones run beyond it.
        let three_years_ago = calendar.decision_day(calendar.year() - 3);
        let expected: Vec<certificate::Model> = certificate::Entity::find()
            .filter(
                certificate::Column::ValidUntil
                    .eq(app::domain::certificate::valid_until(three_years_ago)),
            )
            .filter(certificate::Column::RevokedOn.is_null())
            .filter(certificate::Column::SupersededBy.is_null())
            .all(db)
            .await
            .unwrap();
        assert!(!expected.is_empty());
        let sent = remind_expiring(db, today, &settings).await.unwrap();
        assert_eq!(sent, expected.len(), "{}", t.backend);
        let told = notification::Entity::find()
            .filter(notification::Column::Kind.eq(KIND))
            .all(db)
            .await
            .unwrap();
        assert!(!told.is_empty());
        for n in &told {
            let account = user_account::Entity::find_by_id(n.user_id)
                .one(db)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(account.role, app::auth::Role::Producer);
            assert!(
                expected
                    .iter()
                    .any(|c| Some(c.subject_id) == account.subject_id
                        && n.subject.contains(&c.number)),
                "{:?} is told about its own certificate",
                account.email
            );
        }
        // Once per certificate.
        assert_eq!(remind_expiring(db, today, &settings).await.unwrap(), 0);
        t.cleanup().await;
    }
}
