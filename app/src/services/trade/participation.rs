//! A product's place in a trade-promotion event: the producer applies (or the organiser
//! invites), the other side accepts or declines, and once the event has started the organiser
//! records what the product did there. Only products with a valid certificate join.
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait, sea_query::Expr,
};

use crate::auth::{Actor, Denied, Role};
use crate::domain::audit_action::AuditAction;
use crate::domain::audit_details::Value;
use crate::domain::reason::Reason;
use crate::domain::trade_event::{self as rules, Answer, Participation, Side};
use crate::entities::{certificate as cert, product, trade_event, trade_participation};
use crate::models::trade::{
    MAX_CONTRACTS, MAX_NOTE, MAX_SALES_VND, ParticipationInput, ProductChoice,
};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::input::optional_text;
use crate::services::input::{Problems, invalid};
use crate::services::notifications::{Audience, notify};
use crate::services::trade::{organises, visible};

/// Products with a valid certificate: one subject's, or a commune's (every one when `None`).
///
/// # Errors
/// A database error.
pub(crate) async fn certified(
    db: &impl ConnectionTrait,
    subject_id: Option<i32>,
    commune: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<Vec<ProductChoice>, ServiceError> {
    let mut query = cert::Entity::find()
        .filter(cert::Column::RevokedOn.is_null())
        .filter(cert::Column::SupersededBy.is_null())
        .filter(cert::Column::ValidUntil.gte(today));
    if let Some(s) = subject_id {
        query = query.filter(cert::Column::SubjectId.eq(s));
    }
    let certs = query.all(db).await?;
    let mut query = product::Entity::find()
        .filter(product::Column::Id.is_in(certs.iter().map(|c| c.product_id)));
    // A commune's event is for the subjects of the commune (whose members see it).
    if let Some(code) = commune {
        let subjects: Vec<i32> = crate::entities::subject::Entity::find()
            .filter(crate::entities::subject::Column::CommuneCode.eq(code))
            .select_only()
            .column(crate::entities::subject::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        query = query.filter(product::Column::SubjectId.is_in(subjects));
    }
    let products = query.order_by_asc(product::Column::Name).all(db).await?;
    Ok(products
        .into_iter()
        .map(|p| ProductChoice {
            product_id: p.id,
            name: p.name,
        })
        .collect())
}

fn number<T: std::str::FromStr>(value: &str, field: &'static str) -> Result<T, ServiceError> {
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | ',' | '\u{a0}'))
        .collect();
    digits
        .parse()
        .map_err(|_| invalid(field, Reason::NotANumber))
}

/// Takes one action on a participation (`ParticipationInput::action`).
///
/// # Errors
/// `NotFound` for an event or participation the actor does not see; `Denied` for the wrong
/// side; `Conflict` when applications are closed (`EventClosed`), the product already joined
/// (`AlreadyJoined`) or the state changed; `Invalid` for a product without a valid
/// certificate (`NotCertified`) or wrong results.
pub async fn act(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &ParticipationInput,
    today: chrono::NaiveDate,
) -> Result<Participation, ServiceError> {
    let event = visible(db, actor, input.event_id).await?;
    let organiser = organises(actor, &event);
    let own_subject = match actor {
        Actor::User {
            role: Role::Producer,
            subject_id,
            ..
        } => *subject_id,
        _ => None,
    };
    let note = optional_text(&input.note, "note", MAX_NOTE)?;
    match input.action.trim() {
        "apply" | "invite" => {
            let (state, side) = match (input.action.trim(), own_subject, organiser) {
                ("apply", Some(_), _) => (Participation::Applied, Side::Producer),
                ("invite", None, true) => (Participation::Invited, Side::Organiser),
                _ => return Err(ServiceError::Denied(Denied::NotAllowed)),
            };
            if !rules::open_for_applications(event.ends_on, today) {
                return Err(ServiceError::Conflict(Reason::EventClosed));
            }
            let product_id: i32 = number(&input.product_id, "product_id")?;
            let allowed = match side {
                Side::Producer => certified(db, own_subject, None, today).await?,
                Side::Organiser => {
                    certified(db, None, event.commune_code.as_deref(), today).await?
                }
            };
            if !allowed.iter().any(|c| c.product_id == product_id) {
                return Err(invalid("product_id", Reason::NotCertified));
            }
            join(db, actor, &event, product_id, state, note).await?;
            Ok(state)
        }
        "accept" | "decline" if !rules::open_for_applications(event.ends_on, today) => {
            Err(ServiceError::Conflict(Reason::EventClosed))
        }
        "accept" | "decline" => {
            let answer = if input.action.trim() == "accept" {
                Answer::Accept
            } else {
                Answer::Decline
            };
            let found = participation(db, &event, &input.participation_id).await?;
            let side = match (own_subject, organiser) {
                (Some(s), _) if s == found.subject_id => Side::Producer,
                (None, true) => Side::Organiser,
                _ => return Err(ServiceError::NotFound),
            };
            let from = Participation::parse(&found.state).unwrap_or(Participation::Declined);
            let to = rules::answer(from, answer, side)
                .ok_or(ServiceError::Conflict(Reason::ChangedMeanwhile))?;
            moved(db, actor, (&event, &found), to, note).await?;
            Ok(to)
        }
        "record" if organiser => {
            let found = participation(db, &event, &input.participation_id).await?;
            let state = Participation::parse(&found.state).unwrap_or(Participation::Declined);
            if !rules::results_recordable(state, event.starts_on, today) {
                return Err(ServiceError::Conflict(Reason::ResultsNotYet));
            }
            record(db, actor, (&event, &found), input, note).await?;
            Ok(state)
        }
        "record" => Err(ServiceError::Denied(Denied::NotAllowed)),
        _ => Err(invalid("action", Reason::Invalid)),
    }
}

async fn participation(
    db: &DatabaseConnection,
    event: &trade_event::Model,
    id: &str,
) -> Result<trade_participation::Model, ServiceError> {
    let id: i32 = id.trim().parse().map_err(|_| ServiceError::NotFound)?;
    trade_participation::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|p| p.event_id == event.id)
        .ok_or(ServiceError::NotFound)
}

async fn product_name(db: &impl ConnectionTrait, id: i32) -> Result<(String, i32), ServiceError> {
    let p = product::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((p.name, p.subject_id))
}

/// A new participation: applied by the producer (the organisers are told) or invited by the
/// organiser (the producer is told).
async fn join(
    db: &DatabaseConnection,
    actor: &Actor,
    event: &trade_event::Model,
    product_id: i32,
    state: Participation,
    note: Option<String>,
) -> Result<(), ServiceError> {
    let (name, subject_id) = product_name(db, product_id).await?;
    let taken = trade_participation::Entity::find()
        .filter(trade_participation::Column::EventId.eq(event.id))
        .filter(trade_participation::Column::ProductId.eq(product_id))
        .one(db)
        .await?;
    if taken.is_some() {
        return Err(ServiceError::Conflict(Reason::AlreadyJoined));
    }
    let txn = db.begin().await?;
    trade_participation::ActiveModel {
        event_id: Set(event.id),
        product_id: Set(product_id),
        subject_id: Set(subject_id),
        state: Set(state.as_str().to_owned()),
        note: Set(note),
        updated_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            ServiceError::Conflict(Reason::AlreadyJoined)
        }
        _ => ServiceError::Db(e),
    })?;
    log(&txn, actor, event, &name, state).await?;
    let (kind, audience) = match state {
        Participation::Invited => ("trade.invited", vec![Audience::SubjectMembers(subject_id)]),
        _ => ("trade.applied", organisers(event)),
    };
    notify(
        &txn,
        actor,
        &audience,
        kind,
        None,
        &format!("{} — {name}", event.name),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn organisers(event: &trade_event::Model) -> Vec<Audience<'_>> {
    match &event.commune_code {
        Some(code) => vec![Audience::CommuneOfficers(code)],
        None => vec![Audience::ProvincialOfficers],
    }
}

async fn log(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    event: &trade_event::Model,
    product: &str,
    state: Participation,
) -> Result<(), ServiceError> {
    let (vi, en) = state.label();
    audit::append(
        txn,
        Entry {
            actor_user_id: actor.user_id(),
            action: AuditAction::TradeParticipation,
            target_type: "trade_event",
            target_id: Some(event.id.to_string()),
            summary: format!("{product}: {en}"),
            ip: None,
            details: Default::default(),
        }
        .with("product", product)
        .with("name", &event.name)
        .with("state", Value::both(vi, en)),
    )
    .await?;
    Ok(())
}

/// An answer: the participation moves, only from the state the answer was given to.
async fn moved(
    db: &DatabaseConnection,
    actor: &Actor,
    (event, found): (&trade_event::Model, &trade_participation::Model),
    to: Participation,
    note: Option<String>,
) -> Result<(), ServiceError> {
    let (name, subject_id) = product_name(db, found.product_id).await?;
    let txn = db.begin().await?;
    let done = trade_participation::Entity::update_many()
        .col_expr(trade_participation::Column::State, Expr::value(to.as_str()))
        .col_expr(
            trade_participation::Column::Note,
            Expr::value(note.or(found.note.clone())),
        )
        .col_expr(
            trade_participation::Column::UpdatedAt,
            Expr::value(crate::clock::now()),
        )
        .filter(trade_participation::Column::Id.eq(found.id))
        .filter(trade_participation::Column::State.eq(found.state.as_str()))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    log(&txn, actor, event, &name, to).await?;
    // The side that asked hears the answer.
    let audience = if found.state == Participation::Invited.as_str() {
        organisers(event)
    } else {
        vec![Audience::SubjectMembers(subject_id)]
    };
    let kind = if to == Participation::Confirmed {
        "trade.confirmed"
    } else {
        "trade.declined"
    };
    notify(
        &txn,
        actor,
        &audience,
        kind,
        None,
        &format!("{} — {name}", event.name),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The organiser's record of what a product did at the event.
async fn record(
    db: &DatabaseConnection,
    actor: &Actor,
    (event, found): (&trade_event::Model, &trade_participation::Model),
    input: &ParticipationInput,
    note: Option<String>,
) -> Result<(), ServiceError> {
    let mut problems = Problems::default();
    let participated = match input.participated.trim() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            problems.add("participated", Reason::Required);
            None
        }
    };
    let sales = match input.sales.trim() {
        "" => Some(None),
        s => problems
            .check(number::<i64>(s, "sales").and_then(|n| {
                if (0..=MAX_SALES_VND).contains(&n) {
                    Ok(n)
                } else {
                    Err(invalid("sales", Reason::OutOfRange))
                }
            }))
            .map(Some),
    };
    let contracts = match input.contracts.trim() {
        "" => Some(None),
        s => problems
            .check(number::<i32>(s, "contracts").and_then(|n| {
                if (0..=MAX_CONTRACTS).contains(&n) {
                    Ok(n)
                } else {
                    Err(invalid("contracts", Reason::OutOfRange))
                }
            }))
            .map(Some),
    };
    problems.finish()?;
    let (Some(participated), Some(sales), Some(contracts)) = (participated, sales, contracts)
    else {
        return Err(invalid("participated", Reason::Required));
    };
    // A product that did not take part sold nothing there.
    let (sales, contracts) = if participated {
        (sales, contracts)
    } else {
        (None, None)
    };
    let (name, _) = product_name(db, found.product_id).await?;
    let txn = db.begin().await?;
    trade_participation::Entity::update_many()
        .col_expr(
            trade_participation::Column::Participated,
            Expr::value(Some(participated)),
        )
        .col_expr(trade_participation::Column::SalesVnd, Expr::value(sales))
        .col_expr(
            trade_participation::Column::Contracts,
            Expr::value(contracts),
        )
        .col_expr(
            trade_participation::Column::Note,
            Expr::value(note.or(found.note.clone())),
        )
        .col_expr(
            trade_participation::Column::UpdatedAt,
            Expr::value(crate::clock::now()),
        )
        .filter(trade_participation::Column::Id.eq(found.id))
        .exec(&txn)
        .await?;
    audit::append(
        &txn,
        Entry {
            actor_user_id: actor.user_id(),
            action: AuditAction::TradeResults,
            target_type: "trade_event",
            target_id: Some(event.id.to_string()),
            summary: format!("{name}: {}", sales.unwrap_or_default()),
            ip: None,
            details: Default::default(),
        }
        .with("product", &name)
        .with("name", &event.name)
        .with("sales", sales.map(|s| s.to_string()).unwrap_or_default())
        .with(
            "contracts",
            contracts.map(|c| c.to_string()).unwrap_or_default(),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
