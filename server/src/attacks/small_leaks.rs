//! Small leaks: a photo taken off a product is no longer the public's.
use app::services::accounts::reset_links::Delivery;
use sea_orm::EntityTrait;

use crate::test_support::{account, demo_app, get_bytes};

#[tokio::test]
async fn a_removed_product_photo_is_no_longer_public() {
    let app = demo_app(Default::default()).await;
    let owner = account(&app.db, "dongbanh@demo.vn").await;
    let photo_id = crate::permission_targets::photo_of(&app.db, &app.files, &owner).await;
    let file_id = app::entities::product_photo::Entity::find_by_id(photo_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .file_id;
    let path = format!("/files/{file_id}");
    assert_eq!(
        get_bytes(&app.router, &path, None).await.0,
        200,
        "shown: public"
    );
    app::services::producers::product_photos::remove_photo(
        &app.db,
        &app::auth::current::to_actor(&owner),
        photo_id,
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        get_bytes(&app.router, &path, None).await.0,
        404,
        "removed: not public"
    );
    let thumb = format!("/files/{file_id}/thumb");
    assert_eq!(get_bytes(&app.router, &thumb, None).await.0, 404);
}

#[tokio::test]
async fn a_council_member_created_by_the_administrator_keeps_the_commune_they_live_in() {
    let app = demo_app(Default::default()).await;
    let admin = app::auth::current::to_actor(&account(&app.db, "quantri@demo.vn").await);
    let input = app::models::accounts::admin::OfficialInput {
        role: "council_member".into(),
        full_name: "Nông Thị Hội Đồng".into(),
        email: "hoidong4@example.vn".into(),
        phone: String::new(),
        commune_code: "06463".into(),
    };
    app::services::accounts::admin::create_official(
        &app.db,
        &admin,
        input,
        None,
        Delivery::HandOver,
    )
    .await
    .unwrap();
    // The round's automatic conflict compares this with each dossier's commune.
    let member = account(&app.db, "hoidong4@example.vn").await;
    assert_eq!(member.commune_code.as_deref(), Some("06463"));
}

#[tokio::test]
async fn repeated_anonymous_certificate_pdfs_are_rendered_once() {
    let app = demo_app(Default::default()).await;
    let number = app::entities::certificate::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .number;
    let path = format!("/certificates/{number}/pdf");
    let first = get_bytes(&app.router, &path, None).await;
    assert_eq!(first.0, 200);
    for _ in 0..20 {
        assert_eq!(get_bytes(&app.router, &path, None).await, first);
    }
    assert_eq!(crate::certificates::rendered::renders_of(&number), 1);
}
