//! Product labels against real databases: the checklist per product type from the shipped
//! master data, saving with faults reported, the OCOP mark against the certificate (expired,
//! revoked, other stars), artwork versions, the dossier's summary, the public facts, editing
//! the checklist — and who is refused.
use crate::support;

use app::domain::reason::Reason;
use std::collections::BTreeMap;

use sea_orm::EntityTrait;

use app::domain::label::{MarkCheck, Problem, Status};
use app::models::traceability::labels::ChecklistRowInput;
use app::services::ServiceError;
use app::services::certificates::register::CertificateSettings;
use app::services::files::store::LocalFolder;
use app::services::files::uploads::{Upload, UploadLimits};
use app::services::producers::products;
use app::services::traceability::label_checklist;
use app::services::traceability::labels::{self, LabelInput};
use support::certify;
use support::dossiers::{new_product, people, reason};

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn content(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn denied<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> bool {
    matches!(result, Err(ServiceError::Denied(_)))
}

#[tokio::test]
async fn a_label_is_checked_per_type_and_its_mark_against_the_certificate() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let (today, settings, limits) = (
            day("2026-11-30"),
            CertificateSettings::default(),
            UploadLimits::default(),
        );
        // A fresh-fruit product (group I.1.a): the food items apply, not the liquor ones.
        let fruit = new_product(db, &p.owner, "Na Chi Lăng (nhãn thử)").await;
        let view = labels::for_product(db, &p.owner, fruit.id, today, &settings, &limits)
            .await
            .unwrap();
        let codes: Vec<&str> = view.items.iter().map(|i| i.item.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "name",
                "organisation",
                "origin",
                "net_quantity",
                "manufactured_on",
                "expiry",
                "ingredients",
                "warnings",
                "instructions"
            ],
            "{}",
            t.backend
        );
        assert!(view.may_edit && view.version == 0);
        assert!(
            view.items
                .iter()
                .filter(|i| i.item.required)
                .all(|i| i.status == Status::Missing)
        );

        // Saved with two faults: the save keeps them and the page names them.
        let first = LabelInput {
            content: content(&[
                ("name", "Na Chi Lăng"),
                ("organisation", "HTX Đồng Bành, xã Chi Lăng"),
                (
                    "origin",
                    "Sản xuất tại: xã Chi Lăng, tỉnh Lạng Sơn, Việt Nam",
                ),
                ("net_quantity", "1 kg"),
                ("manufactured_on", "2026-08-15"),
                ("expiry", "7 ngày kể từ ngày thu hoạch"),
                ("ingredients", "Na tươi"),
                ("instructions", "Bảo quản nơi thoáng mát"),
                ("ethanol", "40% vol"),
            ]),
            shows_mark: false,
            shown_stars: String::new(),
            version: 0,
        };
        assert_eq!(
            labels::save(db, &p.owner, fruit.id, first.clone())
                .await
                .unwrap(),
            1
        );
        let view = labels::for_product(db, &p.owner, fruit.id, today, &settings, &limits)
            .await
            .unwrap();
        let status = |code: &str| {
            view.items
                .iter()
                .find(|i| i.item.code == code)
                .unwrap()
                .status
        };
        assert_eq!(
            status("manufactured_on"),
            Status::Malformed(Problem::DateOrder)
        );
        assert_eq!(status("expiry"), Status::Malformed(Problem::DateMissing));
        assert_eq!(status("net_quantity"), Status::Present);
        assert_eq!(status("warnings"), Status::NotGiven);
        assert_eq!(view.mark, MarkCheck::NotShown);
        // An item that does not apply to the type is not kept.
        assert!(view.items.iter().all(|i| i.item.code != "ethanol"));
        // The form loaded before that save is refused, and nothing is lost.
        assert!(matches!(
            labels::save(db, &p.owner, fruit.id, first.clone()).await,
            Err(ServiceError::Conflict(Reason::ChangedMeanwhile))
        ));
        // The mark ticked without stars, or with six.
        let mut marked = LabelInput {
            shows_mark: true,
            version: 1,
            ..first.clone()
        };
        assert_eq!(
            reason(labels::save(db, &p.owner, fruit.id, marked.clone()).await),
            ("shown_stars", "required")
        );
        marked.shown_stars = "6".into();
        assert_eq!(
            reason(labels::save(db, &p.owner, fruit.id, marked.clone()).await),
            ("shown_stars", "stars_range")
        );

        // The mark with no certificate, then with a valid 3★ one, 4★ on the label, an expired
        // one, and a revoked one.
        marked.shown_stars = "3".into();
        assert_eq!(
            labels::save(db, &p.owner, fruit.id, marked.clone())
                .await
                .unwrap(),
            2
        );
        let mark = |view: app::models::traceability::labels::ProductLabelView| view.mark;
        let load = || labels::for_product(db, &p.owner, fruit.id, today, &settings, &limits);
        assert_eq!(mark(load().await.unwrap()), MarkCheck::NoCertificate);
        certify(db, fruit.id, 3, "2023-12-15").await;
        assert_eq!(mark(load().await.unwrap()), MarkCheck::Allowed);
        let after_expiry = labels::for_product(
            db,
            &p.owner,
            fruit.id,
            day("2026-12-15"),
            &settings,
            &limits,
        )
        .await
        .unwrap();
        assert_eq!(after_expiry.mark, MarkCheck::Expired, "{}", t.backend);
        marked.shown_stars = "4".into();
        marked.version = 2;
        labels::save(db, &p.owner, fruit.id, marked.clone())
            .await
            .unwrap();
        assert_eq!(
            mark(load().await.unwrap()),
            MarkCheck::StarsDiffer {
                label: Some(4),
                certificate: 3
            }
        );

        // The commune and the province read the same result; the dossier summary names the
        // faults; others are refused.
        let commune_view = labels::for_product(db, &p.commune, fruit.id, today, &settings, &limits)
            .await
            .unwrap();
        assert!(!commune_view.may_edit);
        assert_eq!(commune_view.items, load().await.unwrap().items);
        labels::for_product(db, &p.province, fruit.id, today, &settings, &limits)
            .await
            .unwrap();
        for other in [&p.other_commune, &p.other_producer, &p.council] {
            assert!(denied(
                labels::for_product(db, other, fruit.id, today, &settings, &limits).await
            ));
        }
        let anonymous = app::auth::Actor::Anonymous;
        assert!(denied(
            labels::for_product(db, &anonymous, fruit.id, today, &settings, &limits).await
        ));
        for not_owner in [&p.commune, &p.province, &p.other_producer, &p.admin] {
            assert!(denied(
                labels::save(db, not_owner, fruit.id, marked.clone()).await
            ));
        }
        let summary = labels::summary(db, fruit.id, today, &settings)
            .await
            .unwrap();
        assert!(summary.entered);
        assert!(summary.missing.is_empty());
        let malformed: Vec<&str> = summary
            .malformed
            .iter()
            .map(|(vi, _)| vi.as_str())
            .collect();
        assert_eq!(malformed, ["Ngày sản xuất", "Hạn sử dụng"]);
        assert!(summary.mark.is_warning());

        // The public page shows what the label says, in checklist order.
        let product = app::entities::product::Entity::find_by_id(fruit.id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let facts = labels::public_facts(db, &product).await.unwrap();
        assert_eq!(facts.first().map(|f| f.2.as_str()), Some("Na Chi Lăng"));
        assert!(facts.iter().all(|f| f.0 != "Hàm lượng etanol (độ cồn)"));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn liquor_labels_need_the_ethanol_content_and_revoked_certificates_are_flagged() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let Some(subject) = (match &p.owner {
            app::auth::Actor::User { subject_id, .. } => *subject_id,
            _ => None,
        }) else {
            panic!("a producer")
        };
        let input = app::models::producers::products::ProductInput {
            name: "Rượu men lá (nhãn thử)".into(),
            group_code: "II.1".into(),
            ..Default::default()
        };
        let id = products::save_product(db, &p.owner, subject, input, None)
            .await
            .unwrap();
        let (today, settings, limits) = (
            day("2026-11-30"),
            CertificateSettings::default(),
            UploadLimits::default(),
        );
        let view = labels::for_product(db, &p.owner, id, today, &settings, &limits)
            .await
            .unwrap();
        let ethanol = view
            .items
            .iter()
            .find(|i| i.item.code == "ethanol")
            .unwrap();
        assert_eq!(ethanol.status, Status::Missing, "{}", t.backend);
        assert!(
            view.items
                .iter()
                .any(|i| i.item.code == "lot_code" && !i.item.required)
        );

        certify(db, id, 4, "2025-06-01").await;
        let save = LabelInput {
            content: content(&[("ethanol", "29 độ")]),
            shows_mark: true,
            shown_stars: "4".into(),
            version: 0,
        };
        labels::save(db, &p.owner, id, save).await.unwrap();
        let view = labels::for_product(db, &p.owner, id, today, &settings, &limits)
            .await
            .unwrap();
        let ethanol = view
            .items
            .iter()
            .find(|i| i.item.code == "ethanol")
            .unwrap();
        assert_eq!(ethanol.status, Status::Malformed(Problem::EthanolPercent));
        assert_eq!(view.mark, MarkCheck::Allowed);
        let number = view.certificate.unwrap().number;
        app::services::certificates::register::revoke(
            db,
            &p.province,
            &number,
            "Vi phạm an toàn thực phẩm",
            "9/QĐ-UBND",
            "2026-11-01",
        )
        .await
        .unwrap();
        let view = labels::for_product(db, &p.owner, id, today, &settings, &limits)
            .await
            .unwrap();
        assert_eq!(view.mark, MarkCheck::Revoked, "{}", t.backend);
        // The producer is told at once to take the mark off.
        let told = app::services::notifications::list(db, &p.owner)
            .await
            .unwrap();
        assert!(
            told.iter()
                .any(|n| n.kind == "certificate.revoked" && n.about.contains(&number)),
            "{told:?}"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn artwork_versions_are_kept_and_only_the_subject_and_its_officials_download_them() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let files = LocalFolder::new(
            std::env::temp_dir().join(format!("ocop-label-test-{}", std::process::id())),
        );
        let limits = UploadLimits::default();
        let product = new_product(db, &p.owner, "Hồng không hạt (nhãn thử)").await;
        let upload = |seed: i32| Upload {
            name: format!("nhan-{seed}.png"),
            bytes: app::seed::dossiers::demo_png(seed),
        };
        let v1 = labels::add_artwork(db, &files, &limits, &p.owner, product.id, upload(1))
            .await
            .unwrap();
        let v2 = labels::add_artwork(db, &files, &limits, &p.owner, product.id, upload(2))
            .await
            .unwrap();
        assert_eq!((v1, v2), (1, 2), "{}", t.backend);
        let not_a_label = Upload {
            name: "x.txt".into(),
            bytes: b"hello".to_vec(),
        };
        assert_eq!(
            reason(
                labels::add_artwork(db, &files, &limits, &p.owner, product.id, not_a_label).await
            ),
            ("file", "file_type")
        );
        assert!(denied(
            labels::add_artwork(
                db,
                &files,
                &limits,
                &p.other_producer,
                product.id,
                upload(3)
            )
            .await
        ));
        assert!(denied(
            labels::add_artwork(db, &files, &limits, &p.commune, product.id, upload(3)).await
        ));
        let view = labels::for_product(
            db,
            &p.commune,
            product.id,
            day("2026-11-30"),
            &CertificateSettings::default(),
            &limits,
        )
        .await
        .unwrap();
        let versions: Vec<i32> = view.artworks.iter().map(|a| a.version_no).collect();
        assert_eq!(versions, [2, 1]);
        let file_id = view.artworks[0].file_id;
        for (who, may) in [
            (&p.owner, true),
            (&p.commune, true),
            (&p.province, true),
            (&p.other_commune, false),
            (&p.other_producer, false),
            (&p.council, false),
            (&app::auth::Actor::Anonymous, false),
        ] {
            let got =
                app::services::downloads::download(db, &files, who, file_id, false, None).await;
            assert_eq!(got.is_ok(), may, "{who:?}");
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_province_edits_the_checklist_and_a_new_item_applies_at_once() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let rows = label_checklist::rows(db, &p.province).await.unwrap();
        assert_eq!(rows.len(), 13, "{}", t.backend);
        for who in [
            &p.owner,
            &p.commune,
            &p.council,
            &app::auth::Actor::Anonymous,
        ] {
            assert!(denied(label_checklist::rows(db, who).await));
        }
        let new_item = ChecklistRowInput {
            code: "gi_code".into(),
            name_vi: "Mã số chỉ dẫn địa lý".into(),
            name_en: "Geographical indication".into(),
            groups: " I.1  ".into(),
            required: true,
            check: "text".into(),
            sort: "20".into(),
            basis: "Thử".into(),
            active: true,
        };
        assert!(denied(
            label_checklist::save_row(db, &p.commune, None, new_item.clone()).await
        ));
        let id = label_checklist::save_row(db, &p.admin, None, new_item.clone())
            .await
            .unwrap();
        assert_eq!(
            reason(label_checklist::save_row(db, &p.province, None, new_item.clone()).await),
            ("code", "code_taken")
        );
        let bad = ChecklistRowInput {
            code: "Mã lạ".into(),
            ..new_item.clone()
        };
        assert_eq!(
            reason(label_checklist::save_row(db, &p.province, None, bad).await),
            ("code", "item_code")
        );
        let bad = ChecklistRowInput {
            groups: "I; II".into(),
            ..new_item.clone()
        };
        assert_eq!(
            reason(label_checklist::save_row(db, &p.province, Some(id), bad).await),
            ("groups", "group_codes")
        );
        let fruit = new_product(db, &p.owner, "Quýt vàng (nhãn thử)").await;
        let (today, settings, limits) = (
            day("2026-11-30"),
            CertificateSettings::default(),
            UploadLimits::default(),
        );
        let applies = |view: &app::models::traceability::labels::ProductLabelView| {
            view.items.iter().any(|i| i.item.code == "gi_code")
        };
        let view = labels::for_product(db, &p.owner, fruit.id, today, &settings, &limits)
            .await
            .unwrap();
        assert!(applies(&view));
        // Retired: it no longer applies.
        let retired = ChecklistRowInput {
            active: false,
            ..new_item
        };
        label_checklist::save_row(db, &p.province, Some(id), retired)
            .await
            .unwrap();
        let view = labels::for_product(db, &p.owner, fruit.id, today, &settings, &limits)
            .await
            .unwrap();
        assert!(!applies(&view));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn only_the_standard_and_test_reports_the_producer_chooses_become_public() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let files = LocalFolder::new(
            std::env::temp_dir().join(format!("ocop-public-doc-test-{}", std::process::id())),
        );
        let limits = UploadLimits::default();
        let product = new_product(db, &p.owner, "Miến dong (giấy tờ thử)").await;
        let dossier = app::seed::dossiers::walk_to(
            db,
            &files,
            &product,
            [&p.owner, &p.commune, &p.province],
            app::domain::dossier::DossierState::Draft,
        )
        .await
        .unwrap();
        let report = Upload {
            name: "kiem-nghiem.pdf".into(),
            bytes: app::seed::dossiers::demo_pdf("Miến dong", "Test report"),
        };
        app::services::dossiers::documents::attach(
            db,
            &files,
            &limits,
            &p.owner,
            (dossier, "test_report"),
            report,
            None,
        )
        .await
        .unwrap();
        let choices =
            app::services::traceability::public_documents::choices(db, &p.owner, product.id)
                .await
                .unwrap();
        assert_eq!(choices.len(), 1, "{}", t.backend);
        let report = choices[0].clone();
        assert!(!report.public && report.item_code == "test_report");
        let anonymous = app::auth::Actor::Anonymous;
        let download = |who: app::auth::Actor, id: i32| {
            let files = files.clone();
            async move { app::services::downloads::download(db, &files, &who, id, false, None).await }
        };
        assert!(download(anonymous.clone(), report.file_id).await.is_err());
        for who in [&p.other_producer, &p.commune, &p.province, &anonymous] {
            assert!(denied(
                app::services::traceability::public_documents::set_public(
                    db,
                    who,
                    product.id,
                    report.file_id,
                    true
                )
                .await
            ));
        }
        // The registration form of the same dossier can never be published.
        let form_file = {
            use sea_orm::{ColumnTrait, QueryFilter};
            app::entities::dossier_document::Entity::find()
                .filter(app::entities::dossier_document::Column::DossierId.eq(dossier))
                .filter(app::entities::dossier_document::Column::ItemCode.eq("registration_form"))
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .file_id
        };
        assert!(matches!(
            app::services::traceability::public_documents::set_public(
                db, &p.owner, product.id, form_file, true
            )
            .await,
            Err(ServiceError::NotFound)
        ));
        app::services::traceability::public_documents::set_public(
            db,
            &p.owner,
            product.id,
            report.file_id,
            true,
        )
        .await
        .unwrap();
        assert!(download(anonymous.clone(), report.file_id).await.is_ok());
        assert!(download(anonymous.clone(), form_file).await.is_err());
        let page = app::services::traceability::public_product::product(
            db,
            product.id,
            "https://ocop.example",
            day("2026-11-30"),
            &CertificateSettings::default(),
        )
        .await
        .unwrap();
        let shown: Vec<i32> = page.documents.iter().map(|d| d.file_id).collect();
        assert_eq!(shown, [report.file_id]);
        app::services::traceability::public_documents::set_public(
            db,
            &p.owner,
            product.id,
            report.file_id,
            false,
        )
        .await
        .unwrap();
        assert!(download(anonymous.clone(), report.file_id).await.is_err());
        t.cleanup().await;
    }
}
