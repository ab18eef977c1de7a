//! Product information completeness (issue 24) against real databases: a new product's gaps,
//! each closed by the page that fixes it (form, photo, label), information that goes stale
//! after a year, the profile's gaps — and that only the producer reads their own list.
use crate::support;

use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use std::collections::BTreeMap;

use app::entities::{product, subject};
use app::models::producers::products::ProductInput;
use app::services::ServiceError;
use app::services::files::uploads::{Upload, UploadLimits};
use app::services::producers::completeness::{mine, of_subjects};
use app::services::producers::{product_photos, products};
use app::services::traceability::labels::{self, LabelInput};
use support::dossiers::{new_product, people};

fn gaps_of(view: &app::models::producers::completeness::CompletenessView, id: i32) -> Vec<String> {
    view.products
        .iter()
        .find(|p| p.id == id)
        .map(|p| p.gaps.iter().map(|g| g.key.clone()).collect())
        .unwrap_or_default()
}

fn good_label(version: i32) -> LabelInput {
    let content: BTreeMap<String, String> = [
        ("name", "Na Chi Lăng"),
        ("organisation", "HTX Đồng Bành, xã Chi Lăng"),
        (
            "origin",
            "Sản xuất tại: xã Chi Lăng, tỉnh Lạng Sơn, Việt Nam",
        ),
        ("net_quantity", "1 kg"),
        ("manufactured_on", "15/08/2026"),
        ("expiry", "22/08/2026"),
        ("ingredients", "Na tươi"),
        ("instructions", "Bảo quản nơi thoáng mát"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    LabelInput {
        content,
        shows_mark: false,
        shown_stars: String::new(),
        version,
    }
}

#[tokio::test]
async fn a_products_gaps_close_one_by_one_and_come_back_after_a_year() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let today = app::services::today_in_vietnam();
        let fresh = new_product(db, &p.owner, "Na thông tin thiếu").await;
        let view = mine(db, &p.owner, today).await.unwrap();
        assert_eq!(
            gaps_of(&view, fresh.id),
            ["no_description", "no_photo", "no_gtin", "no_label"],
            "{b}"
        );
        let gap = &view
            .products
            .iter()
            .find(|x| x.id == fresh.id)
            .unwrap()
            .gaps[1];
        assert_eq!(gap.href, format!("/producer/products/{}#photos", fresh.id));
        assert!(!view.complete());

        // The form: a description and a GTIN.
        let subject_id = fresh.subject_id;
        let body = "893600000123";
        let gtin = format!("{body}{}", app::domain::gtin::check_digit(body));
        let input = ProductInput {
            product_id: fresh.id,
            version: fresh.version,
            name: fresh.name.clone(),
            group_code: "I.1.a".into(),
            description: "Na dai, ngọt đậm.".into(),
            gtin,
            ..Default::default()
        };
        products::save_product(db, &p.owner, subject_id, input, None)
            .await
            .unwrap();
        // A photo, then a label with a fault, then a good one.
        let store = app::services::files::store::LocalFolder::new(
            std::env::temp_dir().join(format!("ocop-gaps-{}-{b}", std::process::id())),
        );
        let png = Upload {
            name: "na.png".into(),
            bytes: app::seed::dossiers::demo_png(4),
        };
        product_photos::add_photo(
            db,
            &store,
            &UploadLimits::default(),
            &p.owner,
            fresh.id,
            png,
            None,
        )
        .await
        .unwrap();
        let mut faulty = good_label(0);
        faulty.content.remove("origin");
        labels::save(db, &p.owner, fresh.id, faulty).await.unwrap();
        let view = mine(db, &p.owner, today).await.unwrap();
        assert_eq!(gaps_of(&view, fresh.id), ["label_faults"], "{b}");
        labels::save(db, &p.owner, fresh.id, good_label(1))
            .await
            .unwrap();
        let view = mine(db, &p.owner, today).await.unwrap();
        assert!(gaps_of(&view, fresh.id).is_empty(), "{b}: {view:?}");

        // A year and a day without a change (nor of its label) makes it stale; the bulk
        // count used by the adoption figures agrees with the producer's list.
        let old = chrono::Utc::now() - chrono::Duration::days(400);
        let mut row: product::ActiveModel = product::Entity::find_by_id(fresh.id)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .into();
        row.created_at = Set(old);
        row.updated_at = Set(Some(old));
        row.update(db).await.unwrap();
        let mut label: app::entities::product_label::ActiveModel =
            app::entities::product_label::Entity::find_by_id(fresh.id)
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .into();
        label.updated_at = Set(old);
        label.update(db).await.unwrap();
        let view = mine(db, &p.owner, today).await.unwrap();
        assert_eq!(gaps_of(&view, fresh.id), ["stale"], "{b}");
        let bulk = of_subjects(db, None, today).await.unwrap();
        let listed = bulk[&subject_id]
            .products
            .iter()
            .find(|(id, _, _)| *id == fresh.id)
            .unwrap();
        assert_eq!(
            listed.2,
            [app::domain::completeness::ProductGap::Stale],
            "{b}"
        );

        // The profile's gaps, with the field that fixes each.
        let mut s: subject::ActiveModel = subject::Entity::find_by_id(subject_id)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .into();
        s.introduction = Set(None);
        s.address = Set(Some("  ".into()));
        s.update(db).await.unwrap();
        let view = mine(db, &p.owner, today).await.unwrap();
        let keys: Vec<(&str, &str)> = view
            .subject
            .iter()
            .map(|g| (g.key.as_str(), g.href.as_str()))
            .collect();
        assert!(
            keys.contains(&("no_address", "/producer/subject#address")),
            "{b}: {keys:?}"
        );
        assert!(
            keys.contains(&("no_introduction", "/producer/subject#introduction")),
            "{b}"
        );
        assert!(!bulk[&subject_id].complete());

        // Only a producer reads their own list.
        for who in [&p.commune, &p.province, &p.council, &p.admin] {
            assert!(
                matches!(mine(db, who, today).await, Err(ServiceError::Denied(_))),
                "{b}"
            );
        }
        assert!(matches!(
            mine(db, &app::auth::Actor::Anonymous, today).await,
            Err(ServiceError::Denied(_))
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_tourism_service_needs_no_label() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let today = app::services::today_in_vietnam();
        let fresh = new_product(db, &p.owner, "Điểm du lịch cộng đồng Hữu Liên").await;
        let body = "893600000777";
        let input = ProductInput {
            product_id: fresh.id,
            version: fresh.version,
            name: fresh.name.clone(),
            group_code: "VI".into(),
            description: "Nhà sàn, suối, rừng nguyên sinh.".into(),
            gtin: format!("{body}{}", app::domain::gtin::check_digit(body)),
            ..Default::default()
        };
        products::save_product(db, &p.owner, fresh.subject_id, input, None)
            .await
            .unwrap();
        // No label item applies to the group: a label is not asked for (it was before).
        let view = mine(db, &p.owner, today).await.unwrap();
        assert_eq!(gaps_of(&view, fresh.id), ["no_photo"], "{b}");
        t.cleanup().await;
    }
}
