//! Demo lots: every certified demo product gets a lot made six to nine weeks ago with its
//! timeline — harvest in the subject's commune, packing, a quality test, shipping — so every
//! public trace page has something real to show. Written directly (the producers' accounts
//! are few).
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::auth::Role;
use crate::domain::lot::EventKind;
use crate::entities::{lot, lot_event, product, subject, user_account};

/// Adds the demo lots unless there are lots already; returns how many.
///
/// # Errors
/// A database error.
pub async fn seed_lots(db: &DatabaseConnection) -> Result<u64, DbErr> {
    if lot::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    // Recorded by the administrator account (the audit of demo data names it).
    let by = user_account::Entity::find()
        .filter(user_account::Column::Role.eq(Role::Administrator))
        .one(db)
        .await?
        .map_or(0, |a| a.id);
    let products = product::Entity::find()
        .filter(product::Column::Stars.is_not_null())
        .order_by_asc(product::Column::Id)
        .all(db)
        .await?;
    let calendar = crate::seed::calendar::DemoCalendar::now();
    let mut made = 0;
    for p in products {
        let Some(s) = subject::Entity::find_by_id(p.subject_id).one(db).await? else {
            continue;
        };
        let days = u64::try_from(p.id % 20).unwrap_or(0) + 45;
        let produced = calendar.days_ago(days);
        let created = lot::ActiveModel {
            product_id: Set(p.id),
            subject_id: Set(p.subject_id),
            code: Set(format!("{}-{:02}", produced.format("%y%m"), p.id % 100)),
            produced_on: Set(produced),
            expires_on: Set(Some(produced + chrono::Duration::days(180))),
            quantity: Set(Some(format!("{}", 200 + p.id * 10))),
            unit: Set(Some("kg".to_owned())),
            origin_commune_code: Set(Some(s.commune_code.clone())),
            origin_note: Set(Some("Vùng nguyên liệu của chủ thể (minh họa)".to_owned())),
            created_by: Set(by),
            created_at: Set(crate::clock::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let steps = [
            (EventKind::Harvest, 0, "Thu hoạch tại vườn (minh họa)"),
            (EventKind::Packing, 1, "Sơ chế, đóng gói tại cơ sở"),
            (EventKind::QualityTest, 2, "Kiểm tra cảm quan, lưu mẫu"),
            (
                EventKind::Shipping,
                3,
                "Giao cho đại lý tại thành phố Lạng Sơn",
            ),
        ];
        for (kind, offset, note) in steps {
            let at = (produced + chrono::Duration::days(offset))
                .and_hms_opt(1, 30, 0)
                .unwrap_or_default()
                .and_utc();
            lot_event::ActiveModel {
                lot_id: Set(created.id),
                kind: Set(kind.as_str().to_owned()),
                happened_at: Set(at),
                commune_code: Set(Some(s.commune_code.clone())),
                place: Set(s.address.clone()),
                actor_name: Set(Some(s.name.clone())),
                note: Set(Some(note.to_owned())),
                created_by: Set(by),
                created_at: Set(crate::clock::now()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        made += 1;
    }
    Ok(made)
}
