//! Reports by the units of their time, against real databases: the province's report for a
//! period before 1 July 2025 is laid out by the districts in force then, one after by the
//! communes; a period spanning the change says so; every record lands in one row.
use crate::support;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::entities::admin_unit;
use app::models::reports::periodic::ReportView;
use app::services::reports::periodic::open;
use support::dossiers::people;
use support::reports::{CHI_LANG, PROVINCE, day, period_id};

fn table<'a>(view: &'a ReportView, key: &str) -> &'a app::models::reports::periodic::FigureTable {
    view.figures
        .tables
        .iter()
        .find(|t| t.key == key)
        .unwrap_or_else(|| panic!("no table {key}"))
}

fn cell(view: &ReportView, key: &str, row: &str, col: usize) -> i64 {
    table(view, key)
        .rows
        .iter()
        .find(|r| r.key == row)
        .map_or(0, |r| r.values[col])
}

/// The district Chi Lăng came from in 2025.
async fn former_district_of_chi_lang(db: &sea_orm::DatabaseConnection) -> String {
    admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(CHI_LANG))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .former_district_code
        .unwrap()
}

#[tokio::test]
async fn reports_before_july_2025_count_by_district_and_a_2026_report_by_commune() {
    for t in support::demo::demo_databases().await {
        support::certified::fixture(&t.db).await;
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let today = day("2026-11-30");
        let district = former_district_of_chi_lang(db).await;

        // 2023: the districts of the time, eleven rows and the total.
        let y2023 = open(
            db,
            &p.province,
            period_id(db, "annual", 2023).await,
            PROVINCE,
            today,
        )
        .await
        .unwrap();
        let units = table(&y2023, "communes");
        assert_eq!(
            units.rows.len(),
            12,
            "{b}: {:?}",
            units.rows.iter().map(|r| &r.key).collect::<Vec<_>>()
        );
        assert!(units.title.vi.contains("huyện"), "{b}: {}", units.title.vi);
        // The fixture's two 2023 products of Chi Lăng count under its former district.
        assert!(cell(&y2023, "communes", &district, 0) >= 2, "{b}");
        assert_eq!(
            cell(&y2023, "communes", "total", 0),
            cell(&y2023, "certified", "total", 3),
            "{b}: every certificate in one row"
        );
        assert_eq!(y2023.figures.unit_note, None, "{b}");
        // 2024 likewise: the two 2023 certificates still valid at its end, under the district.
        let y2024 = open(
            db,
            &p.province,
            period_id(db, "annual", 2024).await,
            PROVINCE,
            today,
        )
        .await
        .unwrap();
        assert_eq!(table(&y2024, "communes").rows.len(), 12, "{b}");
        assert!(cell(&y2024, "communes", &district, 1) >= 1, "{b}");
        assert!(
            cell(&y2024, "communes", CHI_LANG, 1) == 0,
            "{b}: no commune rows"
        );
        // Today's communes did not report for 2024 (the districts did, outside the system):
        // the province sees no list of commune reports, but a note; a commune officer neither
        // lists the period nor opens or writes its report.
        assert!(y2024.communes.is_empty(), "{b}");
        let note = y2024
            .communes_note
            .clone()
            .expect("a note instead of the list");
        assert!(note.vi.contains("cấp huyện"), "{b}: {}", note.vi);
        let y2024_id = period_id(db, "annual", 2024).await;
        let home = app::services::reports::periodic::home(db, &p.commune, today)
            .await
            .unwrap();
        assert!(home.periods.iter().all(|r| r.id != y2024_id), "{b}");
        assert!(home.periods.iter().any(|r| r.year == 2026), "{b}");
        assert!(matches!(
            open(db, &p.commune, y2024_id, CHI_LANG, today).await,
            Err(app::services::ServiceError::NotFound)
        ));
        let written = app::services::reports::periodic::save(
            db,
            &p.commune,
            y2024_id,
            CHI_LANG,
            app::services::reports::periodic::Sections {
                results: "Kết quả".into(),
                difficulties: String::new(),
                proposals: String::new(),
            },
            0,
            false,
            today,
        )
        .await;
        assert!(
            matches!(written, Err(app::services::ServiceError::NotFound)),
            "{b}"
        );

        // 2026: the communes in force.
        let y2026 = open(
            db,
            &p.province,
            period_id(db, "annual", 2026).await,
            PROVINCE,
            today,
        )
        .await
        .unwrap();
        assert!(table(&y2026, "communes").rows.len() > 60, "{b}");
        assert!(cell(&y2026, "communes", CHI_LANG, 0) >= 3, "{b}");
        assert_eq!(y2026.figures.unit_note, None, "{b}");

        // 2025 spans the change: by commune (the units at its end), and it says so.
        let y2025 = open(
            db,
            &p.province,
            period_id(db, "annual", 2025).await,
            PROVINCE,
            today,
        )
        .await
        .unwrap();
        assert!(table(&y2025, "communes").rows.len() > 60, "{b}");
        let note = y2025
            .figures
            .unit_note
            .clone()
            .expect("a note on the change");
        assert!(note.vi.contains("01/07/2025"), "{b}: {}", note.vi);
        // The communes reported for 2025 (it ended after they came into force).
        assert!(y2025.communes.len() > 60, "{b}");
        assert_eq!(y2025.communes_note, None, "{b}");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_province_opens_an_ad_hoc_report_and_a_review_of_2021_to_2025_year_by_year() {
    use app::models::reports::periodic::CustomPeriodInput;
    use app::services::reports::settings::add_custom;
    for t in support::demo::demo_databases().await {
        support::certified::fixture(&t.db).await;
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let today = day("2026-11-30");
        let review = CustomPeriodInput {
            kind: "review".into(),
            title: "Báo cáo tổng kết Chương trình OCOP giai đoạn 2021–2025".into(),
            starts_on: "2021-01-01".into(),
            ends_on: "2025-12-31".into(),
            due_on: "2026-01-15".into(),
        };
        for someone in [&p.commune, &p.owner, &p.council] {
            assert!(matches!(
                add_custom(db, someone, &review).await,
                Err(app::services::ServiceError::Denied(_))
            ));
        }
        let half_years = CustomPeriodInput {
            starts_on: "2021-07-01".into(),
            due_on: "2020-01-01".into(),
            title: String::new(),
            kind: "annual".into(),
            ..review.clone()
        };
        let said = support::dossiers::problems(add_custom(db, &p.province, &half_years).await);
        for expected in [
            ("kind", "invalid"),
            ("title", "required"),
            ("due_on", "before_start"),
        ] {
            assert!(
                said.contains(&(expected.0.to_owned(), expected.1)),
                "{b}: {said:?}"
            );
        }
        let not_whole = CustomPeriodInput {
            starts_on: "2021-07-01".into(),
            ..review.clone()
        };
        assert_eq!(
            support::dossiers::problems(add_custom(db, &p.province, &not_whole).await),
            vec![("ends_on".to_owned(), "whole_years")]
        );
        let id = add_custom(db, &p.province, &review).await.unwrap();
        let r = open(db, &p.province, id, PROVINCE, today).await.unwrap();
        assert_eq!(r.period.name.vi, review.title, "{b}");
        let years = table(&r, "by_year");
        let columns: Vec<&str> = years.columns.iter().map(|c| c.vi.as_str()).collect();
        assert_eq!(
            columns,
            ["2021", "2022", "2023", "2024", "2025", "Cả giai đoạn"],
            "{b}"
        );
        // The fixture: two certificates decided in 2023, two in 2025.
        let certified = |col| cell(&r, "by_year", "certified", col);
        assert_eq!((certified(2), certified(4)), (2, 2), "{b}");
        assert_eq!(
            certified(5),
            (0..5).map(certified).sum::<i64>(),
            "{b}: the whole period"
        );
        // Laid out by the communes at its end, and it says the units changed within it.
        assert!(r.figures.unit_note.is_some(), "{b}");

        // An ad hoc report: a second one of its kind in the same year is fine.
        for n in 1..=2 {
            let adhoc = CustomPeriodInput {
                kind: "adhoc".into(),
                title: format!("Báo cáo nhanh số {n} cho Đoàn kiểm tra"),
                starts_on: "2026-01-01".into(),
                ends_on: "2026-10-31".into(),
                due_on: "2026-11-05".into(),
            };
            let id = add_custom(db, &p.province, &adhoc).await.unwrap();
            let r = open(db, &p.province, id, PROVINCE, today).await.unwrap();
            assert_eq!(r.period.name.vi, adhoc.title, "{b}");
            assert!(r.figures.tables.iter().all(|t| t.key != "by_year"), "{b}");
        }
        // Communes do not write the province's own reports.
        assert!(
            open(db, &p.commune, id, CHI_LANG, today).await.is_err(),
            "{b}"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_dashboard_offers_the_units_of_the_chosen_year() {
    use app::models::reports::dashboard::DashboardFilter;
    use app::services::reports::dashboard::dashboard;
    for t in support::demo::demo_databases().await {
        support::certified::fixture(&t.db).await;
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let today = day("2026-11-30");
        let district = former_district_of_chi_lang(db).await;
        let year = |y: &str, commune: &str| DashboardFilter {
            year: y.into(),
            commune: commune.into(),
            ..Default::default()
        };
        let d2024 = dashboard(db, &p.province, &year("2024", ""), today, 90)
            .await
            .unwrap();
        assert_eq!(d2024.communes.len(), 11, "{b}: the former districts");
        assert!(d2024.communes.iter().any(|(c, _)| *c == district), "{b}");
        let bars = &d2024
            .charts
            .iter()
            .find(|c| c.key == "by_commune")
            .unwrap()
            .items;
        assert!(
            bars.iter()
                .all(|i| d2024.communes.iter().any(|(c, _)| *c == i.key)),
            "{b}: {bars:?}"
        );
        // A district narrows to the communes that came from it; a commune of today is not a
        // unit of 2024.
        let narrowed = dashboard(db, &p.province, &year("2024", &district), today, 90)
            .await
            .unwrap();
        assert_eq!(narrowed.filter.commune, district, "{b}");
        let valid = |d: &app::models::reports::dashboard::Dashboard| {
            d.tiles.iter().find(|t| t.key == "valid").unwrap().value
        };
        assert!(
            valid(&narrowed) >= 2,
            "{b}: the fixture's 2023 certificates of Chi Lăng"
        );
        assert!(valid(&narrowed) <= valid(&d2024), "{b}");
        let stray = dashboard(db, &p.province, &year("2024", CHI_LANG), today, 90)
            .await
            .unwrap();
        assert_eq!(stray.filter.commune, "", "{b}");
        let d2026 = dashboard(db, &p.province, &year("2026", CHI_LANG), today, 90)
            .await
            .unwrap();
        assert!(d2026.communes.len() > 60, "{b}");
        assert_eq!(d2026.filter.commune, CHI_LANG, "{b}");
        t.cleanup().await;
    }
}
