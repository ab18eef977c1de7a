//! The rendered-page cache under junk addresses and everyday writes: bounded by bytes, keys
//! normalised, nothing kept for a miss, and emptied only by what changes a public page.
use crate::test_support::{demo_app, get_page, post_with_status, sign_in};

#[tokio::test]
async fn junk_addresses_do_not_grow_the_cache() {
    let app = demo_app(Default::default()).await;
    // A real page, under several spellings of its id and with parameters nobody reads.
    for path in [
        "/products/1",
        "/products/01",
        "/products/0001",
        "/catalog?q=mien&junk=1",
        "/catalog?q=mien&junk=2&more=x",
    ] {
        let (status, _) = get_page(&app.router, path, None).await;
        assert_eq!(status, 200, "{path}");
    }
    let kept = app.page_cache.bytes();
    assert!(kept > 0);
    // Misses and junk are answered but never kept.
    for i in 0..300 {
        get_page(&app.router, &format!("/products/x{i}"), None).await;
        get_page(&app.router, &format!("/lots/{}", 900_000 + i), None).await;
        get_page(&app.router, &format!("/catalog?q=mien&junk{i}=1"), None).await;
    }
    assert_eq!(app.page_cache.bytes(), kept, "junk addresses were kept");
}

#[tokio::test]
async fn a_draft_saved_keeps_the_public_pages_and_a_product_saved_refreshes_them() {
    let app = demo_app(Default::default()).await;
    get_page(&app.router, "/products/1", None).await;
    assert!(app.page_cache.bytes() > 0);
    let producer = sign_in(&app.router, "dongbanh@demo.vn", None).await;
    // A dossier draft (refused or not) and reads do not touch public pages.
    post_with_status(
        &app.router,
        "/api/save_dossier_form",
        "dossier_id=1&version=-1".into(),
        Some(&producer),
    )
    .await;
    post_with_status(
        &app.router,
        "/api/list_my_products",
        String::new(),
        Some(&producer),
    )
    .await;
    assert!(
        app.page_cache.bytes() > 0,
        "a private write emptied the public cache"
    );
    // A product saved may change a public page: the cache starts over.
    post_with_status(
        &app.router,
        "/api/save_product",
        "product[product_id]=0&product[version]=0&product[name]=x&product[group_code]=I.1.a\
         &product[description]=&product[net_quantity]=&product[packaging]=\
         &product[shelf_life]=&product[price_min]=&product[price_max]=\
         &product[raw_material_area]=&product[story]=&product[gtin]="
            .into(),
        Some(&producer),
    )
    .await;
    assert_eq!(app.page_cache.bytes(), 0);
}
