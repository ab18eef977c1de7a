//! Monitoring certified products (issue 23, part 4): a commune plans and records an inspection,
//! the producer answers a correction with evidence, the inspector refuses then accepts it; an
//! overdue correction is flagged; an inspection's proposal leads to a revocation that the
//! public pages reflect; and every party is refused what is not theirs.
use crate::support;

use app::domain::inspection::InspectionState;
use app::domain::reason::Reason;
use app::models::inspections::{InspectionFilter, InspectionInput, PlanInput};
use app::services::ServiceError;
use app::services::certificates::register::{self, CertificateSettings};
use app::services::files::uploads::{Upload, UploadLimits};
use app::services::inspections::{photos, plan, steps, view};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use support::dossiers::{files, new_product, people, problems};

fn today() -> chrono::NaiveDate {
    app::services::today_in_vietnam()
}

fn day(days: i64) -> String {
    (today() + chrono::Duration::days(days)).to_string()
}

fn denied<T: std::fmt::Debug>(got: Result<T, ServiceError>) {
    assert!(
        matches!(got, Err(ServiceError::Denied(_) | ServiceError::NotFound)),
        "expected a refusal, got {got:?}"
    );
}

fn changed<T: std::fmt::Debug>(got: Result<T, ServiceError>) {
    assert!(
        matches!(got, Err(ServiceError::Conflict(Reason::ChangedMeanwhile))),
        "expected a conflict, got {got:?}"
    );
}

/// A new product of Đồng Bành (Chi Lăng), certified a month ago.
async fn certified_product(db: &DatabaseConnection, name: &str) -> i32 {
    let p = people(db).await;
    let product = new_product(db, &p.owner, name).await;
    support::certify(db, product.id, 4, &day(-30)).await;
    product.id
}

fn plan_of(product: i32) -> PlanInput {
    PlanInput {
        kind: "periodic".into(),
        product_ids: vec![product],
        planned_on: day(0),
        team: "Tổ kiểm tra xã".into(),
        purpose: String::new(),
    }
}

fn visit(id: i32, verdict: &str) -> InspectionInput {
    InspectionInput {
        inspection_id: id,
        action: "RecordVisit".into(),
        verdict: verdict.into(),
        visited_on: day(0),
        raw_materials: "met".into(),
        process: "met".into(),
        facilities: "met".into(),
        label_mark: "met".into(),
        food_safety: "met".into(),
        ..Default::default()
    }
}

fn step(id: i32, action: &str, note: &str) -> InspectionInput {
    InspectionInput {
        inspection_id: id,
        action: action.into(),
        note: note.into(),
        ..Default::default()
    }
}

async fn kinds_told(db: &DatabaseConnection, who: &app::auth::Actor) -> Vec<String> {
    app::services::notifications::list(db, who)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.kind)
        .collect()
}

#[tokio::test]
async fn an_inspection_runs_from_the_plan_to_an_accepted_correction() {
    for t in support::demo::demo_databases().await {
        let (db, p, store) = (&t.db, people(&t.db).await, files());
        let product = certified_product(db, "Mật ong kiểm tra").await;

        // Only the product's commune and the province plan it; a plan is checked whole.
        denied(plan::plan(db, &p.owner, &plan_of(product), today()).await);
        denied(plan::plan(db, &p.other_commune, &plan_of(product), today()).await);
        denied(plan::plan(db, &p.council, &plan_of(product), today()).await);
        denied(plan::plan(db, &p.admin, &plan_of(product), today()).await);
        let mut wrong = plan_of(product);
        wrong.kind = "suspension".into();
        wrong.planned_on = day(400);
        wrong.team = " ".into();
        wrong.product_ids = (1..=51).collect();
        let mut got = problems(plan::plan(db, &p.commune, &wrong, today()).await);
        got.sort();
        assert_eq!(
            got,
            vec![
                ("kind".to_owned(), "required"),
                ("planned_on".to_owned(), "plan_date_out_of_range"),
                ("product_ids".to_owned(), "too_many_products"),
                ("team".to_owned(), "required"),
            ],
            "{}",
            t.backend
        );
        let uncertified = new_product(db, &p.owner, "Chưa chứng nhận").await;
        let mut not_yet = plan_of(uncertified.id);
        not_yet.kind = "ad_hoc".into();
        assert_eq!(
            problems(plan::plan(db, &p.commune, &not_yet, today()).await),
            vec![("product_ids".to_owned(), "not_certified")]
        );
        let ids = plan::plan(db, &p.commune, &plan_of(product), today())
            .await
            .unwrap();
        let id = ids[0];
        assert!(
            kinds_told(db, &p.owner)
                .await
                .contains(&"inspection.planned".to_owned())
        );
        assert!(
            plan::candidates(db, &p.commune, today())
                .await
                .unwrap()
                .iter()
                .any(|c| c.product_id == product)
        );

        // Only its inspectors record the visit, and the verdict must fit the findings.
        denied(steps::record_visit(db, &p.owner, &visit(id, "compliant"), today()).await);
        denied(steps::record_visit(db, &p.other_commune, &visit(id, "compliant"), today()).await);
        let mut contradicts = visit(id, "compliant");
        contradicts.food_safety = "not_met".into();
        contradicts.process = String::new();
        let mut got = problems(steps::record_visit(db, &p.commune, &contradicts, today()).await);
        got.sort();
        assert_eq!(
            got,
            vec![
                ("process".to_owned(), "finding_missing"),
                ("verdict".to_owned(), "compliant_with_failure"),
            ]
        );
        let mut late = visit(id, "correction");
        late.visited_on = day(1);
        late.correction_request = "Ghi hạn sử dụng".into();
        late.correction_due = day(0);
        let mut got = problems(steps::record_visit(db, &p.commune, &late, today()).await);
        got.sort();
        assert_eq!(
            got,
            vec![
                ("correction_due".to_owned(), "due_not_ahead"),
                ("visited_on".to_owned(), "visit_ahead"),
            ]
        );
        // A photo of the visit (only images), then the correction.
        let limits = UploadLimits::default();
        let png = |seed| Upload {
            name: format!("anh-{seed}.png"),
            bytes: app::seed::dossiers::demo_png(seed),
        };
        photos::add_photo(db, &store, &limits, &p.commune, id, png(1))
            .await
            .unwrap();
        let pdf = Upload {
            name: "x.pdf".into(),
            bytes: app::seed::dossiers::demo_pdf("x", "y"),
        };
        assert!(matches!(
            photos::add_photo(db, &store, &limits, &p.commune, id, pdf).await,
            Err(ServiceError::Invalid { field: "file", .. })
        ));
        denied(photos::add_photo(db, &store, &limits, &p.owner, id, png(2)).await);
        let mut correction = visit(id, "correction");
        correction.label_mark = "not_met".into();
        correction.correction_request = "Ghi hạn sử dụng trên nhãn".into();
        correction.correction_due = day(10);
        assert_eq!(
            steps::record_visit(db, &p.commune, &correction, today())
                .await
                .unwrap(),
            InspectionState::CorrectionRequested
        );
        changed(steps::record_visit(db, &p.commune, &correction, today()).await);
        assert!(
            kinds_told(db, &p.owner)
                .await
                .contains(&"inspection.correction".to_owned())
        );

        // The producer answers with evidence; the commune refuses once, then accepts.
        denied(steps::step(db, &p.commune, &step(id, "Answer", "x"), today()).await);
        denied(steps::step(db, &p.other_producer, &step(id, "Answer", "x"), today()).await);
        assert_eq!(
            support::dossiers::reason(
                steps::step(db, &p.owner, &step(id, "Answer", " "), today()).await
            ),
            ("note", "required")
        );
        photos::add_photo(db, &store, &limits, &p.owner, id, png(3))
            .await
            .unwrap();
        steps::step(db, &p.owner, &step(id, "Answer", "Đã in lại nhãn"), today())
            .await
            .unwrap();
        assert!(
            kinds_told(db, &p.commune)
                .await
                .contains(&"inspection.answered".to_owned())
        );
        denied(steps::step(db, &p.owner, &step(id, "AcceptCorrection", ""), today()).await);
        let mut refuse = step(id, "RefuseCorrection", "Ảnh chưa rõ hạn sử dụng");
        refuse.due = day(20);
        assert_eq!(
            steps::step(db, &p.commune, &refuse, today()).await.unwrap(),
            InspectionState::CorrectionRequested
        );
        steps::step(db, &p.owner, &step(id, "Answer", "Ảnh rõ hơn"), today())
            .await
            .unwrap();
        assert_eq!(
            steps::step(db, &p.commune, &step(id, "AcceptCorrection", ""), today())
                .await
                .unwrap(),
            InspectionState::Corrected
        );
        changed(steps::step(db, &p.commune, &step(id, "AcceptCorrection", ""), today()).await);

        // Each side sees it; the page lists the photos, findings and every step.
        let seen = view::inspection_view(db, &p.owner, id, today(), &limits, 90)
            .await
            .unwrap();
        assert_eq!(seen.state, InspectionState::Corrected);
        assert_eq!(
            (seen.visit_photos.len(), seen.evidence_photos.len()),
            (1, 1)
        );
        assert_eq!(seen.findings.len(), 5);
        assert_eq!(
            seen.correction_due.as_deref(),
            Some(app::domain::dates::date(today() + chrono::Days::new(20)).as_str())
        );
        assert!(seen.actions.is_empty());
        assert!(seen.history.len() >= 6, "{:?}", seen.history);
        denied(view::inspection_view(db, &p.other_commune, id, today(), &limits, 90).await);
        denied(view::inspection_view(db, &p.other_producer, id, today(), &limits, 90).await);
        denied(view::inspection_view(db, &p.council, id, today(), &limits, 90).await);
        // The product's history lists it, for the producer and the province.
        let filter = InspectionFilter {
            product_id: Some(product),
            ..Default::default()
        };
        for who in [&p.owner, &p.province, &p.commune] {
            let page = view::browse(db, who, &filter, today()).await.unwrap();
            assert_eq!(page.rows.len(), 1, "{}", t.backend);
        }
        let theirs = view::browse(db, &p.other_producer, &filter, today())
            .await
            .unwrap();
        assert!(theirs.rows.is_empty());
        denied(view::browse(db, &p.admin, &filter, today()).await);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn an_overdue_correction_is_flagged_to_the_officials() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let product = certified_product(db, "Trà kiểm tra").await;
        let id = plan::plan(db, &p.province, &plan_of(product), today())
            .await
            .unwrap()[0];
        let mut correction = visit(id, "correction");
        correction.correction_request = "Sửa sổ ghi chép".into();
        correction.correction_due = day(5);
        steps::record_visit(db, &p.province, &correction, today())
            .await
            .unwrap();
        let overdue = InspectionFilter {
            state: "overdue".into(),
            ..Default::default()
        };
        let commune = &p.commune;
        let listed = |at| {
            let overdue = overdue.clone();
            async move {
                view::browse(db, commune, &overdue, at)
                    .await
                    .unwrap()
                    .rows
                    .iter()
                    .any(|r| r.id == id && r.overdue)
            }
        };
        assert!(!listed(today()).await, "not yet due");
        // A week later it is late: on the list, on the page, on both dashboards.
        let later = today() + chrono::Days::new(7);
        assert!(listed(later).await, "{}", t.backend);
        let seen = view::inspection_view(db, &p.commune, id, later, &UploadLimits::default(), 90)
            .await
            .unwrap();
        assert!(seen.overdue);
        for who in [&p.commune, &p.province] {
            let items = app::services::reports::dashboard::dashboard(
                db,
                who,
                &Default::default(),
                later,
                90,
            )
            .await
            .unwrap()
            .actions;
            let flagged = items
                .iter()
                .find(|i| i.href == "/inspections?state=overdue")
                .unwrap();
            assert!(flagged.count >= 1, "{}", t.backend);
        }
        // Answered, it is no longer overdue.
        steps::step(db, &p.owner, &step(id, "Answer", "Đã sửa"), later)
            .await
            .unwrap();
        assert!(!listed(later).await);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn an_inspection_leads_to_a_revocation_the_public_pages_show() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let settings = CertificateSettings::default();
        let product = certified_product(db, "Rượu kiểm tra").await;
        let id = plan::plan(db, &p.commune, &plan_of(product), today())
            .await
            .unwrap()[0];
        // Not proposed yet: nothing to revoke on it.
        changed(register::revoke_on_inspection(db, &p.province, id, "x", "1/QĐ", &day(0)).await);
        let mut proposal = visit(id, "revocation");
        proposal.food_safety = "not_met".into();
        proposal.revocation_reason = "Vi phạm nghiêm trọng an toàn thực phẩm".into();
        assert_eq!(
            steps::record_visit(db, &p.commune, &proposal, today())
                .await
                .unwrap(),
            InspectionState::RevocationProposed
        );
        assert!(
            kinds_told(db, &p.province)
                .await
                .contains(&"inspection.revocation_proposed".to_owned())
        );
        // Only the province revokes.
        denied(register::revoke_on_inspection(db, &p.commune, id, "x", "1/QĐ", &day(0)).await);
        denied(register::revoke_on_inspection(db, &p.owner, id, "x", "1/QĐ", &day(0)).await);
        let mut by_commune = step(id, "Revoke", "x");
        (by_commune.decision, by_commune.date) = ("1/QĐ".into(), day(0));
        denied(steps::step(db, &p.commune, &by_commune, today()).await);
        let number = register::revoke_on_inspection(
            db,
            &p.province,
            id,
            "Vi phạm nghiêm trọng an toàn thực phẩm",
            "77/QĐ-UBND",
            &day(0),
        )
        .await
        .unwrap();
        changed(register::revoke_on_inspection(db, &p.province, id, "x", "1/QĐ", &day(0)).await);
        let cert = app::entities::certificate::Entity::find()
            .filter(app::entities::certificate::Column::Number.eq(number.as_str()))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(cert.revoke_inspection_id, Some(id), "{}", t.backend);
        let seen = view::inspection_view(db, &p.owner, id, today(), &UploadLimits::default(), 90)
            .await
            .unwrap();
        assert_eq!(seen.state, InspectionState::Revoked);
        assert_eq!(seen.certificate_status.as_deref(), Some("revoked"));
        // The public check behind the QR code, the product page and the stars all follow.
        let checked = register::check(db, &number, today(), &settings)
            .await
            .unwrap();
        assert_eq!(checked.row.status, "revoked");
        let public = app::services::traceability::public_product::product(
            db,
            product,
            "https://ocop.example",
            today(),
            &settings,
        )
        .await
        .unwrap();
        assert!(
            public
                .certificate
                .as_ref()
                .is_none_or(|c| c.status == "revoked"),
            "{:?}",
            public.certificate
        );
        let stars = app::entities::product::Entity::find_by_id(product)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .stars;
        assert_eq!(stars, None);
        assert!(
            kinds_told(db, &p.owner)
                .await
                .contains(&"certificate.revoked".to_owned())
        );
        t.cleanup().await;
    }
}

/// What the first review found: an ad hoc visit announced before it happens, a revocation
/// proposed with no visit, a step on a stale page, a refusal past the deadline, a compliant
/// verdict with nothing checked, a revocation dated ahead or leaving inspections open.
#[tokio::test]
async fn the_holes_a_review_found_stay_closed() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let product = certified_product(db, "Bánh kiểm tra").await;
        let mut ad_hoc = plan_of(product);
        ad_hoc.kind = "ad_hoc".into();
        let id = plan::plan(db, &p.commune, &ad_hoc, today()).await.unwrap()[0];
        // Unannounced: the producer neither hears of it nor finds it.
        assert!(
            !kinds_told(db, &p.owner)
                .await
                .contains(&"inspection.planned".to_owned())
        );
        let mine = view::browse(db, &p.owner, &InspectionFilter::default(), today())
            .await
            .unwrap();
        assert!(mine.rows.iter().all(|r| r.id != id), "{}", t.backend);
        denied(
            view::inspection_view(db, &p.owner, id, today(), &UploadLimits::default(), 90).await,
        );
        // No proposal to revoke before the visit; nothing checked is no compliance.
        assert_eq!(
            support::dossiers::reason(
                steps::step(db, &p.commune, &step(id, "ProposeRevocation", "x"), today()).await
            ),
            ("action", "visit_first")
        );
        let mut unchecked = visit(id, "compliant");
        for f in [
            &mut unchecked.raw_materials,
            &mut unchecked.process,
            &mut unchecked.facilities,
            &mut unchecked.label_mark,
            &mut unchecked.food_safety,
        ] {
            *f = "not_checked".into();
        }
        assert_eq!(
            problems(steps::record_visit(db, &p.commune, &unchecked, today()).await),
            vec![("verdict".to_owned(), "compliant_with_failure")]
        );
        let mut correction = visit(id, "correction");
        correction.state = "planned".into();
        correction.correction_request = "Sửa nhãn".into();
        correction.correction_due = day(3);
        steps::record_visit(db, &p.commune, &correction, today())
            .await
            .unwrap();
        // Visited, the producer sees it.
        view::inspection_view(db, &p.owner, id, today(), &UploadLimits::default(), 90)
            .await
            .unwrap();
        // A page that still showed "planned" is refused.
        let mut stale = step(id, "Cancel", "");
        stale.state = "planned".into();
        changed(steps::step(db, &p.commune, &stale, today()).await);
        // Past its deadline, a refusal must give a new one.
        let later = today() + chrono::Days::new(10);
        steps::step(db, &p.owner, &step(id, "Answer", "Đã sửa"), later)
            .await
            .unwrap();
        assert_eq!(
            support::dossiers::reason(
                steps::step(
                    db,
                    &p.commune,
                    &step(id, "RefuseCorrection", "Chưa đạt"),
                    later
                )
                .await
            ),
            ("correction_due", "new_due_needed")
        );
        // A revocation is not dated ahead; once made, it ends every open inspection.
        let second = plan::plan(db, &p.province, &plan_of(product), today())
            .await
            .unwrap()[0];
        let number = register::current(db, product)
            .await
            .unwrap()
            .unwrap()
            .number;
        assert_eq!(
            support::dossiers::reason(
                register::revoke(db, &p.province, &number, "Vi phạm", "5/QĐ", &day(1)).await
            ),
            ("date", "decision_ahead")
        );
        register::revoke(db, &p.province, &number, "Vi phạm", "5/QĐ", &day(0))
            .await
            .unwrap();
        for ended in [id, second] {
            let seen = view::inspection_view(
                db,
                &p.province,
                ended,
                today(),
                &UploadLimits::default(),
                90,
            )
            .await
            .unwrap();
            assert_eq!(seen.state, InspectionState::Cancelled, "{}", t.backend);
            assert!(
                seen.history
                    .iter()
                    .any(|h| h.sentence.vi.contains("đã bị thu hồi"))
            );
        }
        assert!(matches!(
            register::revoke(db, &p.province, &number, "Lại", "6/QĐ", &day(0)).await,
            Err(ServiceError::Conflict(Reason::Revoked))
        ));
        t.cleanup().await;
    }
}
