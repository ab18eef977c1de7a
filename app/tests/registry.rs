//! The officials' registries against real databases: a commune officer lists only their
//! commune's products and subjects whatever they ask, search ignores diacritics, the status
//! filter follows the certificates, the province chooses any commune, the export holds the
//! filtered list, and producers and council members are refused.
use crate::support;

use app::auth::Actor;
use app::models::registry::RegistryFilter;
use app::services::ServiceError;
use app::services::registry::{export_products, products, subjects};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use support::dossiers::actor;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
}

fn filter(commune: &str, query: &str, status: &str) -> RegistryFilter {
    RegistryFilter {
        commune: commune.into(),
        query: query.into(),
        status: status.into(),
        page: 1,
    }
}

#[tokio::test]
async fn a_commune_lists_its_own_and_the_province_any() {
    for t in support::demo::demo_databases().await {
        support::certified::fixture(&t.db).await;
        let (db, b) = (&t.db, t.backend);
        let chi_lang = actor(db, "xa.chilang@demo.vn").await;
        let province = actor(db, "so.nnmt@demo.vn").await;
        // Asking for Tràng Định, Chi Lăng's officer still gets Chi Lăng.
        let own = products(db, &chi_lang, filter("06046", "", ""), today(), 90)
            .await
            .unwrap();
        assert!(own.total > 0, "{b}");
        assert_eq!(own.filter.commune, "06463", "{b}");
        assert!(own.communes.is_empty(), "{b}: no choice of commune");
        let all_chi_lang = app::entities::product::Entity::find()
            .filter(app::entities::product::Column::CommuneCode.eq("06463"))
            .all(db)
            .await
            .unwrap()
            .len();
        assert_eq!(own.total, all_chi_lang, "{b}");
        assert!(own.rows.len() <= 25, "{b}: a page");
        // Diacritics optional; the fixture's honey is certified 4★ in 2026.
        let honey = products(db, &chi_lang, filter("", "mat ong thu", ""), today(), 90)
            .await
            .unwrap();
        assert_eq!(honey.total, 1, "{b}");
        assert_eq!(
            (honey.rows[0].stars, honey.rows[0].status.as_str()),
            (Some(4), "valid"),
            "{b}"
        );
        let lapsed = products(db, &chi_lang, filter("", "cu thu", "lapsed"), today(), 90)
            .await
            .unwrap();
        assert_eq!(
            lapsed.total, 1,
            "{b}: the certificate of February 2023 has expired"
        );
        let none = products(
            db,
            &chi_lang,
            filter("", "cu thu", "certified"),
            today(),
            90,
        )
        .await
        .unwrap();
        assert_eq!(none.total, 0, "{b}");
        // The province: every commune, or the one chosen.
        let everywhere = products(db, &province, filter("", "", ""), today(), 90)
            .await
            .unwrap();
        assert!(
            everywhere.total > own.total && !everywhere.communes.is_empty(),
            "{b}"
        );
        let chosen = products(db, &province, filter("06463", "", ""), today(), 90)
            .await
            .unwrap();
        assert_eq!(chosen.total, own.total, "{b}");
        // Subjects: Đồng Bành has its members' accounts and its products counted.
        let s = subjects(db, &chi_lang, filter("", "dong banh", ""), today())
            .await
            .unwrap();
        assert_eq!(s.total, 1, "{b}");
        assert!(
            s.rows[0].members >= 1 && s.rows[0].products >= 1,
            "{b}: {:?}",
            s.rows[0]
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_export_holds_the_filtered_list_and_others_are_refused() {
    for t in support::demo::demo_databases().await {
        let (db, b) = (&t.db, t.backend);
        let chi_lang = actor(db, "xa.chilang@demo.vn").await;
        let page = products(db, &chi_lang, filter("", "", ""), today(), 90)
            .await
            .unwrap();
        let (name, bytes) = export_products(db, &chi_lang, &filter("", "", ""), today(), 90)
            .await
            .unwrap();
        assert!(name.starts_with("san-pham-ocop-06463"), "{b}: {name}");
        let sheets = app::services::imports::workbook::read(&bytes).unwrap();
        assert_eq!(
            sheets[0].rows.len(),
            page.total + 1,
            "{b}: a header and every row, not a page"
        );
        assert_eq!(sheets[0].rows[0].1[0].text(), "Tên sản phẩm", "{b}");
        for email in ["dongbanh@demo.vn", "hoidong@demo.vn", "tuvan@demo.vn"] {
            let who = actor(db, email).await;
            assert!(
                matches!(
                    products(db, &who, filter("", "", ""), today(), 90).await,
                    Err(ServiceError::Denied(_))
                ),
                "{b}: {email}"
            );
            assert!(
                matches!(
                    subjects(db, &who, filter("", "", ""), today()).await,
                    Err(ServiceError::Denied(_))
                ),
                "{b}: {email}"
            );
            assert!(
                matches!(
                    export_products(db, &who, &filter("06463", "", ""), today(), 90).await,
                    Err(ServiceError::Denied(_))
                ),
                "{b}: {email}"
            );
        }
        assert!(
            matches!(
                products(db, &Actor::Anonymous, filter("", "", ""), today(), 90).await,
                Err(ServiceError::Denied(_))
            ),
            "{b}"
        );
        t.cleanup().await;
    }
}
