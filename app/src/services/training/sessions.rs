//! Training sessions: recorded by the province (the Department's) or a commune (its own),
//! listed newest first with how many were listed and came.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};

use crate::auth::{Actor, Denied, Role};
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::training::{Audience, Mode};
use crate::entities::{subject, training_attendee, training_session, user_account};
use crate::models::training::{
    AttendeeRow, MAX_NAME, MAX_SESSIONS, MAX_TOPICS, TrainingInput, TrainingRow, TrainingView,
    TrainingsPage,
};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::input::{Problems, invalid, parse_date, required};
use crate::services::master_data::units::commune_names;
use crate::services::training::{official_unit, organiser_scope, visible};

/// Subjects the form offers at most (the province has a few hundred).
const MAX_SUBJECTS: u64 = 2000;

/// Records a session; returns its id.
///
/// # Errors
/// `Denied` for anyone who runs no training; `Problems` naming each wrong field.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &TrainingInput,
    today: chrono::NaiveDate,
) -> Result<i32, ServiceError> {
    let commune = organiser_scope(actor)?;
    let mut problems = Problems::default();
    let title = problems.check(required(&input.title, "title", MAX_NAME));
    let held_on = problems.check(parse_date(&input.held_on, "held_on"));
    if let Some(day) = held_on
        && (day - today).num_days().abs() > 2 * 366
    {
        problems.add("held_on", Reason::TrainingDateOutOfRange);
    }
    let mode = Mode::parse(input.mode.trim());
    if mode.is_none() {
        problems.add("mode", Reason::Required);
    }
    let audience = Audience::parse(input.audience.trim());
    if audience.is_none() {
        problems.add("audience", Reason::Required);
    }
    let place = problems.check(required(&input.place, "place", MAX_NAME));
    let topics = problems.check(required(&input.topics, "topics", MAX_TOPICS));
    let trainer = problems.check(required(&input.trainer, "trainer", MAX_NAME));
    problems.finish()?;
    let (
        Some(title),
        Some(held_on),
        Some(mode),
        Some(audience),
        Some(place),
        Some(topics),
        Some(trainer),
    ) = (title, held_on, mode, audience, place, topics, trainer)
    else {
        return Err(invalid("title", Reason::Required));
    };
    let txn = db.begin().await?;
    let row = training_session::ActiveModel {
        title: Set(title.clone()),
        held_on: Set(held_on),
        mode: Set(mode.as_str().to_owned()),
        place: Set(place),
        audience: Set(audience.as_str().to_owned()),
        topics: Set(topics),
        trainer: Set(trainer),
        commune_code: Set(commune),
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
            action: AuditAction::TrainingCreate,
            target_type: "training_session",
            target_id: Some(row.id.to_string()),
            summary: title.clone(),
            ip: None,
            details: Default::default(),
        }
        .with("title", &title)
        .with("date", crate::domain::dates::date(held_on)),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// The sessions the actor sees, newest first.
///
/// # Errors
/// `Denied` for anyone but the province and commune officers.
pub async fn list(db: &DatabaseConnection, actor: &Actor) -> Result<TrainingsPage, ServiceError> {
    let mut query = training_session::Entity::find();
    match actor {
        Actor::User {
            role: Role::ProvincialOfficer,
            ..
        } => {}
        Actor::User {
            role: Role::CommuneOfficer,
            commune_code: Some(code),
            ..
        } => {
            query = query.filter(
                Condition::any()
                    .add(training_session::Column::CommuneCode.is_null())
                    .add(training_session::Column::CommuneCode.eq(code.as_str())),
            );
        }
        Actor::Anonymous => return Err(ServiceError::Denied(Denied::SignInRequired)),
        Actor::User { .. } => return Err(ServiceError::Denied(Denied::NotAllowed)),
    }
    let sessions = query
        .order_by_desc(training_session::Column::HeldOn)
        .order_by_desc(training_session::Column::Id)
        .limit(MAX_SESSIONS)
        .all(db)
        .await?;
    Ok(TrainingsPage {
        sessions: rows(db, sessions).await?,
    })
}

async fn rows(
    db: &impl ConnectionTrait,
    sessions: Vec<training_session::Model>,
) -> Result<Vec<TrainingRow>, ServiceError> {
    let ticks: Vec<(i32, bool)> = training_attendee::Entity::find()
        .select_only()
        .column(training_attendee::Column::SessionId)
        .column(training_attendee::Column::Attended)
        .filter(training_attendee::Column::SessionId.is_in(sessions.iter().map(|s| s.id)))
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: HashMap<i32, (usize, usize)> = HashMap::new();
    for (session, attended) in ticks {
        let c = counts.entry(session).or_default();
        c.0 += 1;
        c.1 += usize::from(attended);
    }
    let communes = commune_names(db).await?;
    Ok(sessions
        .into_iter()
        .map(|s| {
            let (listed, attended) = counts.get(&s.id).copied().unwrap_or_default();
            TrainingRow {
                id: s.id,
                held_on: crate::domain::dates::date(s.held_on),
                mode: Mode::parse(&s.mode).unwrap_or(Mode::InPerson),
                audience: Audience::parse(&s.audience).unwrap_or(Audience::Producers),
                commune_name: s
                    .commune_code
                    .as_ref()
                    .and_then(|c| communes.get(c))
                    .cloned()
                    .unwrap_or_default(),
                title: s.title,
                place: s.place,
                trainer: s.trainer,
                listed,
                attended,
            }
        })
        .collect())
}

/// One session with its list, in the order people were added.
///
/// # Errors
/// `NotFound` for a session the actor does not see.
pub async fn view(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> Result<TrainingView, ServiceError> {
    let session = visible(db, actor, id).await?;
    let may_tick = super::organises(actor, &session);
    let topics = session.topics.clone();
    let attendees = training_attendee::Entity::find()
        .filter(training_attendee::Column::SessionId.eq(session.id))
        .order_by_asc(training_attendee::Column::Id)
        .all(db)
        .await?;
    let rows = attendee_rows(db, attendees, may_tick).await?;
    let subjects = if may_tick && Audience::parse(&session.audience) == Some(Audience::Producers) {
        let mut q = subject::Entity::find()
            .filter(subject::Column::Status.eq(crate::domain::status::SubjectStatus::Active));
        if let Some(code) = &session.commune_code {
            q = q.filter(subject::Column::CommuneCode.eq(code.as_str()));
        }
        q.order_by_asc(subject::Column::Name)
            .limit(MAX_SUBJECTS)
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect()
    } else {
        Vec::new()
    };
    let session = self::rows(db, vec![session])
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)?;
    Ok(TrainingView {
        session,
        topics,
        attendees: rows,
        may_tick,
        subjects,
    })
}

/// The list's rows: an account's name and unit as they are now, else what was typed.
pub(crate) async fn attendee_rows(
    db: &impl ConnectionTrait,
    attendees: Vec<training_attendee::Model>,
    with_contacts: bool,
) -> Result<Vec<AttendeeRow>, ServiceError> {
    let accounts: HashMap<i32, user_account::Model> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(attendees.iter().filter_map(|a| a.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let subject_ids = attendees
        .iter()
        .filter_map(|a| a.subject_id)
        .chain(accounts.values().filter_map(|u| u.subject_id));
    let subjects: HashMap<i32, String> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(subject_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let communes = commune_names(db).await?;
    Ok(attendees
        .into_iter()
        .map(|a| {
            let account = a.user_id.and_then(|id| accounts.get(&id));
            let subject = account
                .and_then(|u| u.subject_id)
                .or(a.subject_id)
                .and_then(|s| subjects.get(&s).cloned());
            let unit = match account {
                Some(u) if u.role != Role::Producer => official_unit(
                    u.role,
                    u.commune_code
                        .as_ref()
                        .and_then(|c| communes.get(c))
                        .map(String::as_str),
                ),
                _ => subject.or(a.subject_name.clone()).unwrap_or_default(),
            };
            let contact = account
                .and_then(|u| u.phone.clone().or(u.email.clone()))
                .or(a.contact.clone());
            AttendeeRow {
                id: a.id,
                full_name: account.map_or(a.full_name.clone(), |u| u.full_name.clone()),
                unit,
                has_account: account.is_some(),
                contact: contact.filter(|_| with_contacts),
                attended: a.attended,
            }
        })
        .collect())
}

/// The session's sign-in sheet as PDF: its organisers' only (it carries phone numbers).
///
/// # Errors
/// As `view`; `Denied` for a commune officer who only sees the Department's session.
pub async fn sign_in_sheet(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> Result<(String, Vec<u8>), ServiceError> {
    super::organised(db, actor, id).await?;
    let view = view(db, actor, id).await?;
    let bytes = crate::documents::sign_in_sheet::render(&view)?;
    Ok((format!("danh-sach-ky-ten-tap-huan-{id}.pdf"), bytes))
}
