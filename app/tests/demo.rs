//! The demo data set and the home-page figures computed from it.
use crate::support;

use std::collections::HashSet;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::entities::{product, subject};
use app::seed::demo::{DEMO_PRODUCT_COUNT, seed_demo};
use app::services::files::store::LocalFolder;
use app::services::reports::home_figures::home_figures;

#[tokio::test]
async fn seeds_once_with_products_in_every_commune() {
    for t in support::databases().await {
        let summary = seed_demo(&t.db)
            .await
            .unwrap()
            .expect("an empty database is seeded");
        assert_eq!(
            summary.products as usize, DEMO_PRODUCT_COUNT,
            "{}",
            t.backend
        );
        assert_eq!(
            subject::Entity::find().count(&t.db).await.unwrap(),
            summary.subjects
        );

        let products = product::Entity::find().all(&t.db).await.unwrap();
        let communes: HashSet<&str> = products.iter().map(|p| p.commune_code.as_str()).collect();
        assert_eq!(
            communes.len(),
            65,
            "every commune has products ({})",
            t.backend
        );
        let press = products.iter().filter(|p| p.data_source == "press").count();
        assert_eq!(
            press, 31,
            "every press-reported product is in ({})",
            t.backend
        );

        assert!(
            seed_demo(&t.db).await.unwrap().is_none(),
            "a second run does nothing"
        );
        assert_eq!(
            product::Entity::find().count(&t.db).await.unwrap() as usize,
            DEMO_PRODUCT_COUNT
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn press_products_keep_their_facts() {
    for t in support::demo::demo_databases().await {
        let na = product::Entity::find()
            .filter(product::Column::Name.eq("Na Chi Lăng"))
            .one(&t.db)
            .await
            .unwrap()
            .expect("Na Chi Lăng is in the demo set");
        // Certified in 2022, its certificate ran out: the demo renews it three years ago (its
        // certificate expires within weeks).
        let renewed = app::seed::calendar::DemoCalendar::now().year() - 3;
        assert_eq!(
            (na.stars, na.certified_year.map(i32::from)),
            (Some(4), Some(renewed)),
            "{}",
            t.backend
        );
        assert_eq!(na.commune_code, "06463", "commune Chi Lăng ({})", t.backend);
        let producer = subject::Entity::find_by_id(na.subject_id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            producer.name,
            "HTX Dịch vụ và Sản xuất nông nghiệp Đồng Bành"
        );
        assert_eq!(producer.subject_type, "HTX");

        // The press named no commune for this one: it goes to the first commune of its district.
        let dong_mo = product::Entity::find()
            .filter(product::Column::Name.eq("Na dai Đồng Mỏ"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(dong_mo.commune_code, "06463", "{}", t.backend);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn home_figures_catalogue_and_dashboard_count_the_same_certified_products() {
    for t in support::databases().await {
        let today = app::services::today_in_vietnam();
        let empty = home_figures(&t.db, today).await.unwrap();
        assert_eq!((empty.communes, empty.products), (0, 0), "{}", t.backend);

        seed_demo(&t.db).await.unwrap();
        // The demo's certificates come from its rounds, as `server seed-demo` makes them.
        app::seed::dossiers::seed_dossiers(&t.db, &support::dossiers::files())
            .await
            .unwrap();
        app::seed::rounds::seed_rounds(&t.db, &support::dossiers::files())
            .await
            .unwrap();
        let f = home_figures(&t.db, today).await.unwrap();
        assert_eq!(f.communes, 65, "{}", t.backend);
        assert_eq!(f.product_groups, 19);
        let stars: Vec<u8> = f.products_by_stars.iter().map(|s| s.stars).collect();
        assert_eq!(stars, [3, 4, 5]);
        assert_eq!(
            f.products_by_stars.iter().map(|s| s.products).sum::<u64>(),
            f.products
        );
        // Some demo certificates have expired: fewer products are certified than seeded.
        assert!(
            f.products > 0 && (f.products as usize) < DEMO_PRODUCT_COUNT,
            "{}: {} certified of {DEMO_PRODUCT_COUNT}",
            t.backend,
            f.products
        );
        assert!(f.subjects > 0 && f.subjects <= f.products);

        let catalogue = app::services::catalog::search(&t.db, &Default::default(), today)
            .await
            .unwrap();
        assert_eq!(catalogue.total, f.products, "{}: the catalogue", t.backend);
        let province = app::auth::current::to_actor(
            &app::entities::user_account::Entity::find()
                .filter(app::entities::user_account::Column::Email.eq("so.nnmt@demo.vn"))
                .one(&t.db)
                .await
                .unwrap()
                .unwrap(),
        );
        let dashboard = app::services::reports::dashboard::dashboard(
            &t.db,
            &province,
            &Default::default(),
            today,
            90,
        )
        .await
        .unwrap();
        let valid = dashboard
            .tiles
            .iter()
            .find(|tile| tile.key == "valid")
            .unwrap();
        assert_eq!(
            valid.value as u64, f.products,
            "{}: the dashboard",
            t.backend
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn every_role_has_a_demo_account_that_signs_in() {
    use app::auth::Role;
    use app::seed::demo::{DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PENDING_EMAIL};
    use app::services::accounts::credentials::{SignInError, authenticate};

    assert_eq!(
        app::domain::password::check(DEMO_PASSWORD, &[]),
        Ok(()),
        "our own rules hold"
    );
    for role in Role::ALL {
        assert!(
            DEMO_ACCOUNTS.iter().any(|a| a.role == role),
            "{role:?} has a demo account"
        );
    }
    for t in support::demo::demo_databases().await {
        for demo in DEMO_ACCOUNTS {
            let account = authenticate(&t.db, demo.email, DEMO_PASSWORD)
                .await
                .unwrap();
            assert_eq!(account.role, demo.role, "{} {}", t.backend, demo.email);
            if demo.role == Role::Producer {
                assert!(
                    account.subject_id.is_some() && account.commune_code.is_some(),
                    "{}",
                    demo.email
                );
            }
        }
        assert_eq!(
            authenticate(&t.db, DEMO_PENDING_EMAIL, DEMO_PASSWORD)
                .await
                .unwrap_err(),
            SignInError::Pending
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn reset_demo_makes_the_same_demo_again_and_refuses_a_real_database() {
    use sea_orm::{EntityTrait, PaginatorTrait};
    for t in support::databases().await {
        let b = t.backend;
        let folder = std::env::temp_dir().join(format!(
            "ocop-reset-test-{}-{b}-{}",
            std::process::id(),
            app::clock::now().timestamp_nanos_opt().unwrap_or(0)
        ));
        let first = app::seed::reset::reset_demo(&t.db, &LocalFolder::new(&folder))
            .await
            .unwrap();
        assert!(
            first.certificates > 200 && first.dossiers > 0,
            "{b}: {first:?}"
        );
        // Chi Lăng has a subject that uses the system: active, and its information complete.
        let chi_lang = support::dossiers::actor(&t.db, "xa.chilang@demo.vn").await;
        let today = app::services::today_in_vietnam();
        let adoption = app::services::adoption::page(&t.db, &chi_lang, None, today)
            .await
            .unwrap();
        assert!(
            adoption.subjects.using >= 1 && adoption.subjects.using < adoption.subjects.total,
            "{b}: {:?}",
            adoption.subjects
        );
        // A training session changes things; the reset makes the same demo again.
        let p = support::dossiers::people(&t.db).await;
        support::dossiers::new_product(&t.db, &p.owner, "Sản phẩm của buổi tập huấn").await;
        let second = app::seed::reset::reset_demo(&t.db, &LocalFolder::new(&folder))
            .await
            .unwrap();
        assert_eq!(first, second, "{b}");
        let products = app::entities::product::Entity::find()
            .count(&t.db)
            .await
            .unwrap();
        assert_eq!(
            products, first.products,
            "{b}: the session's product is gone"
        );
        let stored = std::fs::read_dir(&folder).unwrap().count();
        assert!(stored > 0, "{b}: the demo's files are there again");
        t.cleanup().await;
    }
    // A real installation (an administrator not made by the demo loader) is refused as is.
    for t in support::with_master_data().await {
        app::services::accounts::registration::create_admin(
            &t.db,
            "Quản trị",
            "admin@langson.gov.vn",
            "mat-khau-rat-dai-2026",
        )
        .await
        .unwrap();
        let folder = std::env::temp_dir().join("ocop-reset-test-real");
        let refused = app::seed::reset::reset_demo(&t.db, &LocalFolder::new(&folder)).await;
        assert!(
            matches!(&refused, Err(sea_orm::DbErr::Custom(why)) if why.contains("real installation")),
            "{refused:?}"
        );
        let accounts = app::entities::user_account::Entity::find()
            .count(&t.db)
            .await
            .unwrap();
        assert_eq!(accounts, 1, "nothing touched");
        t.cleanup().await;
    }
}
