//! The public catalogue against real databases: only products whose certificate is valid today,
//! search without diacritics (a word may name the commune), filters, sorting and pages.
use crate::support;

use app::models::catalog::{CatalogQuery, PAGE_SIZE};
use app::services::catalog::search;
use sea_orm::EntityTrait;
use support::certify;
use support::dossiers::{new_product, people};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn names(page: &app::models::catalog::CatalogPage) -> Vec<&str> {
    page.cards.iter().map(|c| c.name.as_str()).collect()
}

#[tokio::test]
async fn the_catalogue_lists_valid_products_found_without_diacritics() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        // seed_demo alone certifies nothing: the catalogue starts empty.
        let empty = search(db, &CatalogQuery::default(), today()).await.unwrap();
        assert_eq!(
            (empty.total, empty.pages, empty.page),
            (0, 1, 1),
            "{}",
            t.backend
        );

        let honey = new_product(db, &p.owner, "Mật ong bạc hà thử").await;
        let old = new_product(db, &p.owner, "Mật ong rừng thử").await;
        let tea = new_product(db, &p.owner, "Trà hoa vàng thử").await;
        certify(db, honey.id, 4, "2025-06-01").await;
        certify(db, old.id, 3, "2022-01-10").await; // expired on 9 Jan 2025
        certify(db, tea.id, 3, "2024-03-01").await;

        let find = |q: &str| CatalogQuery {
            q: q.into(),
            ..Default::default()
        };
        let all = search(db, &find(""), today()).await.unwrap();
        assert_eq!(names(&all), ["Mật ong bạc hà thử", "Trà hoa vàng thử"]);
        let card = &all.cards[0];
        assert_eq!((card.stars, card.valid_until.as_str()), (4, "31/05/2028"));
        assert_eq!(
            card.subject_name,
            "HTX Dịch vụ và Sản xuất nông nghiệp Đồng Bành"
        );
        // Without diacritics, in any case, a word of the commune's name counting too.
        for q in [
            "mat ong bac ha",
            "MẬT ONG",
            "mat ong chi lang",
            "  bac   HA ",
        ] {
            assert_eq!(
                names(&search(db, &find(q), today()).await.unwrap()),
                ["Mật ong bạc hà thử"],
                "{q}"
            );
        }
        assert!(
            search(db, &find("mat ong huu lung"), today())
                .await
                .unwrap()
                .cards
                .is_empty()
        );

        // Filters and sorting.
        let with = |f: fn(&mut CatalogQuery)| {
            let mut q = CatalogQuery::default();
            f(&mut q);
            q
        };
        let four = search(db, &with(|q| q.stars = "4".into()), today())
            .await
            .unwrap();
        assert_eq!(names(&four), ["Mật ong bạc hà thử"]);
        let drinks = search(db, &with(|q| q.group = "II".into()), today())
            .await
            .unwrap();
        assert_eq!(drinks.total, 0);
        let fresh = search(db, &with(|q| q.group = "I.1".into()), today())
            .await
            .unwrap();
        assert_eq!(fresh.total, 2);
        let elsewhere = search(db, &with(|q| q.commune = "06046".into()), today())
            .await
            .unwrap();
        assert_eq!(elsewhere.total, 0);
        // Đồng Bành is a cooperative (HTX): the type filter keeps both, another type none.
        let cooperatives = search(db, &with(|q| q.kind = "HTX".into()), today())
            .await
            .unwrap();
        assert_eq!(cooperatives.total, 2, "{}", t.backend);
        let households = search(db, &with(|q| q.kind = "HO".into()), today())
            .await
            .unwrap();
        assert_eq!(households.total, 0, "{}", t.backend);
        let by_stars = search(db, &with(|q| q.sort = "stars".into()), today())
            .await
            .unwrap();
        assert_eq!(by_stars.cards[0].stars, 4);
        assert!(!all.groups.is_empty() && all.communes.len() == 65);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn pages_hold_a_fixed_number_of_cards_and_out_of_range_pages_are_clamped() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let count = usize::try_from(PAGE_SIZE).unwrap() + 6;
        for i in 0..count {
            let product = new_product(db, &p.owner, &format!("Sản phẩm trang {i:02}")).await;
            let stars = 3 + i16::try_from(i % 3).unwrap();
            certify(db, product.id, stars, "2025-01-15").await;
        }
        let page = |n: u64| CatalogQuery {
            q: "san pham trang".into(),
            page: n,
            ..Default::default()
        };
        let first = search(db, &page(1), today()).await.unwrap();
        assert_eq!(
            (first.total, first.pages),
            (PAGE_SIZE + 6, 2),
            "{}",
            t.backend
        );
        assert_eq!(first.cards.len(), usize::try_from(PAGE_SIZE).unwrap());
        let second = search(db, &page(2), today()).await.unwrap();
        assert_eq!(
            names(&second),
            [
                "Sản phẩm trang 50",
                "Sản phẩm trang 51",
                "Sản phẩm trang 52",
                "Sản phẩm trang 53",
                "Sản phẩm trang 54",
                "Sản phẩm trang 55"
            ]
        );
        // Sorted by stars, then by name, across both pages: the cards come back in the order
        // the page was chosen in.
        let by_stars = |n: u64| CatalogQuery {
            sort: "stars".into(),
            ..page(n)
        };
        let mut cards = search(db, &by_stars(1), today()).await.unwrap().cards;
        cards.extend(search(db, &by_stars(2), today()).await.unwrap().cards);
        let order: Vec<(u8, &str)> = cards.iter().map(|c| (c.stars, c.name.as_str())).collect();
        let mut expected = order.clone();
        expected.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        assert_eq!(order, expected, "{}", t.backend);
        assert_eq!(order.len(), count, "{}", t.backend);
        // Past the last page: the last page, with its cards (the search's count is then made
        // apart from its page).
        let beyond = search(db, &page(99), today()).await.unwrap();
        assert_eq!(beyond.page, 2);
        assert_eq!(names(&beyond), names(&second), "{}", t.backend);
        let listing_beyond = search(
            db,
            &CatalogQuery {
                page: 99,
                ..Default::default()
            },
            today(),
        )
        .await;
        assert!(
            listing_beyond
                .as_ref()
                .is_ok_and(|p| !p.cards.is_empty() && p.page == p.pages),
            "{}: {listing_beyond:?}",
            t.backend
        );
        let zero = search(db, &page(0), today()).await.unwrap();
        assert_eq!(zero.page, 1);
        t.cleanup().await;
    }
}

/// The word search reads the database's full-text index, kept by the database itself: a
/// renamed product is found by its new name only.
#[tokio::test]
async fn the_search_index_follows_renames() {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let product = new_product(db, &p.owner, "Khau nhục thử").await;
        certify(db, product.id, 3, "2025-01-15").await;
        let find = |q: &str| CatalogQuery {
            q: q.into(),
            ..Default::default()
        };
        assert_eq!(
            names(&search(db, &find("khau nhuc"), today()).await.unwrap()),
            ["Khau nhục thử"]
        );
        let mut renamed: app::entities::product::ActiveModel =
            app::entities::product::Entity::find_by_id(product.id)
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .into();
        renamed.name = Set("Vịt quay thử".into());
        renamed.name_folded = Set(app::domain::text::fold("Vịt quay thử"));
        renamed.update(db).await.unwrap();
        assert!(
            search(db, &find("khau"), today())
                .await
                .unwrap()
                .cards
                .is_empty(),
            "{}",
            t.backend
        );
        assert_eq!(
            names(&search(db, &find("vit qu"), today()).await.unwrap()),
            ["Vịt quay thử"]
        );
        t.cleanup().await;
    }
}

/// Whether a product is listed is kept by the database whatever writes the certificate or the
/// subject: a revoked, superseded or deleted certificate, a subject no longer active and a move
/// to such a subject take the product out; a new certificate or the subject's return put it
/// back.
#[tokio::test]
async fn the_listing_follows_certificates_and_subjects() {
    use app::entities::{certificate, subject};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ModelTrait, QueryFilter};
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let product = new_product(db, &p.owner, "Na Chi Lăng thử").await;
        let listed = || async {
            names(&search(db, &CatalogQuery::default(), today()).await.unwrap())
                .contains(&"Na Chi Lăng thử")
        };
        let current = || async {
            certificate::Entity::find()
                .filter(certificate::Column::ProductId.eq(product.id))
                .filter(certificate::Column::SupersededBy.is_null())
                .filter(certificate::Column::RevokedOn.is_null())
                .one(db)
                .await
                .unwrap()
        };
        assert!(!listed().await, "{}: no certificate yet", t.backend);
        certify(db, product.id, 3, "2025-01-15").await;
        assert!(listed().await, "{}: certified", t.backend);

        let mut revoked: certificate::ActiveModel = current().await.unwrap().into();
        revoked.revoked_on = Set(Some(today()));
        let revoked = revoked.update(db).await.unwrap();
        assert!(!listed().await, "{}: revoked", t.backend);

        certify(db, product.id, 4, "2026-02-01").await;
        assert!(listed().await, "{}: certified again", t.backend);
        // Superseded by a certificate that has already ended: no longer listed.
        let first = current().await.unwrap();
        certify(db, product.id, 5, "2020-01-01").await;
        let ended = certificate::Entity::find()
            .filter(certificate::Column::ProductId.eq(product.id))
            .filter(certificate::Column::Stars.eq(5))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let mut superseded: certificate::ActiveModel = first.clone().into();
        superseded.superseded_by = Set(Some(ended.id));
        superseded.update(db).await.unwrap();
        assert!(!listed().await, "{}: superseded by an ended one", t.backend);
        let mut restored: certificate::ActiveModel = first.into();
        restored.superseded_by = Set(None);
        restored.update(db).await.unwrap();
        ended.delete(db).await.unwrap();
        assert!(listed().await, "{}: supersession undone", t.backend);

        let owner = subject::Entity::find_by_id(product.subject_id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let mut suspended: subject::ActiveModel = owner.clone().into();
        suspended.status = Set(app::domain::status::SubjectStatus::Pending);
        suspended.update(db).await.unwrap();
        assert!(!listed().await, "{}: subject suspended", t.backend);
        let mut active: subject::ActiveModel = owner.into();
        active.status = Set(app::domain::status::SubjectStatus::Active);
        active.update(db).await.unwrap();
        assert!(listed().await, "{}: subject active again", t.backend);

        // Moved to a subject that is not active (Thạch Đền, made pending), and back.
        let app::auth::Actor::User {
            subject_id: Some(elsewhere),
            ..
        } = p.other_producer
        else {
            panic!("not a producer")
        };
        let mut pending: subject::ActiveModel = subject::Entity::find_by_id(elsewhere)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .into();
        pending.status = Set(app::domain::status::SubjectStatus::Pending);
        pending.update(db).await.unwrap();
        let move_to = |to: i32| async move {
            let mut moved: app::entities::product::ActiveModel =
                app::entities::product::Entity::find_by_id(product.id)
                    .one(db)
                    .await
                    .unwrap()
                    .unwrap()
                    .into();
            moved.subject_id = Set(to);
            moved.update(db).await.unwrap();
        };
        move_to(elsewhere).await;
        assert!(!listed().await, "{}: moved to a pending subject", t.backend);
        move_to(product.subject_id).await;
        assert!(listed().await, "{}: moved back", t.backend);

        current().await.unwrap().delete(db).await.unwrap();
        assert!(!listed().await, "{}: certificate deleted", t.backend);
        assert!(revoked.revoked_on.is_some());
        t.cleanup().await;
    }
}

/// Commune names are searched through their own full-text index, which follows a renamed
/// commune; a search found through the products' index still applies every filter and sort.
#[tokio::test]
async fn commune_words_follow_renames_and_word_searches_keep_their_filters()
-> Result<(), Box<dyn std::error::Error>> {
    use app::entities::admin_unit;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, QueryFilter};
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let honey = new_product(db, &p.owner, "Mật ong đá thử").await;
        certify(db, honey.id, 4, "2025-06-01").await;
        let query = |q: &str, f: fn(&mut CatalogQuery)| {
            let mut query = CatalogQuery {
                q: q.into(),
                ..Default::default()
            };
            f(&mut query);
            query
        };
        let found = |page: app::models::catalog::CatalogPage| {
            page.cards.into_iter().map(|c| c.name).collect::<Vec<_>>()
        };
        let honey_only = vec!["Mật ong đá thử".to_owned()];
        // Found by the products' index alone ("da" names no commune), then filtered.
        for (q, f, expected) in [
            (
                "mat ong da",
                (|_| {}) as fn(&mut CatalogQuery),
                &honey_only[..],
            ),
            ("mat ong da", |q| q.stars = "4".into(), &honey_only[..]),
            ("mat ong da", |q| q.stars = "3".into(), &[]),
            ("mat ong da", |q| q.kind = "HO".into(), &[]),
            ("mat ong da", |q| q.commune = "06046".into(), &[]),
            ("mat ong da", |q| q.sort = "stars".into(), &honey_only[..]),
            ("mat ong da", |q| q.sort = "newest".into(), &honey_only[..]),
        ] {
            let page = search(db, &query(q, f), today()).await?;
            assert_eq!(found(page), expected, "{q} {}", t.backend);
        }
        // Chi Lăng renamed: its old name no longer finds the product, its new one does.
        let chi_lang = admin_unit::Entity::find()
            .filter(admin_unit::Column::Code.eq("06463"))
            .one(db)
            .await?
            .ok_or("Chi Lăng is in the demo data")?;
        let mut renamed: admin_unit::ActiveModel = chi_lang.into();
        renamed.name_folded = Set("quang lac".into());
        renamed.update(db).await?;
        let old_name = search(db, &query("mat ong chi lang", |_| {}), today()).await?;
        assert!(old_name.cards.is_empty(), "{}", t.backend);
        let new_name = search(db, &query("mat ong quang", |_| {}), today()).await?;
        assert_eq!(found(new_name), honey_only, "{}", t.backend);
        t.cleanup().await;
    }
    Ok(())
}

/// In SQLite the products' full-text index holds exactly the products listed on or after its
/// floor, kept by the database as listings change and the floor moves either way; a search
/// finds the same products wherever the floor is (PostgreSQL's index has none).
#[tokio::test]
async fn the_search_index_holds_the_products_listed_since_its_floor()
-> Result<(), Box<dyn std::error::Error>> {
    use app::services::catalog::trim_search_index;
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d");
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let tea = new_product(db, &p.owner, "Trà hoa vàng thử").await;
        // Listed until early December 2026 (36 months from its decision).
        certify(db, tea.id, 4, "2023-12-05").await;
        let finds_tea = |on: chrono::NaiveDate| async move {
            let query = CatalogQuery {
                q: "tra hoa vang".into(),
                ..Default::default()
            };
            let page = search(db, &query, on).await?;
            Ok::<bool, Box<dyn std::error::Error>>(names(&page).contains(&"Trà hoa vàng thử"))
        };
        // The index against the products it must hold: none missing, none twice.
        let exact = || async {
            if db.get_database_backend() != DbBackend::Sqlite {
                return Ok::<(), Box<dyn std::error::Error>>(());
            }
            let ids = |sql: &str| {
                db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql.to_owned()))
            };
            let indexed: Vec<i64> = ids("SELECT rowid FROM product_search ORDER BY rowid")
                .await?
                .iter()
                .map(|r| r.try_get_by_index(0))
                .collect::<Result<_, _>>()?;
            let listed: Vec<i64> = ids("SELECT id FROM product WHERE listed_until >= \
                 IFNULL((SELECT day FROM product_search_floor), '') ORDER BY id")
            .await?
            .iter()
            .map(|r| r.try_get_by_index(0))
            .collect::<Result<_, _>>()?;
            assert_eq!(
                indexed, listed,
                "the index holds exactly the listed products"
            );
            Ok(())
        };
        exact().await?;
        assert!(finds_tea(today()).await?, "{}", t.backend);

        // The floor passes the tea's last day: out of the index, and of every search after it.
        trim_search_index(db, day("2026-12-20")?).await?;
        exact().await?;
        assert!(!finds_tea(day("2026-12-20")?).await?, "{}", t.backend);
        // Moved back (a clock set right): the tea is found on a day it was listed again.
        trim_search_index(db, today()).await?;
        exact().await?;
        assert!(finds_tea(today()).await?, "{}", t.backend);

        // Below the floor, a new certificate puts the product back in the index.
        trim_search_index(db, day("2026-12-20")?).await?;
        certify(db, tea.id, 5, "2026-12-15").await;
        exact().await?;
        assert!(finds_tea(day("2026-12-20")?).await?, "{}", t.backend);
        t.cleanup().await;
    }
    Ok(())
}
