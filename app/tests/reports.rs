//! Periodic reports against real databases: figures of a fixture counted by hand, the frozen
//! snapshot, the review cycle, who may do what, and the XLSX and PDF files.
use crate::support;

use app::domain::reason::Reason;
use app::models::reports::periodic::ReportView;
use app::services::ServiceError;
use app::services::reports::periodic::{ExportFormat, export, open, review, save};
use support::certify;
use support::dossiers::{actor, new_product, people, reason};
use support::reports::{CHI_LANG, PROVINCE, day, period_id, text};

/// The value in `table`'s row `row`, column `col`.
fn cell(view: &ReportView, table: &str, row: &str, col: usize) -> i64 {
    view.figures
        .tables
        .iter()
        .find(|t| t.key == table)
        .unwrap_or_else(|| panic!("no table {table}"))
        .rows
        .iter()
        .find(|r| r.key == row)
        .map_or(0, |r| r.values[col])
}

#[tokio::test]
async fn figures_match_the_fixture_counted_by_hand() {
    for t in support::demo::demo_databases().await {
        support::certified::fixture(&t.db).await;
        let (db, p) = (&t.db, people(&t.db).await);
        let half = period_id(db, "half_year", 2026).await;
        let today = day("2026-11-30");
        let r = open(db, &p.commune, half, CHI_LANG, today).await.unwrap();
        let b = t.backend;
        assert_eq!(r.state, "draft", "{b}");
        assert!(!r.frozen && r.can_edit && !r.can_review, "{b}");
        // Columns: new, re-recognised, upgraded, total, same period last year.
        assert_eq!(cell(&r, "certified", "3", 0), 1, "{b}: tea");
        assert_eq!(cell(&r, "certified", "4", 0), 1, "{b}: honey");
        assert_eq!(cell(&r, "certified", "4", 2), 1, "{b}: the upgrade");
        assert_eq!(cell(&r, "certified", "total", 3), 3, "{b}");
        assert_eq!(cell(&r, "certified", "total", 4), 2, "{b}: H1 2025");
        assert_eq!(cell(&r, "groups", "I", 0), 3, "{b}");
        assert_eq!(cell(&r, "subgroups", "I.1", 0), 3, "{b}");
        assert_eq!(cell(&r, "subject_types", "HTX", 0), 3, "{b}");
        assert_eq!(
            cell(&r, "certificates", "expired", 0),
            1,
            "{b}: old, not the replaced one"
        );
        assert_eq!(cell(&r, "certificates", "revoked", 0), 1, "{b}");
        // Valid on 30 June: honey, tea, the upgrade, last year's product.
        assert_eq!(cell(&r, "certificates", "valid", 0), 4, "{b}");
        let new_3star = &r.figures.targets[0];
        assert_eq!((new_3star.achieved, new_3star.target), (2, None), "{b}");

        // The province's report counts every commune, and lists them with their standing.
        let province = open(db, &p.province, half, PROVINCE, today).await.unwrap();
        assert_eq!(cell(&province, "certified", "total", 3), 4, "{b}");
        assert_eq!(cell(&province, "communes", CHI_LANG, 0), 3, "{b}");
        assert_eq!(cell(&province, "communes", "06040", 0), 1, "{b}");
        assert_eq!(cell(&province, "communes", "total", 0), 4, "{b}");
        assert!(province.communes.len() > 60, "{b}: every commune in force");
        assert!(
            province.communes.iter().all(|c| c.standing == "missing"),
            "{b}: the half-year report was due on 25 June"
        );
        // The 2025 targets are master data: 20 new products of 3★ or more, one for 5★.
        let annual_2025 = period_id(db, "annual", 2025).await;
        let year = open(db, &p.province, annual_2025, PROVINCE, today)
            .await
            .unwrap();
        assert_eq!(year.figures.targets[0].target, Some(20), "{b}");
        assert_eq!(year.figures.targets[1].target, Some(1), "{b}");
        assert_eq!(
            year.figures.targets[0].achieved, 2,
            "{b}: the two 2025 products"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_submitted_report_is_frozen_until_returned_and_then_accepted() {
    for t in support::demo::demo_databases().await {
        support::certified::fixture(&t.db).await;
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let half = period_id(db, "half_year", 2026).await;
        let today = day("2026-11-30");
        let v1 = save(
            db,
            &p.commune,
            half,
            CHI_LANG,
            text("Nháp"),
            0,
            false,
            today,
        )
        .await
        .unwrap();
        assert_eq!(v1, 1, "{b}");
        // A page loaded before that save is refused; nothing is lost.
        assert!(
            matches!(
                save(db, &p.commune, half, CHI_LANG, text("Cũ"), 0, false, today).await,
                Err(ServiceError::Conflict(Reason::ChangedMeanwhile))
            ),
            "{b}"
        );
        assert_eq!(
            reason(save(db, &p.commune, half, CHI_LANG, text("  "), 1, true, today).await),
            ("results", "required"),
            "{b}"
        );
        let v2 = save(
            db,
            &p.commune,
            half,
            CHI_LANG,
            text("Kết quả tốt"),
            1,
            true,
            today,
        )
        .await
        .unwrap();
        let submitted = open(db, &p.commune, half, CHI_LANG, today).await.unwrap();
        assert_eq!(
            (submitted.state.as_str(), submitted.frozen),
            ("submitted", true),
            "{b}"
        );
        assert!(!submitted.can_edit, "{b}");
        assert_eq!(submitted.standing, "late", "{b}: submitted after 25 June");
        assert!(
            matches!(
                save(
                    db,
                    &p.commune,
                    half,
                    CHI_LANG,
                    text("Sửa"),
                    v2,
                    false,
                    today
                )
                .await,
                Err(ServiceError::Conflict(Reason::NotEditable))
            ),
            "{b}"
        );
        // New data in the period does not rewrite the submitted figures.
        let late = new_product(db, &p.owner, "Muộn thử").await;
        certify(db, late.id, 5, "2026-05-05").await;
        let still = open(db, &p.province, half, CHI_LANG, today).await.unwrap();
        assert_eq!(cell(&still, "certified", "total", 3), 3, "{b}: frozen");
        assert!(still.can_review, "{b}");
        // A return needs a comment; the commune cannot review its own report.
        assert_eq!(
            reason(review(db, &p.province, half, CHI_LANG, false, " ", v2).await),
            ("comment", "required"),
            "{b}"
        );
        assert!(
            matches!(
                review(db, &p.commune, half, CHI_LANG, true, "", v2).await,
                Err(ServiceError::Denied(_))
            ),
            "{b}"
        );
        let v3 = review(
            db,
            &p.province,
            half,
            CHI_LANG,
            false,
            "Bổ sung số liệu",
            v2,
        )
        .await
        .unwrap();
        let returned = open(db, &p.commune, half, CHI_LANG, today).await.unwrap();
        assert_eq!(returned.state, "returned", "{b}");
        assert_eq!(
            returned.review_comment.as_deref(),
            Some("Bổ sung số liệu"),
            "{b}"
        );
        assert!(returned.can_edit && !returned.frozen, "{b}");
        assert_eq!(
            cell(&returned, "certified", "total", 3),
            4,
            "{b}: live again"
        );
        let v4 = save(
            db,
            &p.commune,
            half,
            CHI_LANG,
            text("Đã bổ sung"),
            v3,
            true,
            today,
        )
        .await
        .unwrap();
        review(db, &p.province, half, CHI_LANG, true, "", v4)
            .await
            .unwrap();
        let accepted = open(db, &p.commune, half, CHI_LANG, today).await.unwrap();
        assert_eq!(accepted.state, "accepted", "{b}");
        assert_eq!(cell(&accepted, "certified", "total", 3), 4, "{b}");
        assert!(
            matches!(
                review(db, &p.province, half, CHI_LANG, true, "", v4 + 1).await,
                Err(ServiceError::Conflict(Reason::NotSubmitted))
            ),
            "{b}"
        );
        let list = open(db, &p.province, half, PROVINCE, today).await.unwrap();
        let chi_lang = list.communes.iter().find(|c| c.code == CHI_LANG).unwrap();
        assert_eq!(
            (chi_lang.state.as_deref(), chi_lang.standing.as_str()),
            (Some("accepted"), "late"),
            "{b}"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn reports_are_closed_to_other_communes_producers_and_the_council() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let half = period_id(db, "half_year", 2026).await;
        let today = day("2026-11-30");
        for who in [&p.other_commune, &p.owner, &p.council, &p.other_producer] {
            assert!(
                matches!(
                    open(db, who, half, CHI_LANG, today).await,
                    Err(ServiceError::Denied(_))
                ),
                "{b}: {who:?} opened Chi Lăng's report"
            );
            assert!(
                matches!(
                    save(db, who, half, CHI_LANG, text("x"), 0, false, today).await,
                    Err(ServiceError::Denied(_))
                ),
                "{b}: {who:?} wrote Chi Lăng's report"
            );
            assert!(
                matches!(
                    export(db, who, half, CHI_LANG, today, ExportFormat::Pdf).await,
                    Err(ServiceError::Denied(_))
                ),
                "{b}"
            );
        }
        // The commune officer cannot open the province's report nor write for it; the
        // province reads every commune's but writes only its own.
        assert!(
            open(db, &p.commune, half, PROVINCE, today).await.is_err(),
            "{b}"
        );
        assert!(
            save(db, &p.province, half, CHI_LANG, text("x"), 0, false, today)
                .await
                .is_err(),
            "{b}"
        );
        save(
            db,
            &p.province,
            half,
            PROVINCE,
            text("Tỉnh"),
            0,
            false,
            today,
        )
        .await
        .unwrap();
        let anonymous = app::auth::Actor::Anonymous;
        assert!(
            open(db, &anonymous, half, CHI_LANG, today).await.is_err(),
            "{b}"
        );
        let admin = actor(db, "quantri@demo.vn").await;
        assert!(
            open(db, &admin, half, CHI_LANG, today).await.is_ok(),
            "{b}: admin reads"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn exports_carry_the_same_figures_as_numbers() {
    use calamine::{Data, Reader, Xlsx};
    for t in support::demo::demo_databases().await {
        support::certified::fixture(&t.db).await;
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let half = period_id(db, "half_year", 2026).await;
        let today = day("2026-11-30");
        let (name, bytes) = export(db, &p.commune, half, CHI_LANG, today, ExportFormat::Xlsx)
            .await
            .unwrap();
        assert_eq!(name, "bao-cao-half_year-2026-06463.xlsx", "{b}");
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let sheets = book.sheet_names();
        assert_eq!(sheets[0], "Báo cáo", "{b}");
        assert!(sheets.iter().any(|s| s == "Hạng sao"), "{b}: {sheets:?}");
        let stars = book.worksheet_range("Hạng sao").unwrap();
        // Row 3 onward: 3★, 4★, 5★, total; column 4 is the total.
        let total_row = stars
            .rows()
            .find(|r| r.first() == Some(&Data::String("Tổng cộng".into())))
            .unwrap();
        assert_eq!(total_row[4], Data::Float(3.0), "{b}: a number, not text");
        let (pdf_name, pdf) = export(db, &p.province, half, PROVINCE, today, ExportFormat::Pdf)
            .await
            .unwrap();
        assert_eq!(pdf_name, "bao-cao-half_year-2026-20.pdf", "{b}");
        assert!(pdf.starts_with(b"%PDF"), "{b}");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_demo_has_past_reports_a_draft_and_chi_lang_s_half_year_left_to_write() {
    let t = support::demo::demo_sqlite().await;
    let db = &t.db;
    app::seed::dossiers::seed_dossiers(db, &support::dossiers::files())
        .await
        .unwrap();
    app::seed::rounds::seed_rounds(db, &support::dossiers::files())
        .await
        .unwrap();
    let made = app::seed::reports::seed_reports(db).await.unwrap();
    assert!(made > 10, "{made} reports");
    assert_eq!(
        app::seed::reports::seed_reports(db).await.unwrap(),
        0,
        "once"
    );
    let p = people(db).await;
    // The periods around today (December 2026: the 2025 annual, 2026 half-year and 2026
    // annual reports).
    let today = app::clock::today();
    let periods = app::seed::reports::demo_periods(db, today)
        .await
        .unwrap()
        .unwrap();
    let (before_last, half, current_period) =
        (periods.before_last.id, periods.last.id, periods.current.id);
    let past = open(db, &p.commune, before_last, CHI_LANG, today)
        .await
        .unwrap();
    assert_eq!((past.state.as_str(), past.frozen), ("accepted", true));
    assert!(!past.results.is_empty());
    let left = open(db, &p.commune, half, CHI_LANG, today).await.unwrap();
    assert_eq!((left.state.as_str(), left.version), ("draft", 0));
    assert!(left.reviewed, "the province reviews a commune's report");
    let waiting = open(db, &p.province, half, "06046", today).await.unwrap();
    assert!(
        waiting.can_review,
        "Tràng Định's half-year waits for the province"
    );
    let draft = open(db, &p.other_commune, current_period, "06046", today)
        .await
        .unwrap();
    assert_eq!((draft.state.as_str(), draft.can_edit), ("draft", true));
    assert!(draft.version > 0, "a saved draft");
    let province = open(db, &p.province, before_last, PROVINCE, today)
        .await
        .unwrap();
    assert_eq!(province.state, "submitted");
    assert!(province.communes.iter().any(|c| c.standing == "late"));
    assert!(province.communes.iter().any(|c| c.standing == "on_time"));
    // The Department's last nine-month report (due 25 September).
    let nine_year = if today.format("%m-%d").to_string().as_str() > "09-25" {
        chrono::Datelike::year(&today)
    } else {
        chrono::Datelike::year(&today) - 1
    };
    let nine = period_id(db, "nine_month", i16::try_from(nine_year).unwrap()).await;
    let department = open(db, &p.province, nine, PROVINCE, today).await.unwrap();
    assert_eq!(
        (department.state.as_str(), department.standing.as_str()),
        ("submitted", "on_time")
    );
    // The current year's targets are part of the demo.
    let current = open(db, &p.province, current_period, PROVINCE, today)
        .await
        .unwrap();
    assert_eq!(current.figures.targets[0].target, Some(20));
}
