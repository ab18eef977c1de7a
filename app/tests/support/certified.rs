//! The certificates the report and dashboard tests count by hand.
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

use app::entities::certificate;

use super::certify;
use super::dossiers::{new_product, people};

async fn only(db: &DatabaseConnection, product_id: i32, stars: i16) -> certificate::Model {
    certificate::Entity::find()
        .filter(certificate::Column::ProductId.eq(product_id))
        .filter(certificate::Column::Stars.eq(stars))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

/// Chi Lăng's products (Đồng Bành), certified on chosen days: the first half of 2026 holds
/// honey (new, 4★), tea (new, 3★, on 30 June: inside) and an upgrade 3★ (May 2023) → 4★ (1
/// April 2026); cake is decided on 1 July (outside); "old" (February 2023) expires on 31
/// January 2026; a 3★ of May 2025 is revoked on 2 February 2026; the first half of 2025 also
/// holds last year's 3★ (March). Thạch Đền's product (Thất Khê) is certified in February 2026
/// and must not count for Chi Lăng.
pub async fn fixture(db: &DatabaseConnection) {
    let p = people(db).await;
    for (name, stars, decided) in [
        ("Mật ong thử", 4, "2026-03-01"),
        ("Trà thử", 3, "2026-06-30"),
        ("Bánh thử", 3, "2026-07-01"),
        ("Cũ thử", 3, "2023-02-01"),
        ("Năm trước thử", 3, "2025-03-01"),
    ] {
        let product = new_product(db, &p.owner, name).await;
        certify(db, product.id, stars, decided).await;
    }
    let upgraded = new_product(db, &p.owner, "Nâng hạng thử").await;
    certify(db, upgraded.id, 3, "2023-05-01").await;
    certify(db, upgraded.id, 4, "2026-04-01").await;
    let second = only(db, upgraded.id, 4).await;
    let mut replaced: certificate::ActiveModel = only(db, upgraded.id, 3).await.into();
    replaced.superseded_by = Set(Some(second.id));
    replaced.update(db).await.unwrap();
    let revoked = new_product(db, &p.owner, "Thu hồi thử").await;
    certify(db, revoked.id, 3, "2025-05-01").await;
    let mut c: certificate::ActiveModel = only(db, revoked.id, 3).await.into();
    c.revoked_on = Set(chrono::NaiveDate::from_ymd_opt(2026, 2, 2));
    c.update(db).await.unwrap();
    let elsewhere = new_product(db, &p.other_producer, "Tràng Định thử").await;
    certify(db, elsewhere.id, 3, "2026-02-01").await;
}
