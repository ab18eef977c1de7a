//! The dashboard against real databases: tiles and charts of a fixture counted by hand, the
//! filters, what each role sees, and a number of queries that does not grow with the data.
use crate::support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use app::models::reports::dashboard::{Dashboard, DashboardFilter};
use app::services::ServiceError;
use app::services::reports::dashboard::dashboard;
use support::certify;
use support::dossiers::{new_product, people};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

/// `CERTIFICATE_EXPIRING_DAYS` as configured by default.
const EXPIRING_DAYS: i64 = 90;

fn tile(d: &Dashboard, key: &str) -> i64 {
    d.tiles.iter().find(|t| t.key == key).unwrap().value
}

fn bar(d: &Dashboard, chart: &str, key: &str) -> i64 {
    d.charts
        .iter()
        .find(|c| c.key == chart)
        .unwrap_or_else(|| panic!("no chart {chart}"))
        .items
        .iter()
        .find(|i| i.key == key)
        .map_or(0, |i| i.value)
}

fn filter(pairs: &[(&str, &str)]) -> DashboardFilter {
    let mut f = DashboardFilter::default();
    for (k, v) in pairs {
        let v = (*v).to_owned();
        match *k {
            "year" => f.year = v,
            "commune" => f.commune = v,
            "group" => f.group = v,
            "stars" => f.stars = v,
            _ => f.kind = v,
        }
    }
    f
}

#[tokio::test]
async fn tiles_and_charts_follow_the_filters_and_the_role() {
    for t in support::demo::demo_databases().await {
        support::certified::fixture(&t.db).await;
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let all = dashboard(db, &p.province, &filter(&[]), today(), EXPIRING_DAYS)
            .await
            .unwrap();
        // Valid today: honey, tea, cake, the upgrade, last year's, Tràng Định's.
        assert_eq!(tile(&all, "valid"), 6, "{b}");
        assert_eq!(tile(&all, "communes"), 2, "{b}");
        // New 3★+ in 2026: honey, tea, cake, Tràng Định's (not the upgrade).
        assert_eq!(tile(&all, "new_this_year"), 4, "{b}");
        assert_eq!(bar(&all, "by_commune", "06463"), 5, "{b}");
        assert_eq!(bar(&all, "by_stars", "4"), 2, "{b}");
        assert_eq!(bar(&all, "by_stars", "3"), 4, "{b}");
        assert_eq!(bar(&all, "by_group", "I"), 6, "{b}");
        assert_eq!(bar(&all, "by_year", "2023"), 2, "{b}");
        assert_eq!(bar(&all, "by_year", "2026"), 5, "{b}");
        assert_eq!(all.product_count, 6, "{b}");
        assert_eq!(all.products[0].stars, 4, "{b}: most stars first");
        // A bar leads to the same dashboard narrowed to it.
        let chi_lang = all.charts[0]
            .items
            .iter()
            .find(|i| i.key == "06463")
            .unwrap();
        assert_eq!(
            chi_lang.href.as_deref(),
            Some("/dashboard?year=2026&commune=06463"),
            "{b}"
        );

        let four = dashboard(
            db,
            &p.province,
            &filter(&[("stars", "4")]),
            today(),
            EXPIRING_DAYS,
        )
        .await
        .unwrap();
        assert_eq!((tile(&four, "valid"), four.product_count), (2, 2), "{b}");
        assert_eq!(tile(&four, "communes"), 1, "{b}");
        let that_khe = dashboard(
            db,
            &p.province,
            &filter(&[("commune", "06040")]),
            today(),
            EXPIRING_DAYS,
        )
        .await
        .unwrap();
        assert_eq!(tile(&that_khe, "valid"), 1, "{b}");
        // On 31 Dec 2025: old, the upgrade's first certificate, last year's, the revoked one.
        let y2025 = dashboard(
            db,
            &p.province,
            &filter(&[("year", "2025")]),
            today(),
            EXPIRING_DAYS,
        )
        .await
        .unwrap();
        assert_eq!(
            (tile(&y2025, "valid"), y2025.as_of.as_str()),
            (4, "2025-12-31"),
            "{b}"
        );
        assert_eq!(tile(&y2025, "new_this_year"), 2, "{b}");
        let none = dashboard(
            db,
            &p.province,
            &filter(&[("group", "IV")]),
            today(),
            EXPIRING_DAYS,
        )
        .await
        .unwrap();
        assert_eq!((tile(&none, "valid"), none.products.len()), (0, 0), "{b}");

        // A commune officer sees their commune whatever is asked.
        let own = dashboard(
            db,
            &p.commune,
            &filter(&[("commune", "06046")]),
            today(),
            EXPIRING_DAYS,
        )
        .await
        .unwrap();
        assert_eq!(
            (own.level.as_str(), own.filter.commune.as_str()),
            ("commune", "06463"),
            "{b}"
        );
        assert_eq!(tile(&own, "valid"), 5, "{b}");
        assert!(own.communes.is_empty(), "{b}: no commune choice");
        // A producer sees their own subject's products.
        let mine = dashboard(db, &p.other_producer, &filter(&[]), today(), EXPIRING_DAYS)
            .await
            .unwrap();
        assert_eq!(
            (mine.level.as_str(), tile(&mine, "valid")),
            ("producer", 1),
            "{b}"
        );
        for who in [&p.council, &app::auth::Actor::Anonymous] {
            assert!(
                matches!(
                    dashboard(db, who, &filter(&[]), today(), EXPIRING_DAYS).await,
                    Err(ServiceError::Denied(_))
                ),
                "{b}"
            );
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_expiring_tile_and_reminder_follow_the_configured_window() {
    for t in support::demo::demo_databases().await {
        support::certified::fixture(&t.db).await;
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let mut seen = Vec::new();
        for days in [0, 30, EXPIRING_DAYS, 400, 3650] {
            let d = dashboard(db, &p.province, &filter(&[]), today(), days)
                .await
                .unwrap();
            let reminder = d
                .actions
                .iter()
                .find(|a| a.href.contains("state=expiring"))
                .unwrap();
            assert!(
                reminder.label.vi.contains(&format!("trong {days} ngày")),
                "{b}: {:?}",
                reminder.label
            );
            assert_eq!(d.expiring_days, days, "{b}: the tile names its window");
            // The to-do line counts what the figure counts.
            assert_eq!(reminder.count, tile(&d, "expiring"), "{b}: {days} days");
            seen.push((tile(&d, "expiring"), tile(&d, "valid")));
        }
        // Narrowed to Chi Lăng, the to-do list follows the filter as the figures do.
        let chi_lang = dashboard(
            db,
            &p.province,
            &filter(&[("commune", "06463")]),
            today(),
            3650,
        )
        .await
        .unwrap();
        let reminder = chi_lang
            .actions
            .iter()
            .find(|a| a.href.contains("state=expiring"))
            .unwrap();
        assert_eq!(reminder.count, tile(&chi_lang, "expiring"), "{b}");
        assert!(
            reminder.count < seen[4].0,
            "{b}: one commune of the province"
        );
        // A wider window counts more; ten years catches every valid certificate (they last
        // 36 months), the default window does not.
        assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{b}: {seen:?}");
        let (all_expiring, valid) = seen[4];
        assert_eq!(all_expiring, valid, "{b}: {seen:?}");
        assert!(seen[2].0 < valid, "{b}: {seen:?}");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_number_of_queries_does_not_grow_with_the_data() {
    for t in support::demo::demo_databases().await {
        support::certified::fixture(&t.db).await;
        let p = people(&t.db).await;
        let b = t.backend;
        let statements = Arc::new(AtomicUsize::new(0));
        let mut db = t.db.clone();
        let counter = statements.clone();
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        let count = |db: sea_orm::DatabaseConnection, who: app::auth::Actor| {
            let statements = statements.clone();
            async move {
                statements.store(0, Ordering::Relaxed);
                dashboard(&db, &who, &filter(&[]), today(), EXPIRING_DAYS)
                    .await
                    .unwrap();
                statements.load(Ordering::Relaxed)
            }
        };
        let small = count(db.clone(), p.province.clone()).await;
        let commune_small = count(db.clone(), p.commune.clone()).await;
        // 46 more make 52 valid products: more than one page of the list.
        for n in 0..46 {
            let product = new_product(&t.db, &p.owner, &format!("Thêm {n}")).await;
            certify(&t.db, product.id, 3 + (n % 2) as i16, "2026-05-01").await;
        }
        let large = count(db.clone(), p.province.clone()).await;
        let commune_large = count(db.clone(), p.commune.clone()).await;
        assert!(small > 0, "{b}: the callback counts");
        assert_eq!(small, large, "{b}: province");
        assert_eq!(commune_small, commune_large, "{b}: commune");
        assert!(large <= 20, "{b}: {large} queries");
        // The list pages: 50 then 2, no product twice; a page past the end shows the last,
        // one that is not a number the first.
        let page = |n: &str| {
            let mut f = filter(&[]);
            f.page = n.to_owned();
            let (db, who) = (t.db.clone(), p.province.clone());
            async move {
                dashboard(&db, &who, &f, today(), EXPIRING_DAYS)
                    .await
                    .unwrap()
            }
        };
        let (first, second) = (page("").await, page("2").await);
        assert_eq!((first.product_count, first.pages), (52, 2), "{b}");
        assert_eq!(
            (first.products.len(), second.products.len()),
            (50, 2),
            "{b}"
        );
        assert_eq!((first.page, second.page), (1, 2), "{b}");
        let mut ids: Vec<i32> = first
            .products
            .iter()
            .chain(&second.products)
            .map(|p| p.id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 52, "{b}: every product once");
        assert_eq!(page("999999999999").await.page, 2, "{b}");
        assert_eq!(page("abc").await.page, 1, "{b}");
        assert!(
            first.filter.with("stars", "4").ends_with("stars=4"),
            "{b}: a new filter starts at page 1"
        );
        t.cleanup().await;
    }
}

fn sorted<K: Ord>(mut counts: Vec<(K, i64)>) -> Vec<(K, i64)> {
    counts.sort();
    counts
}

/// The counts drawn from one pass over the certificates in scope (`figures`, `products_by`)
/// are the database's own `COUNT(DISTINCT product_id) … GROUP BY` and counts, on days before,
/// during and after the fixture's changes, for the whole province and narrowed scopes — with a
/// product holding two valid certificates at once (counted once overall, once under each of
/// its star counts) and a renewal that replaced a 3★ certificate with a 4★ one.
#[tokio::test]
async fn one_pass_counts_equal_the_databases_group_by() {
    use app::entities::{certificate, product, subject};
    use app::services::reports::dashboard_queries::{self as q, Scope};
    use chrono::Datelike;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    for t in support::demo::demo_databases().await {
        support::certified::fixture(&t.db).await;
        let (db, p, b) = (&t.db, people(&t.db).await, t.backend);
        let twice = new_product(db, &p.owner, "Hai giấy thử").await;
        certify(db, twice.id, 3, "2026-01-10").await;
        certify(db, twice.id, 5, "2026-02-10").await;
        // A renewal: a 3★ certificate replaced by a 4★ one on 2026-03-01.
        let renewed = new_product(db, &p.owner, "Gia hạn thử").await;
        certify(db, renewed.id, 3, "2023-03-01").await;
        certify(db, renewed.id, 4, "2026-03-01").await;
        let chain: Vec<certificate::Model> = certificate::Entity::find()
            .filter(certificate::Column::ProductId.eq(renewed.id))
            .order_by_asc(certificate::Column::DecisionDate)
            .all(db)
            .await
            .unwrap();
        certificate::Entity::update_many()
            .col_expr(certificate::Column::SupersededBy, chain[1].id.into())
            .filter(certificate::Column::Id.eq(chain[0].id))
            .exec(db)
            .await
            .unwrap();
        let scopes = [
            Scope::default(),
            Scope {
                communes: Some(vec![support::reports::CHI_LANG.to_owned()]),
                ..Scope::default()
            },
            Scope {
                stars: Some(3),
                ..Scope::default()
            },
            Scope {
                stars: Some(4),
                ..Scope::default()
            },
            Scope {
                kind: Some("HTX".to_owned()),
                ..Scope::default()
            },
        ];
        let mut seen = 0;
        for day in [
            "2024-06-30",
            "2026-02-01",
            "2026-03-01",
            "2026-11-30",
            "2029-12-31",
        ] {
            let day: chrono::NaiveDate = day.parse().unwrap();
            for scope in &scopes {
                let at = format!("{b} {day} {scope:?}");
                let rows = q::scoped_certificates(db, scope).await.unwrap();
                let year_start = day.with_month(1).unwrap().with_day(1).unwrap();
                let figures = q::figures(&rows, scope.stars, year_start, day);
                assert_eq!(
                    figures.new_3star,
                    q::new_3star(db, scope, year_start, day).await.unwrap(),
                    "{at}"
                );
                assert_eq!(
                    figures.by_day,
                    sorted(q::decided_by_day(db, scope, day).await.unwrap()),
                    "{at}"
                );
                let valid = figures.valid;
                seen += valid.len();
                let sql_communes: Vec<(String, i64)> =
                    q::valid_by(db, scope, day, product::Column::CommuneCode)
                        .await
                        .unwrap();
                let sql_groups: Vec<(i32, i64)> =
                    q::valid_by(db, scope, day, product::Column::ProductGroupId)
                        .await
                        .unwrap();
                let sql_types: Vec<(String, i64)> =
                    q::valid_by(db, scope, day, subject::Column::SubjectType)
                        .await
                        .unwrap();
                let sql_stars: Vec<(i16, i64)> =
                    q::valid_by(db, scope, day, certificate::Column::Stars)
                        .await
                        .unwrap();
                assert_eq!(
                    q::products_by(&valid, |c| c.commune_code.clone()),
                    sorted(sql_communes),
                    "{at}"
                );
                assert_eq!(
                    q::products_by(&valid, |c| c.product_group_id),
                    sorted(sql_groups),
                    "{at}"
                );
                assert_eq!(
                    q::products_by(&valid, |c| c.subject_type.clone()),
                    sorted(sql_types),
                    "{at}"
                );
                assert_eq!(
                    q::products_by(&valid, |c| c.stars),
                    sorted(sql_stars),
                    "{at}"
                );
                let until = day + chrono::Days::new(400);
                let expiring = valid.iter().filter(|c| c.valid_until <= until);
                let expiring = q::products_by(expiring, |_| ())
                    .first()
                    .map_or(0, |(_, n)| *n);
                assert_eq!(
                    expiring,
                    q::expiring(db, scope, day, 400).await.unwrap(),
                    "{at}"
                );
            }
        }
        assert!(seen > 0, "{b}: the comparison saw certificates");
        t.cleanup().await;
    }
}
