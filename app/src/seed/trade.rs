//! The demo's trade promotion (issue 23): last month's provincial OCOP fair, where two of
//! Đồng Bành's products sold and one signed contracts, and a livestream sale next week to which
//! the province invited a product and another producer applied.
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::auth::Actor;
use crate::domain::trade_event::Participation;
use crate::entities::{certificate, trade_event, trade_participation};
use crate::models::trade::{ParticipationInput, TradeEventInput};
use crate::seed::calendar::DemoCalendar;
use crate::seed::rounds::account;
use crate::services::trade::{events, participation};

fn failed(what: &'static str) -> impl Fn(crate::services::ServiceError) -> DbErr {
    move |e| DbErr::Custom(format!("demo trade events ({what}): {e}"))
}

/// Adds the demo's two events unless there are some; returns how many.
///
/// # Errors
/// A database error, or a service refusing a step (a bug in this plan).
pub async fn seed_trade(db: &DatabaseConnection) -> Result<u64, DbErr> {
    if trade_event::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let calendar = DemoCalendar::now();
    let today = calendar.today();
    let province = account(db, "so.nnmt@demo.vn").await?;
    // Products with a valid certificate, Đồng Bành's first.
    let producer = account(db, "dongbanh@demo.vn").await?;
    let Actor::User {
        subject_id: Some(own),
        ..
    } = producer
    else {
        return Ok(0);
    };
    let valid = certificate::Entity::find()
        .filter(certificate::Column::RevokedOn.is_null())
        .filter(certificate::Column::SupersededBy.is_null())
        .filter(certificate::Column::ValidUntil.gte(today))
        .order_by_asc(certificate::Column::Id)
        .all(db)
        .await?;
    let mine: Vec<&certificate::Model> = valid.iter().filter(|c| c.subject_id == own).collect();
    let other = valid.iter().find(|c| c.subject_id != own);
    let (Some(first), Some(other)) = (mine.first(), other) else {
        return Ok(0);
    };
    let second = mine.get(1).unwrap_or(first);

    // Last month's fair: recorded afterwards, as the province does.
    let fair = trade_event::ActiveModel {
        name: Set("Hội chợ OCOP và sản phẩm đặc trưng tỉnh Lạng Sơn (minh họa)".into()),
        kind: Set("fair".into()),
        starts_on: Set(calendar.days_ago(40)),
        ends_on: Set(calendar.days_ago(36)),
        place: Set("Quảng trường 17/10, phường Lương Văn Tri".into()),
        organiser: Set("Sở Nông nghiệp và Môi trường, Sở Công Thương".into()),
        commune_code: Set(None),
        note: Set(None),
        created_by: Set(province.user_id().unwrap_or_default()),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut at_the_fair = vec![(*first, 48_500_000, 2)];
    if second.id != first.id {
        at_the_fair.push((*second, 12_000_000, 0));
    }
    for (c, sales, contracts) in at_the_fair {
        trade_participation::ActiveModel {
            event_id: Set(fair.id),
            product_id: Set(c.product_id),
            subject_id: Set(c.subject_id),
            state: Set(Participation::Confirmed.as_str().into()),
            note: Set(None),
            participated: Set(Some(true)),
            sales_vnd: Set(Some(sales)),
            contracts: Set(Some(contracts)),
            updated_at: Set(crate::clock::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }

    // Next week's livestream, through the services: an invitation and an application.
    let starts = today + chrono::Days::new(7);
    let id = events::create(
        db,
        &province,
        &TradeEventInput {
            name: "Livestream bán hàng nông sản xứ Lạng (minh họa)".into(),
            kind: "livestream".into(),
            starts_on: starts.to_string(),
            ends_on: starts.to_string(),
            place: "Kênh TikTok và Facebook của Trung tâm Xúc tiến thương mại tỉnh".into(),
            organiser: "Trung tâm Xúc tiến thương mại tỉnh Lạng Sơn".into(),
            note: String::new(),
        },
        today,
    )
    .await
    .map_err(failed("livestream"))?;
    let act = |action: &str, product: i32| ParticipationInput {
        event_id: id,
        action: action.into(),
        product_id: product.to_string(),
        ..Default::default()
    };
    participation::act(db, &province, &act("invite", first.product_id), today)
        .await
        .map_err(failed("invite"))?;
    let applicant = crate::entities::user_account::Entity::find()
        .filter(crate::entities::user_account::Column::SubjectId.eq(other.subject_id))
        .one(db)
        .await?
        .map(|a| crate::auth::current::to_actor(&a));
    if let Some(applicant) = applicant {
        participation::act(db, &applicant, &act("apply", other.product_id), today)
            .await
            .map_err(failed("apply"))?;
    }
    trade_event::Entity::find().count(db).await
}
