//! Small leaks: a photo taken off a product is no longer the public's.
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
