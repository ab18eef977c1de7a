//! The demo rounds: past rounds with certificates in every state consistent with the
//! products' stars, and an open round in scoring for a trainer.
use crate::support;

use app::services::certificates::register::{self, CertificateSettings};
use app::services::evaluation::{results, rounds};
use sea_orm::EntityTrait;
use support::dossiers::{files, people};
use support::rounds::council;

#[tokio::test]
async fn the_demo_has_past_rounds_with_certificates_in_every_state_and_an_open_round() {
    let t = support::demo::demo_sqlite().await;
    let (db, store) = (&t.db, files());
    app::seed::dossiers::seed_dossiers(db, &store)
        .await
        .unwrap();
    app::seed::rounds::seed_rounds(db, &support::dossiers::files())
        .await
        .unwrap();
    let p = people(db).await;
    let calendar = app::seed::calendar::DemoCalendar::now();
    let today = calendar.today();
    let settings = CertificateSettings::default();
    let all = register::list(db, &p.province, "", today, &settings)
        .await
        .unwrap();
    for state in ["valid", "expiring", "expired", "revoked", "superseded"] {
        assert!(
            all.iter().any(|c| c.status == state),
            "no {state} certificate"
        );
    }
    assert_eq!(all.iter().filter(|c| c.status == "revoked").count(), 1);
    // The history up to two years ago came through the importer, as one batch of the
    // provincial officer; last year's certificates from the round decided in the system.
    let batches = app::entities::import_batch::Entity::find()
        .all(db)
        .await
        .unwrap();
    assert_eq!(batches.len(), 1);
    assert_eq!(
        batches[0].file_name,
        app::seed::history::history_file(calendar)
    );
    assert_eq!(batches[0].state, "imported");
    let certs = app::entities::certificate::Entity::find()
        .all(db)
        .await
        .unwrap();
    for c in &certs {
        let year = chrono::Datelike::year(&c.decision_date);
        let last_year = calendar.year() - 1;
        assert_eq!(
            c.round_id.is_some(),
            year == last_year,
            "{} of {year}",
            c.number
        );
    }
    let (first, _) = app::seed::history::imported_years(calendar);
    assert!(
        certs
            .iter()
            .any(|c| chrono::Datelike::year(&c.decision_date) == first)
    );
    // The same list again changes nothing: the importer finds every row as it is.
    let again = app::seed::history::history_workbook(db, calendar)
        .await
        .unwrap();
    let checked = app::services::imports::check_file(db, again, today)
        .await
        .unwrap();
    assert_eq!(
        (
            checked.totals.new,
            checked.totals.update,
            checked.totals.error
        ),
        (0, 0, 0),
        "{:?} {:?}",
        checked.totals,
        checked
            .rows
            .iter()
            .filter(|r| !r.changes.is_empty())
            .collect::<Vec<_>>()
    );
    assert!(checked.totals.same > 100, "{:?}", checked.totals);
    // Each product's stars are those of its current certificate (none once revoked).
    let products = app::entities::product::Entity::find()
        .all(db)
        .await
        .unwrap();
    for c in all.iter().filter(|c| c.status != "superseded") {
        let product = products.iter().find(|p| p.id == c.product_id).unwrap();
        let expected = (c.status != "revoked").then_some(i16::from(c.stars));
        assert_eq!(product.stars, expected, "{}", c.number);
    }
    // The officers' register: 25 a page, the last page for a page past the end, and a search
    // without diacritics finds the product.
    use app::models::evaluation::rounds::{CERTIFICATES_PER_PAGE, CertificateFilter};
    let filter = |state: &str, query: &str, page: usize| CertificateFilter {
        state: state.into(),
        query: query.into(),
        page,
    };
    let first = register::browse(db, &p.province, &filter("", "", 1), today, &settings)
        .await
        .unwrap();
    assert_eq!(first.total, all.len());
    assert_eq!(first.rows.len(), CERTIFICATES_PER_PAGE.min(all.len()));
    assert_eq!(first.rows[0], all[0]);
    let past = register::browse(db, &p.province, &filter("", "", 999), today, &settings)
        .await
        .unwrap();
    assert_eq!(past.page, past.pages);
    let name = all[0].product_name.clone();
    let folded = app::domain::text::fold(&name).to_uppercase();
    let found = register::browse(db, &p.province, &filter("", &folded, 1), today, &settings)
        .await
        .unwrap();
    assert!(found.total >= 1 && found.total < all.len(), "{name}");
    assert!(found.rows.iter().any(|r| r.number == all[0].number));
    let expired = register::browse(db, &p.province, &filter("expired", "", 1), today, &settings)
        .await
        .unwrap();
    assert!(expired.rows.iter().all(|r| r.status == "expired"));
    assert_eq!(
        expired.total,
        all.iter().filter(|c| c.status == "expired").count()
    );
    // The open round: the trainer scores as hoidong@demo.vn; results already show sheets.
    let rows = rounds::list(db, &council(db).await.members[0])
        .await
        .unwrap();
    let open = rows
        .iter()
        .find(|r| r.phase == "scoring")
        .expect("an open round");
    let view = rounds::view(db, &council(db).await.members[0], open.id)
        .await
        .unwrap();
    assert!(view.dossiers.len() >= 2);
    assert!(
        view.dossiers
            .iter()
            .all(|d| d.my_sheet.as_deref() == Some("none"))
    );
    let member3 = rounds::view(db, &council(db).await.members[2], open.id)
        .await
        .unwrap();
    assert!(
        member3
            .dossiers
            .iter()
            .any(|d| d.my_sheet.as_deref() == Some("conflict")),
        "Thất Khê"
    );
    let results = results::results(db, &p.province, open.id).await.unwrap();
    assert!(
        results
            .rows
            .iter()
            .all(|r| r.score.is_some() && r.advisory_score.is_some())
    );
    // Forwarded dossiers wait for a new round.
    let fresh_round = rounds::create(db, &p.province, &support::rounds::input("Đợt 2"))
        .await
        .unwrap();
    let waiting = rounds::view(db, &p.province, fresh_round)
        .await
        .unwrap()
        .waiting_dossiers;
    assert!(waiting.len() >= 3, "{waiting:?}");
}
