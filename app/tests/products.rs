//! The product registry kept by a subject's members.
use crate::support;

use app::domain::reason::Reason;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::auth::Actor;
use app::auth::current::to_actor;
use app::entities::user_account;
use app::models::producers::products::ProductInput;
use app::services::ServiceError;
use app::services::producers::products::{list_for_subject, product_detail, save_product};

async fn account(db: &sea_orm::DatabaseConnection, email: &str) -> user_account::Model {
    user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

fn form(name: &str) -> ProductInput {
    ProductInput {
        name: name.into(),
        group_code: "I.3".into(),
        net_quantity: "500 g".into(),
        price_min: "45.000".into(),
        price_max: "60.000".into(),
        story: "Củ dong riềng trồng trên đồi.\n\nLàm thủ công.".into(),
        gtin: "8934588012228".into(),
        ..Default::default()
    }
}

fn field(result: Result<i32, ServiceError>) -> (&'static str, &'static str) {
    match result {
        Err(ServiceError::Invalid { field, reason }) => (field, reason.code()),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[tokio::test]
async fn members_create_and_edit_products_and_stale_saves_are_refused() {
    for t in support::demo::demo_databases().await {
        let member = account(&t.db, "dongbanh@demo.vn").await;
        let actor = to_actor(&member);
        let subject = member.subject_id.unwrap();
        let before = list_for_subject(&t.db, &actor, subject)
            .await
            .unwrap()
            .len();
        let id = save_product(&t.db, &actor, subject, form("Miến dong thử"), None)
            .await
            .unwrap();
        let rows = list_for_subject(&t.db, &actor, subject).await.unwrap();
        assert_eq!(rows.len(), before + 1, "{}", t.backend);
        let loaded = product_detail(&t.db, &actor, id).await.unwrap();
        assert_eq!(loaded.price_min, Some(45_000));
        assert_eq!(loaded.group_code, "I.3");
        assert!(loaded.may_edit);

        let mut edit = form("Miến dong Đồng Bành");
        edit.product_id = id;
        edit.version = loaded.version;
        save_product(&t.db, &actor, subject, edit.clone(), None)
            .await
            .unwrap();
        assert!(matches!(
            save_product(&t.db, &actor, subject, edit.clone(), None).await,
            Err(ServiceError::Conflict(Reason::ChangedMeanwhile))
        ));
        let public = product_detail(&t.db, &Actor::Anonymous, id).await.unwrap();
        assert_eq!(public.name, "Miến dong Đồng Bành");
        assert!(!public.may_edit);

        let mut bad = form("Sai mã");
        bad.gtin = "8934588012227".into();
        assert_eq!(
            field(save_product(&t.db, &actor, subject, bad, None).await),
            ("gtin", "gtin_check_digit")
        );
        assert_eq!(
            field(save_product(&t.db, &actor, subject, form("Trùng mã"), None).await),
            ("gtin", "gtin_taken")
        );
        let mut unknown = form("Nhóm lạ");
        unknown.gtin = String::new();
        unknown.group_code = "IX.9".into();
        assert_eq!(
            field(save_product(&t.db, &actor, subject, unknown, None).await),
            ("group_code", "unknown_group")
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn nobody_else_keeps_a_subjects_products() {
    for t in support::demo::demo_databases().await {
        let member = account(&t.db, "dongbanh@demo.vn").await;
        let subject = member.subject_id.unwrap();
        let id = save_product(
            &t.db,
            &to_actor(&member),
            subject,
            form("Của Đồng Bành"),
            None,
        )
        .await
        .unwrap();
        for email in ["thachden@demo.vn", "xa.chilang@demo.vn", "so.nnmt@demo.vn"] {
            let who = to_actor(&account(&t.db, email).await);
            assert!(
                matches!(
                    list_for_subject(&t.db, &who, subject).await,
                    Err(ServiceError::Denied(_))
                ),
                "{email}"
            );
            let mut edit = form("Bị sửa trộm");
            edit.product_id = id;
            assert!(
                matches!(
                    save_product(&t.db, &who, subject, edit, None).await,
                    Err(ServiceError::Denied(_))
                ),
                "{email}"
            );
        }
        // A member of another subject cannot slip a product id of this one into their own save.
        let other = account(&t.db, "thachden@demo.vn").await;
        let mut sneaky = form("Lấy trộm");
        sneaky.product_id = id;
        sneaky.gtin = String::new();
        assert!(matches!(
            save_product(
                &t.db,
                &to_actor(&other),
                other.subject_id.unwrap(),
                sneaky,
                None
            )
            .await,
            Err(ServiceError::NotFound)
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn members_keep_photos_with_one_cover_and_others_may_not() {
    use app::services::files::uploads::{Upload, UploadLimits};
    use app::services::producers::product_photos::{add_photo, remove_photo, set_cover};
    for t in support::demo::demo_databases().await {
        let member = to_actor(&account(&t.db, "dongbanh@demo.vn").await);
        let stranger = to_actor(&account(&t.db, "thachden@demo.vn").await);
        let store = app::services::files::store::LocalFolder::new(
            std::env::temp_dir().join(format!("ocop-photos-{}-{}", std::process::id(), t.backend)),
        );
        let limits = UploadLimits::default();
        let subject = account(&t.db, "dongbanh@demo.vn").await.subject_id.unwrap();
        let product = save_product(&t.db, &member, subject, form("Na có ảnh"), None)
            .await
            .unwrap();
        let png = |seed| Upload {
            name: "na.png".into(),
            bytes: app::seed::dossiers::demo_png(seed),
        };
        let first = add_photo(&t.db, &store, &limits, &member, product, png(1), None)
            .await
            .unwrap();
        let second = add_photo(&t.db, &store, &limits, &member, product, png(2), None)
            .await
            .unwrap();
        let pdf = Upload {
            name: "na.png".into(),
            bytes: app::seed::dossiers::demo_pdf("na", "photo"),
        };
        assert!(matches!(
            add_photo(&t.db, &store, &limits, &member, product, pdf, None).await,
            Err(ServiceError::Invalid {
                field: "file",
                reason: Reason::FileType
            })
        ));
        assert!(matches!(
            add_photo(&t.db, &store, &limits, &stranger, product, png(3), None).await,
            Err(ServiceError::Denied(_))
        ));
        assert!(matches!(
            set_cover(&t.db, &stranger, second, None).await,
            Err(ServiceError::Denied(_))
        ));
        let cover = |photos: Vec<app::models::producers::products::ProductPhotoView>| {
            photos.into_iter().find(|p| p.is_cover).map(|p| p.photo_id)
        };
        let photos = product_detail(&t.db, &Actor::Anonymous, product)
            .await
            .unwrap()
            .photos;
        assert_eq!(
            cover(photos),
            Some(first),
            "the first photo is the cover; photos are public"
        );
        set_cover(&t.db, &member, second, None).await.unwrap();
        remove_photo(&t.db, &member, second, None).await.unwrap();
        let photos = product_detail(&t.db, &member, product)
            .await
            .unwrap()
            .photos;
        assert_eq!(
            (photos.len(), cover(photos)),
            (1, Some(first)),
            "{}",
            t.backend
        );
        t.cleanup().await;
    }
}

/// Two uploads at once when one photo is left: one is refused (the count is checked again
/// with the product locked, after the slow image work).
#[tokio::test]
async fn two_photos_at_once_never_pass_the_limit() {
    use app::services::files::uploads::{Upload, UploadLimits};
    use app::services::producers::product_photos::add_photo;
    for t in support::demo::demo_databases().await {
        let member = to_actor(&account(&t.db, "dongbanh@demo.vn").await);
        let store = app::services::files::store::LocalFolder::new(std::env::temp_dir().join(
            format!("ocop-photo-race-{}-{}", std::process::id(), t.backend),
        ));
        let limits = UploadLimits {
            max_files_per_item: 2,
            ..UploadLimits::default()
        };
        let subject = account(&t.db, "dongbanh@demo.vn").await.subject_id.unwrap();
        let product = save_product(&t.db, &member, subject, form("Na hai ảnh"), None)
            .await
            .unwrap();
        let png = |seed| Upload {
            name: "na.png".into(),
            bytes: app::seed::dossiers::demo_png(seed),
        };
        add_photo(&t.db, &store, &limits, &member, product, png(1), None)
            .await
            .unwrap();
        let (a, b) = tokio::join!(
            add_photo(&t.db, &store, &limits, &member, product, png(2), None),
            add_photo(&t.db, &store, &limits, &member, product, png(3), None),
        );
        let refused = [&a, &b]
            .iter()
            .filter(|r| {
                matches!(
                    r,
                    Err(ServiceError::Invalid {
                        field: "file",
                        reason: Reason::TooManyFiles
                    })
                )
            })
            .count();
        assert_eq!(
            (refused, a.is_ok() || b.is_ok()),
            (1, true),
            "{}: {a:?} {b:?}",
            t.backend
        );
        let photos = product_detail(&t.db, &member, product)
            .await
            .unwrap()
            .photos;
        assert_eq!(photos.len(), 2, "{}", t.backend);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_product_page_is_public_with_its_certificate_its_digital_link_and_codes() {
    use app::entities::certificate;
    use app::services::traceability::public_product::product;
    use app::services::traceability::resolver::by_gtin14;
    for t in support::demo::demo_databases().await {
        let db = &t.db;
        let store = support::dossiers::files();
        app::seed::dossiers::seed_dossiers(db, &store)
            .await
            .unwrap();
        app::seed::rounds::seed_rounds(db, &support::dossiers::files())
            .await
            .unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let settings = app::services::certificates::register::CertificateSettings::default();
        let base = "https://ocop.example";
        let valid = certificate::Entity::find()
            .filter(certificate::Column::RevokedOn.is_null())
            .filter(certificate::Column::SupersededBy.is_null())
            .filter(certificate::Column::ValidUntil.gt(today + chrono::Duration::days(365)))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let page = product(db, valid.product_id, base, today, &settings)
            .await
            .unwrap();
        // One statement, whatever the product holds: each query is a round trip to the
        // database's worker thread, and nine of them made a fresh page four times slower.
        let statements = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut counted = db.clone();
        let counter = statements.clone();
        counted.set_metric_callback(move |_| {
            counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        let again = product(&counted, valid.product_id, base, today, &settings).await;
        assert_eq!(
            (
                statements.load(std::sync::atomic::Ordering::Relaxed),
                again.as_ref().ok()
            ),
            (1, Some(&page)),
            "{}",
            t.backend
        );
        let c = page.certificate.clone().unwrap();
        assert_eq!(
            (c.number.as_str(), c.status.as_str()),
            (valid.number.as_str(), "valid"),
            "{}",
            t.backend
        );
        let gtin = page.gtin.clone().unwrap();
        assert_eq!(
            page.digital_link.as_deref(),
            Some(format!("{base}/01/0{gtin}").as_str())
        );
        assert!(
            page.qr_svg
                .as_deref()
                .is_some_and(|s| s.starts_with("<svg"))
        );
        assert!(
            page.barcode_svg
                .as_deref()
                .is_some_and(|s| s.contains(&gtin))
        );
        let resolved = by_gtin14(db, &format!("0{gtin}")).await.unwrap().unwrap();
        assert_eq!(resolved.product_id, valid.product_id);
        assert_eq!(resolved.certificate.as_deref(), Some(valid.number.as_str()));

        // The revoked certificate's product warns.
        let revoked = certificate::Entity::find()
            .filter(certificate::Column::RevokedOn.is_not_null())
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let page = product(db, revoked.product_id, base, today, &settings)
            .await
            .unwrap();
        assert_eq!(page.certificate.unwrap().status, "revoked");
        assert!(matches!(
            product(db, 999_999, base, today, &settings).await,
            Err(ServiceError::NotFound)
        ));
        assert_eq!(by_gtin14(db, "00000000000000").await.unwrap(), None);
        // Without a GTIN the QR code opens the page's own stable address.
        let owner = support::dossiers::actor(db, "dongbanh@demo.vn").await;
        let plain = support::dossiers::new_product(db, &owner, "Sản phẩm chưa có mã vạch").await;
        let page = product(db, plain.id, base, today, &settings).await.unwrap();
        assert_eq!(page.digital_link, None);
        assert_eq!(page.qr_link, format!("{base}/products/{}", plain.id));
        assert!(page.qr_svg.is_some() && page.barcode_svg.is_none());
        // A subject that is not active shows none of its products.
        use sea_orm::{ActiveModelTrait, ActiveValue::Set};
        let mut subject: app::entities::subject::ActiveModel =
            app::entities::subject::Entity::find_by_id(plain.subject_id)
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .into();
        subject.status = Set(app::domain::status::SubjectStatus::Pending);
        subject.update(db).await.unwrap();
        assert!(matches!(
            product(db, plain.id, base, today, &settings).await,
            Err(ServiceError::NotFound)
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_lapsed_certificate_leaves_its_stars_but_never_as_current() {
    for t in support::demo::demo_databases().await {
        // The demo's certificates come from its rounds, as `server seed-demo` makes them.
        app::seed::dossiers::seed_dossiers(&t.db, &support::dossiers::files())
            .await
            .unwrap();
        app::seed::rounds::seed_rounds(&t.db, &support::dossiers::files())
            .await
            .unwrap();
        let today = app::services::today_in_vietnam();
        let listed: std::collections::HashSet<i32> = app::entities::product::Entity::find()
            .filter(app::entities::product::Column::ListedUntil.gte(today))
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        // The demo producers' own lists, and that of a subject whose certificate lapsed
        // without a successor.
        use app::entities::certificate;
        let lapsed_subject = certificate::Entity::find()
            .filter(certificate::Column::ValidUntil.lt(today))
            .filter(certificate::Column::RevokedOn.is_null())
            .filter(certificate::Column::SupersededBy.is_null())
            .one(&t.db)
            .await
            .unwrap()
            .expect("the demo has a lapsed certificate")
            .subject_id;
        // Seen as that subject's producer.
        let holder = Actor::User {
            user_id: 0,
            role: app::auth::Role::Producer,
            commune_code: None,
            subject_id: Some(lapsed_subject),
        };
        let mut viewers = vec![(holder, lapsed_subject)];
        for email in ["dongbanh@demo.vn", "thachden@demo.vn", "huulung@demo.vn"] {
            let producer = account(&t.db, email).await;
            viewers.push((to_actor(&producer), producer.subject_id.unwrap()));
        }
        let mut lapsed = 0;
        for (viewer, subject) in viewers {
            let rows = list_for_subject(&t.db, &viewer, subject).await.unwrap();
            for row in rows {
                assert_eq!(
                    row.stars_valid,
                    listed.contains(&row.id),
                    "{}: {}",
                    t.backend,
                    row.name
                );
                if row.stars.is_some() && !row.stars_valid {
                    lapsed += 1;
                }
            }
        }
        assert!(
            lapsed > 0,
            "{}: a demo subject holds a lapsed certificate",
            t.backend
        );
        t.cleanup().await;
    }
}
