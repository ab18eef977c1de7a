//! Reporting periods against real databases: the Department's own nine-month report, and the
//! periods and targets the province keeps.
use crate::support;

use app::services::ServiceError;
use app::services::reports::periodic::{open, save};
use support::dossiers::{people, reason};
use support::reports::{CHI_LANG, PROVINCE, day, period_id, text};

/// The Department's own nine-month report: the province lists, writes and submits it (with
/// the province's figures, no commune list); communes neither see nor write one.
#[tokio::test]
async fn the_department_writes_its_nine_month_report_and_communes_have_none() {
    use app::services::reports::periodic::home;
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let nine = period_id(db, "nine_month", 2026).await;
        let today = day("2026-11-30");
        let kinds = |h: &app::models::reports::periodic::ReportsHome| {
            h.periods
                .iter()
                .filter(|r| r.year == 2026)
                .map(|r| r.kind.clone())
                .collect::<Vec<_>>()
        };
        let province_home = home(db, &p.province, today).await.unwrap();
        assert_eq!(
            kinds(&province_home),
            ["annual", "nine_month", "half_year"],
            "{b}"
        );
        let commune_home = home(db, &p.commune, today).await.unwrap();
        assert_eq!(kinds(&commune_home), ["annual", "half_year"], "{b}");
        assert!(matches!(
            open(db, &p.commune, nine, CHI_LANG, today).await,
            Err(ServiceError::NotFound)
        ));
        assert!(matches!(
            save(db, &p.commune, nine, CHI_LANG, text("x"), 0, true, today).await,
            Err(ServiceError::NotFound)
        ));

        let draft = open(db, &p.province, nine, PROVINCE, today).await.unwrap();
        assert!(draft.can_edit && !draft.can_review, "{b}");
        assert!(draft.communes.is_empty(), "{b}: no commune list");
        assert!(!draft.reviewed, "{b}: final once submitted");
        assert_eq!(draft.standing, "missing", "{b}: due 25 September");
        save(
            db,
            &p.province,
            nine,
            PROVINCE,
            text("Sở báo cáo"),
            0,
            true,
            today,
        )
        .await
        .unwrap();
        let sent = open(db, &p.province, nine, PROVINCE, today).await.unwrap();
        assert_eq!(
            (sent.state.as_str(), sent.standing.as_str()),
            ("submitted", "late"),
            "{b}"
        );
        assert!(sent.frozen && !sent.can_edit, "{b}");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_province_keeps_periods_and_targets_and_nobody_else_does() {
    use app::services::reports::settings::{add_year, save_period, save_target, settings};
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let annual = period_id(db, "annual", 2027).await;
        for who in [&p.commune, &p.owner, &p.council] {
            assert!(
                matches!(settings(db, who).await, Err(ServiceError::Denied(_))),
                "{b}"
            );
            assert!(
                matches!(
                    save_period(db, who, annual, "2027-01-01", "2027-12-31", "2027-12-05").await,
                    Err(ServiceError::Denied(_))
                ),
                "{b}"
            );
            assert!(
                matches!(
                    save_target(db, who, 2027, "20", 1, 0).await,
                    Err(ServiceError::Denied(_))
                ),
                "{b}"
            );
        }
        assert_eq!(
            reason(
                save_period(
                    db,
                    &p.province,
                    annual,
                    "2027-12-31",
                    "2027-01-01",
                    "2027-11-30"
                )
                .await
            ),
            ("ends_on", "before_start"),
            "{b}"
        );
        assert_eq!(
            reason(
                save_period(
                    db,
                    &p.province,
                    annual,
                    "2027-01-01",
                    "2027-12-31",
                    "30/11/2027"
                )
                .await
            ),
            ("due_on", "invalid_date"),
            "{b}"
        );
        save_period(
            db,
            &p.province,
            annual,
            "2027-01-01",
            "2027-12-31",
            "2027-12-05",
        )
        .await
        .unwrap();
        let today = day("2026-11-30");
        let view = open(db, &p.commune, annual, CHI_LANG, today).await.unwrap();
        assert_eq!(view.period.due_on, "2027-12-05", "{b}: the report follows");

        // A year the loader has not made yet (it makes them up to next year).
        let later = chrono::Datelike::year(&app::clock::today()) + 2;
        assert_eq!(add_year(db, &p.province, later).await.unwrap(), 3, "{b}");
        assert_eq!(
            add_year(db, &p.province, later).await.unwrap(),
            0,
            "{b}: once"
        );
        assert_eq!(
            reason(add_year(db, &p.province, 1990).await),
            ("year", "report_year")
        );
        let half = period_id(db, "half_year", i16::try_from(later).unwrap()).await;
        let view = open(db, &p.commune, half, CHI_LANG, today).await.unwrap();
        assert_eq!(view.period.due_on, format!("{later}-06-25"), "{b}");

        assert_eq!(
            reason(save_target(db, &p.province, 2027, "99999", 1, 0).await),
            ("scope_code", "unknown_unit"),
            "{b}"
        );
        assert_eq!(
            reason(save_target(db, &p.province, 2027, CHI_LANG, -1, 0).await),
            ("new_3star", "target_count"),
            "{b}"
        );
        save_target(db, &p.province, 2027, CHI_LANG, 3, 1)
            .await
            .unwrap();
        save_target(db, &p.province, 2027, CHI_LANG, 4, 1)
            .await
            .unwrap();
        let view = open(db, &p.commune, annual, CHI_LANG, today).await.unwrap();
        assert_eq!(
            view.figures.targets[0].target,
            Some(4),
            "{b}: replaced, not added"
        );
        let all = settings(db, &p.province).await.unwrap();
        assert!(
            all.targets
                .iter()
                .any(|t| t.scope_code == CHI_LANG && t.scope_name == "Chi Lăng")
        );
        assert!(all.periods.iter().any(|p| p.kind == "nine_month"), "{b}");
        t.cleanup().await;
    }
}
