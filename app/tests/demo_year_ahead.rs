//! The training demo never goes stale: made with the clock moved ahead (a year, and to the
//! middle of next year), it still has an open round in its scoring phase, certificates
//! expiring within weeks, Na Chi Lăng certified, the last report overdue for Chi Lăng and the
//! current one in draft — read through the same services the pages use.
//!
//! This file is a test binary of its own: moving the clock moves it for this process only.
mod support;

use app::domain::round::Phase;
use app::entities::evaluation_round;
use app::models::catalog::CatalogQuery;
use app::seed::calendar::DemoCalendar;
use app::services::certificates::register::{self, CertificateSettings};
use sea_orm::{EntityTrait, QueryOrder};
use support::dossiers::{files, people};

#[tokio::test]
async fn the_demo_made_on_a_later_day_looks_like_todays() {
    // One test, days in turn: the clock is the whole process's.
    for days in [365, 200] {
        app::clock::set_offset_days(days);
        let today = app::clock::today();
        let calendar = DemoCalendar::now();
        assert_eq!(calendar.today(), today);
        for t in support::databases().await {
            let (db, b) = (&t.db, format!("{} +{days} days", t.backend));
            app::seed::reset::seed_everything(db, &files())
                .await
                .unwrap()
                .expect("an empty database gets the demo");
            let p = people(db).await;

            // One round open, in scoring today; last year's decided.
            let rounds = evaluation_round::Entity::find()
                .order_by_asc(evaluation_round::Column::Id)
                .all(db)
                .await
                .unwrap();
            let open: Vec<_> = rounds
                .iter()
                .filter(|r| r.phase != Phase::Decided)
                .collect();
            assert_eq!(open.len(), 1, "{b}");
            let round = open[0];
            assert_eq!(round.phase, Phase::Scoring, "{b}");
            assert!(
                round.scoring_from <= today && today <= round.scoring_until,
                "{b}: {} – {} around {today}",
                round.scoring_from,
                round.scoring_until
            );
            assert_eq!(i32::from(round.year), calendar.year(), "{b}");
            assert!(
                rounds
                    .iter()
                    .any(|r| r.phase == Phase::Decided && i32::from(r.year) == calendar.year() - 1),
                "{b}"
            );

            // The register: valid and expiring certificates, expired and revoked ones.
            let settings = CertificateSettings::default();
            let all = register::list(db, &p.province, "", today, &settings)
                .await
                .unwrap();
            for state in ["valid", "expiring", "expired", "revoked"] {
                assert!(all.iter().any(|c| c.status == state), "{b}: no {state}");
            }

            // Na Chi Lăng is in the public catalogue.
            let query = CatalogQuery {
                q: "na chi lang".into(),
                ..Default::default()
            };
            let found = app::services::catalog::search(db, &query, today)
                .await
                .unwrap();
            assert!(
                found.cards.iter().any(|c| c.name == "Na Chi Lăng"),
                "{b}: {:?}",
                found.cards.iter().map(|c| &c.name).collect::<Vec<_>>()
            );

            // Chi Lăng's reports: the current one not submitted, the last one overdue, the one
            // before accepted.
            let home = app::services::reports::periodic::home(db, &p.commune, today)
                .await
                .unwrap();
            // Newest first: the current period is the last one ending today or later.
            let standing = |i: usize| home.mine[i].1.as_str();
            let now = home
                .periods
                .iter()
                .rposition(|r| r.ends_on.as_str() >= today.to_string().as_str())
                .expect("a current period");
            // Not written yet (an annual report falls due before its year ends: in December
            // it may already be overdue).
            assert!(
                [None, Some("draft")].contains(&home.mine[now].0.as_deref()),
                "{b}: {:?}",
                home.mine[now]
            );
            assert_eq!(standing(now + 1), "missing", "{b}");
            // Every older one the commune could write was accepted: no gap of overdue ones.
            for (state, _) in &home.mine[now + 2..] {
                assert_eq!(state.as_deref(), Some("accepted"), "{b}: {:?}", home.mine);
            }
        }
    }
}
