//! The open data API's services on real databases: which products are published and how they
//! are flagged, every filter, pages that neither repeat nor skip a product while data changes,
//! `changed_since` finding exactly what changed (kept by the database's triggers), and refused
//! parameters named.
use crate::support;

use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait};

use app::services::ServiceError;
use app::services::open_data::{ListQuery, certificates, directory, products};
use support::certify;
use support::dossiers::{new_product, people};

const BASE: &str = "https://ocop.test";

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn query(pairs: &[(&str, &str)]) -> ListQuery {
    let text: String = pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    serde_json::from_value(serde_json::Value::Object(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String((*v).to_owned())))
            .collect(),
    ))
    .unwrap_or_else(|e| panic!("{text}: {e}"))
}

async fn names(db: &DatabaseConnection, pairs: &[(&str, &str)]) -> Vec<String> {
    let page = products::list(db, BASE, &query(pairs), today())
        .await
        .unwrap();
    page.data.into_iter().map(|p| p.name).collect()
}

#[tokio::test]
async fn certified_products_are_published_flagged_and_filtered() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let honey = new_product(db, &p.owner, "Mật ong API").await;
        let old = new_product(db, &p.owner, "Miến dong API").await;
        let tea = new_product(db, &p.owner, "Trà API").await;
        let never = new_product(db, &p.owner, "Chưa chứng nhận API").await;
        certify(db, honey.id, 4, "2025-06-01").await;
        certify(db, old.id, 3, "2022-01-10").await; // expired on 9 Jan 2025
        certify(db, tea.id, 3, "2024-03-01").await;

        let all = products::list(db, BASE, &ListQuery::default(), today())
            .await
            .unwrap();
        let ids: Vec<i32> = all.data.iter().map(|p| p.id).collect();
        assert_eq!(
            ids,
            [honey.id, old.id, tea.id],
            "{b}: never certified is not published"
        );
        assert!(!ids.contains(&never.id));
        let first = &all.data[0];
        assert!(first.listed, "{b}");
        let certificate = first.certificate.as_ref().unwrap();
        assert_eq!(
            (certificate.stars, certificate.status.as_str()),
            (4, "valid")
        );
        assert_eq!(
            certificate.url,
            format!("{BASE}/certificates/{}", certificate.number)
        );
        assert_eq!(first.url, format!("{BASE}/products/{}", honey.id));
        assert_eq!(
            first.producer.name,
            "HTX Dịch vụ và Sản xuất nông nghiệp Đồng Bành"
        );
        assert_eq!(first.group.as_ref().unwrap().code, "I.1.a");
        assert!(first.commune.name.is_some(), "{b}");
        let expired = &all.data[1];
        assert!(!expired.listed, "{b}: flagged");
        assert_eq!(expired.certificate.as_ref().unwrap().status, "expired");
        assert_eq!(all.next_cursor, None);

        assert_eq!(names(db, &[("stars", "4")]).await, ["Mật ong API"], "{b}");
        assert_eq!(
            names(db, &[("valid_on", "2026-11-30")]).await,
            ["Mật ong API", "Trà API"]
        );
        assert_eq!(
            names(db, &[("valid_on", "2023-01-01")]).await,
            ["Miến dong API"]
        );
        assert_eq!(
            names(db, &[("group", "I.1")]).await.len(),
            3,
            "{b}: a group holds its subgroups"
        );
        assert!(names(db, &[("group", "II")]).await.is_empty());
        assert_eq!(
            names(db, &[("commune", &honey.commune_code)]).await.len(),
            3
        );
        assert!(names(db, &[("commune", "00000")]).await.is_empty());

        // A revoked certificate: still published, flagged.
        let mut revoked: app::entities::certificate::ActiveModel =
            app::services::certificates::register::current(db, tea.id)
                .await
                .unwrap()
                .unwrap()
                .into();
        revoked.revoked_on = Set(Some(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()));
        revoked.update(db).await.unwrap();
        let tea_now = products::one(db, BASE, tea.id, today()).await.unwrap();
        assert_eq!(tea_now.certificate.unwrap().status, "revoked", "{b}");
        assert!(!tea_now.listed);
        assert_eq!(
            names(db, &[("valid_on", "2026-11-30")]).await,
            ["Mật ong API"]
        );
        assert_eq!(
            names(db, &[("valid_on", "2026-05-31")]).await,
            ["Mật ong API", "Trà API"]
        );
        assert!(matches!(
            products::one(db, BASE, never.id, today()).await,
            Err(ServiceError::NotFound)
        ));

        // Certificates, producers, groups, units.
        let revoked_page = certificates::list(db, BASE, &query(&[("status", "revoked")]), today())
            .await
            .unwrap();
        assert_eq!(revoked_page.data.len(), 1, "{b}");
        assert_eq!(revoked_page.data[0].product_id, tea.id);
        let of_honey = certificates::list(
            db,
            BASE,
            &query(&[("product_id", &honey.id.to_string())]),
            today(),
        )
        .await
        .unwrap();
        assert_eq!(of_honey.data.len(), 1);
        let number = of_honey.data[0].number.clone();
        assert_eq!(
            certificates::one(db, BASE, &number, today())
                .await
                .unwrap()
                .product_id,
            honey.id
        );
        let producers = directory::producers(db, &ListQuery::default())
            .await
            .unwrap();
        assert_eq!(
            producers.data.len(),
            1,
            "{b}: only producers with certificates"
        );
        assert!(
            directory::groups(db)
                .await
                .unwrap()
                .data
                .iter()
                .any(|g| g.code == "I.1.a")
        );
        assert!(directory::units(db).await.unwrap().data.len() >= 65, "{b}");

        // A producer set inactive is hidden, as on the site: its products keep only what
        // identifies them and their standing.
        let owner = app::entities::subject::Entity::find_by_id(honey.subject_id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let mut owner: app::entities::subject::ActiveModel = owner.into();
        owner.status = Set(app::domain::status::SubjectStatus::Inactive);
        owner.update(db).await.unwrap();
        let hidden = products::one(db, BASE, honey.id, today()).await.unwrap();
        assert!(!hidden.public && !hidden.listed, "{b}");
        assert_eq!(
            (hidden.name.as_str(), hidden.producer.name.as_str()),
            ("", "")
        );
        assert!(hidden.photos.is_empty() && hidden.description.is_none() && hidden.gtin.is_none());
        assert!(hidden.certificate.is_some(), "its standing stays");
        assert!(
            directory::producers(db, &ListQuery::default())
                .await
                .unwrap()
                .data
                .is_empty()
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn wrong_parameters_are_refused_by_name() {
    let t = support::sqlite().await;
    for (pairs, field) in [
        (vec![("stars", "9")], "stars"),
        (vec![("valid_on", "30/11/2026")], "valid_on"),
        (vec![("changed_since", "2026-11-30")], "changed_since"),
        (vec![("cursor", "abc")], "cursor"),
        (vec![("limit", "1000")], "limit"),
        (vec![("commune", &"9".repeat(100))], "commune"),
    ] {
        let refused = products::list(&t.db, BASE, &query(&pairs), today()).await;
        assert!(
            matches!(refused, Err(ServiceError::Invalid { field: f, .. }) if f == field),
            "{pairs:?}"
        );
    }
    let status = certificates::list(&t.db, BASE, &query(&[("status", "lost")]), today()).await;
    assert!(matches!(
        status,
        Err(ServiceError::Invalid {
            field: "status",
            ..
        })
    ));
    t.cleanup().await;
}

/// Every id of a paged listing, following the cursors, calling `between` after each page.
async fn follow(
    db: &DatabaseConnection,
    limit: &str,
    mut between: impl AsyncFnMut(usize),
) -> Vec<i32> {
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    for page_number in 0.. {
        let mut pairs = vec![("limit", limit.to_owned())];
        if let Some(c) = &cursor {
            pairs.push(("cursor", c.clone()));
        }
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let page = products::list(db, BASE, &query(&pairs), today())
            .await
            .unwrap();
        seen.extend(page.data.iter().map(|p| p.id));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
        between(page_number).await;
    }
    seen
}

#[tokio::test]
async fn pages_neither_repeat_nor_skip_while_data_changes() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let mut there = Vec::new();
        for i in 0..7 {
            let product = new_product(db, &p.owner, &format!("Sản phẩm trang {i}")).await;
            certify(db, product.id, 3, "2025-01-15").await;
            there.push(product.id);
        }
        let unchanged = follow(db, "2", async |_| {}).await;
        assert_eq!(unchanged, there, "{}", t.backend);

        let (first, last) = (there[0], there[6]);
        let seen = follow(db, "2", async |page| {
            // Between pages: a new certified product, products renamed before and after the
            // cursor, a certificate revoked.
            let added = new_product(db, &p.owner, &format!("Mới giữa trang {page}")).await;
            certify(db, added.id, 3, "2025-02-01").await;
            for id in [first, last] {
                let row = app::entities::product::Entity::find_by_id(id)
                    .one(db)
                    .await
                    .unwrap()
                    .unwrap();
                let mut row: app::entities::product::ActiveModel = row.into();
                row.name = Set(format!("Đổi tên {page} {id}"));
                row.update(db).await.unwrap();
            }
        })
        .await;
        let mut sorted = seen.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, seen, "{}: in order, none twice", t.backend);
        for id in &there {
            assert!(seen.contains(id), "{}: {id} skipped", t.backend);
        }
        t.cleanup().await;
    }
}

/// The newest change the database stamped, in ms.
async fn newest(db: &DatabaseConnection) -> i64 {
    use sea_orm::{QueryOrder, QuerySelect};
    app::entities::product_change::Entity::find()
        .select_only()
        .column(app::entities::product_change::Column::ChangedMs)
        .order_by_desc(app::entities::product_change::Column::ChangedMs)
        .into_tuple::<i64>()
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

async fn changed_after(db: &DatabaseConnection, ms: i64) -> Vec<i32> {
    let since = app::services::open_data::instant(ms + 1).to_rfc3339();
    let page = products::list(db, BASE, &query(&[("changed_since", &since)]), today())
        .await
        .unwrap();
    page.data.into_iter().map(|p| p.id).collect()
}

async fn tick() {
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
}

#[tokio::test]
async fn changed_since_finds_exactly_what_changed() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let honey = new_product(db, &p.owner, "Mật ong đồng bộ").await;
        let tea = new_product(db, &p.owner, "Trà đồng bộ").await;
        certify(db, honey.id, 4, "2025-06-01").await;
        certify(db, tea.id, 3, "2025-06-01").await;
        tick().await;
        let mark = newest(db).await;
        assert!(changed_after(db, mark).await.is_empty(), "{b}");
        let first = products::list(db, BASE, &ListQuery::default(), today())
            .await
            .unwrap();
        assert_eq!(
            first.next_changed_since.timestamp_millis(),
            mark - app::services::open_data::SYNC_MARGIN_MS,
            "{b}: the newest change, less the margin"
        );

        // The product's own form.
        tick().await;
        let row = app::entities::product::Entity::find_by_id(honey.id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let mut row: app::entities::product::ActiveModel = row.into();
        row.packaging = Set(Some("Hũ thủy tinh 500 ml".into()));
        row.update(db).await.unwrap();
        assert_eq!(changed_after(db, mark).await, [honey.id], "{b}: an edit");

        // A certificate written (through the listing triggers).
        let mark = newest(db).await;
        tick().await;
        let mut revoked: app::entities::certificate::ActiveModel =
            app::services::certificates::register::current(db, tea.id)
                .await
                .unwrap()
                .unwrap()
                .into();
        revoked.revoked_on = Set(Some(today()));
        revoked.update(db).await.unwrap();
        assert_eq!(changed_after(db, mark).await, [tea.id], "{b}: a revocation");

        // The producer renamed: all its products.
        let mark = newest(db).await;
        tick().await;
        let owner = app::entities::subject::Entity::find_by_id(honey.subject_id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let mut owner: app::entities::subject::ActiveModel = owner.into();
        owner.name = Set("HTX đổi tên".into());
        owner.update(db).await.unwrap();
        let changed = changed_after(db, mark).await;
        assert!(
            changed.contains(&honey.id) && changed.contains(&tea.id),
            "{b}: {changed:?}"
        );
        t.cleanup().await;
    }
}
