//! Trade-promotion events: recorded by the province (for every producer) or a commune (for
//! its own), listed for whoever sees them with how many products take part and their sales.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};

use crate::auth::{Action, Actor, Role};
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::trade_event::{self as rules, EventKind, Participation};
use crate::entities::{product, subject, trade_event, trade_participation};
use crate::models::trade::{
    MAX_EVENTS, MAX_NAME, MAX_NOTE, ParticipantRow, ProductChoice, TradeEventInput, TradeEventRow,
    TradeEventView, TradeEventsPage,
};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::input::{Problems, invalid, required};
use crate::services::input::{optional_text, parse_date};
use crate::services::master_data::units::commune_names;
use crate::services::trade::{organises, visible};

/// The commune an official records events for: `None` for the province.
fn organiser_scope(actor: &Actor) -> Result<Option<String>, ServiceError> {
    crate::services::guards::commune_or_province(actor, Action::PromoteTrade)
}

/// Records an event; returns its id.
///
/// # Errors
/// `Denied` for anyone who does not organise; `Problems` naming each wrong field.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &TradeEventInput,
    today: chrono::NaiveDate,
) -> Result<i32, ServiceError> {
    let commune = organiser_scope(actor)?;
    let mut problems = Problems::default();
    let name = problems.check(required(&input.name, "name", MAX_NAME));
    let kind = EventKind::parse(input.kind.trim());
    if kind.is_none() {
        problems.add("kind", Reason::Required);
    }
    let starts = problems.check(parse_date(&input.starts_on, "starts_on"));
    let ends = problems.check(parse_date(&input.ends_on, "ends_on"));
    if let (Some(s), Some(e)) = (starts, ends)
        && (e < s || (e - s).num_days() > 366)
    {
        problems.add("ends_on", Reason::EventDates);
    }
    if let Some(s) = starts
        && (s - today).num_days().abs() > 2 * 366
    {
        problems.add("starts_on", Reason::PlanDateOutOfRange);
    }
    let place = problems.check(required(&input.place, "place", MAX_NAME));
    let organiser = problems.check(required(&input.organiser, "organiser", MAX_NAME));
    let note = problems.check(optional_text(&input.note, "note", MAX_NOTE));
    problems.finish()?;
    let (
        Some(name),
        Some(kind),
        Some(starts),
        Some(ends),
        Some(place),
        Some(organiser),
        Some(note),
    ) = (name, kind, starts, ends, place, organiser, note)
    else {
        return Err(invalid("name", Reason::Required));
    };
    let txn = db.begin().await?;
    let row = trade_event::ActiveModel {
        name: Set(name.clone()),
        kind: Set(kind.as_str().to_owned()),
        starts_on: Set(starts),
        ends_on: Set(ends),
        place: Set(place),
        organiser: Set(organiser),
        commune_code: Set(commune),
        note: Set(note),
        created_by: Set(actor.user_id().unwrap_or_default()),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        Entry {
            actor_user_id: actor.user_id(),
            action: AuditAction::TradeEventCreate,
            target_type: "trade_event",
            target_id: Some(row.id.to_string()),
            summary: name.clone(),
            ip: None,
            details: Default::default(),
        }
        .with("name", &name)
        .with("date", crate::domain::dates::date(starts)),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// The events the actor sees, newest first.
///
/// # Errors
/// `Denied` for those with no part in trade promotion (council, administrators, visitors).
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    today: chrono::NaiveDate,
) -> Result<TradeEventsPage, ServiceError> {
    let Actor::User {
        role, commune_code, ..
    } = actor
    else {
        return Err(ServiceError::Denied(crate::auth::Denied::SignInRequired));
    };
    let mut query = trade_event::Entity::find();
    match role {
        Role::ProvincialOfficer => {}
        Role::Producer | Role::CommuneOfficer => {
            let mut scope = Condition::any().add(trade_event::Column::CommuneCode.is_null());
            if let Some(code) = commune_code {
                scope = scope.add(trade_event::Column::CommuneCode.eq(code.as_str()));
            }
            query = query.filter(scope);
        }
        _ => return Err(ServiceError::Denied(crate::auth::Denied::NotAllowed)),
    }
    let events = query
        .order_by_desc(trade_event::Column::StartsOn)
        .order_by_desc(trade_event::Column::Id)
        .limit(MAX_EVENTS)
        .all(db)
        .await?;
    let rows = rows(db, events, today, actor).await?;
    Ok(TradeEventsPage {
        events: rows,
        may_organise: organiser_scope(actor).is_ok(),
    })
}

async fn rows(
    db: &DatabaseConnection,
    events: Vec<trade_event::Model>,
    today: chrono::NaiveDate,
    actor: &Actor,
) -> Result<Vec<TradeEventRow>, ServiceError> {
    let taking_part = trade_participation::Entity::find()
        .filter(trade_participation::Column::EventId.is_in(events.iter().map(|e| e.id)))
        .filter(trade_participation::Column::State.eq(Participation::Confirmed.as_str()))
        .all(db)
        .await?
        .into_iter()
        .filter(|p| p.participated != Some(false));
    let mut counts: HashMap<i32, (usize, i64)> = HashMap::new();
    for p in taking_part {
        let entry = counts.entry(p.event_id).or_default();
        entry.0 += 1;
        entry.1 += p.sales_vnd.unwrap_or_default();
    }
    let communes = commune_names(db).await?;
    Ok(events
        .into_iter()
        .map(|e| {
            let (taking_part, sales_vnd) = counts.get(&e.id).copied().unwrap_or_default();
            let sales_vnd = organises(actor, &e).then_some(sales_vnd);
            TradeEventRow {
                id: e.id,
                kind: EventKind::parse(&e.kind).unwrap_or(EventKind::Fair),
                starts_on: crate::domain::dates::date(e.starts_on),
                ends_on: crate::domain::dates::date(e.ends_on),
                open: rules::open_for_applications(e.ends_on, today),
                commune_name: e
                    .commune_code
                    .as_ref()
                    .and_then(|c| communes.get(c))
                    .cloned()
                    .unwrap_or_default(),
                name: e.name,
                place: e.place,
                organiser: e.organiser,
                taking_part,
                sales_vnd,
            }
        })
        .collect())
}

/// One event as the actor sees it, with the products the forms offer.
///
/// # Errors
/// `NotFound` for an event the actor does not see.
pub async fn view(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    today: chrono::NaiveDate,
) -> Result<TradeEventView, ServiceError> {
    let event = visible(db, actor, id).await?;
    let as_organiser = organises(actor, &event);
    let own_subject = match actor {
        Actor::User {
            role: Role::Producer,
            subject_id,
            ..
        } => *subject_id,
        _ => None,
    };
    let mut query = trade_participation::Entity::find()
        .filter(trade_participation::Column::EventId.eq(event.id));
    if !as_organiser {
        // A producer sees their own products' places; a commune officer of a province event
        // sees who takes part.
        match own_subject {
            Some(s) => query = query.filter(trade_participation::Column::SubjectId.eq(s)),
            None => {
                query = query.filter(
                    trade_participation::Column::State.eq(Participation::Confirmed.as_str()),
                )
            }
        }
    }
    let participations = query
        .order_by_asc(trade_participation::Column::Id)
        .all(db)
        .await?;
    let products: HashMap<i32, product::Model> = product::Entity::find()
        .filter(product::Column::Id.is_in(participations.iter().map(|p| p.product_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let subjects: HashMap<i32, String> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(participations.iter().map(|p| p.subject_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let joined: Vec<i32> = participations.iter().map(|p| p.product_id).collect();
    let open = rules::open_for_applications(event.ends_on, today);
    let choices = if !open {
        Vec::new()
    } else if let Some(s) = own_subject {
        crate::services::trade::participation::certified(db, Some(s), None, today).await?
    } else if as_organiser {
        crate::services::trade::participation::certified(
            db,
            None,
            event.commune_code.as_deref(),
            today,
        )
        .await?
    } else {
        Vec::new()
    }
    .into_iter()
    .filter(|c: &ProductChoice| !joined.contains(&c.product_id))
    .collect();
    let note = event.note.clone();
    let results_open = event.starts_on <= today;
    let event = rows(db, vec![event], today, actor)
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)?;
    Ok(TradeEventView {
        event,
        note,
        participants: participations
            .into_iter()
            .map(|p| {
                // Sales, contracts and notes are the organiser's and the producer's own.
                let theirs = as_organiser || own_subject == Some(p.subject_id);
                ParticipantRow {
                    id: p.id,
                    product_id: p.product_id,
                    product_name: products
                        .get(&p.product_id)
                        .map(|x| x.name.clone())
                        .unwrap_or_default(),
                    subject_name: subjects.get(&p.subject_id).cloned().unwrap_or_default(),
                    state: Participation::parse(&p.state).unwrap_or(Participation::Applied),
                    note: p.note.filter(|_| theirs),
                    participated: p.participated,
                    sales_vnd: p.sales_vnd.filter(|_| theirs),
                    contracts: p.contracts.filter(|_| theirs),
                }
            })
            .collect(),
        as_organiser,
        as_producer: own_subject.is_some(),
        choices,
        results_open,
    })
}

/// Products taking part in events that started in `year`, of `communes` (all when `None`), or
/// of one subject: the dashboard's count.
///
/// # Errors
/// A database error.
pub(crate) async fn taking_part_in_year(
    db: &impl sea_orm::ConnectionTrait,
    year: i32,
    communes: Option<&[String]>,
    subject: Option<i32>,
) -> Result<i64, ServiceError> {
    let (Some(start), Some(end)) = (
        chrono::NaiveDate::from_ymd_opt(year, 1, 1),
        chrono::NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Ok(0);
    };
    let events: Vec<i32> = trade_event::Entity::find()
        .filter(trade_event::Column::StartsOn.between(start, end))
        .select_only()
        .column(trade_event::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut query = trade_participation::Entity::find()
        .filter(trade_participation::Column::EventId.is_in(events))
        .filter(trade_participation::Column::State.eq(Participation::Confirmed.as_str()))
        // Recorded as absent, a product did not take part.
        .filter(
            Condition::any()
                .add(trade_participation::Column::Participated.is_null())
                .add(trade_participation::Column::Participated.eq(true)),
        );
    if let Some(s) = subject {
        query = query.filter(trade_participation::Column::SubjectId.eq(s));
    }
    // Active subjects only, as the other figures count them.
    let mut subjects = subject::Entity::find()
        .filter(subject::Column::Status.eq(crate::domain::status::SubjectStatus::Active));
    if let Some(codes) = communes {
        subjects = subjects.filter(subject::Column::CommuneCode.is_in(codes.to_vec()));
    }
    let subjects: Vec<i32> = subjects
        .select_only()
        .column(subject::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let products: std::collections::BTreeSet<i32> = query
        .filter(trade_participation::Column::SubjectId.is_in(subjects))
        .select_only()
        .column(trade_participation::Column::ProductId)
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(i64::try_from(products.len()).unwrap_or_default())
}
