//! A session's list: accounts found by name, phone or e-mail, or people without an account
//! by name (with their subject and a phone or e-mail); the ticks of who came; and the link of
//! a listed person to the account they register later with the same phone or e-mail.
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};

use crate::auth::{Actor, Role};
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::status::AccountStatus;
use crate::domain::training::{Audience, MAX_ATTENDEES, contact_key};
use crate::entities::{subject, training_attendee, training_session, user_account};
use crate::models::training::{
    AccountMatch, AttendanceInput, AttendeeInput, MAX_MATCHES, MAX_NAME,
};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::input::{Problems, invalid, optional_text, required};
use crate::services::training::organised;

/// The longest search.
const MAX_QUERY: usize = 100;

fn entry<'a>(
    actor: &Actor,
    action: AuditAction,
    session: &'a training_session::Model,
) -> Entry<'a> {
    Entry {
        actor_user_id: actor.user_id(),
        action,
        target_type: "training_session",
        target_id: Some(session.id.to_string()),
        summary: session.title.clone(),
        ip: None,
        details: Default::default(),
    }
    .with("title", &session.title)
}

/// The accounts a session may list: officials or producers as its audience says, of its
/// commune for a commune's session, active or waiting for approval.
fn audience_of(session: &training_session::Model) -> Condition {
    let producers = Audience::parse(&session.audience) == Some(Audience::Producers);
    let mut c = Condition::all()
        .add(user_account::Column::Status.is_in([AccountStatus::Active, AccountStatus::Pending]));
    c = if producers {
        c.add(user_account::Column::Role.eq(Role::Producer))
    } else {
        c.add(user_account::Column::Role.ne(Role::Producer))
    };
    if let Some(code) = &session.commune_code {
        c = c.add(user_account::Column::CommuneCode.eq(code.as_str()));
    }
    c
}

/// Accounts matching `query` (name, phone or e-mail) that the session may still list.
///
/// # Errors
/// `NotFound`/`Denied` unless the actor runs the session; `Invalid` (`query`) for a search
/// shorter than 2 or longer than 100 characters.
pub async fn search_accounts(
    db: &DatabaseConnection,
    actor: &Actor,
    session_id: i32,
    query: &str,
) -> Result<Vec<AccountMatch>, ServiceError> {
    let session = organised(db, actor, session_id).await?;
    let query = query.trim().to_lowercase();
    let length = query.chars().count();
    if length < 2 {
        return Err(invalid("query", Reason::Required));
    }
    if length > MAX_QUERY {
        return Err(invalid("query", Reason::TooLong));
    }
    let pattern = format!("%{}%", query.replace(['\\', '%', '_'], ""));
    let listed: Vec<i32> = training_attendee::Entity::find()
        .select_only()
        .column(training_attendee::Column::UserId)
        .filter(training_attendee::Column::SessionId.eq(session.id))
        .filter(training_attendee::Column::UserId.is_not_null())
        .into_tuple::<Option<i32>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    let lower = |col: user_account::Column| Expr::expr(Func::lower(Expr::col(col)));
    let accounts = user_account::Entity::find()
        .filter(audience_of(&session))
        .filter(user_account::Column::Id.is_not_in(listed))
        .filter(
            Condition::any()
                .add(lower(user_account::Column::FullName).like(pattern.as_str()))
                .add(lower(user_account::Column::Email).like(pattern.as_str()))
                .add(user_account::Column::Phone.like(pattern.as_str())),
        )
        .order_by_asc(user_account::Column::FullName)
        .limit(MAX_MATCHES)
        .all(db)
        .await?;
    let rows = super::sessions::attendee_rows(
        db,
        accounts
            .iter()
            .map(|u| training_attendee::Model {
                id: u.id,
                session_id: session.id,
                user_id: Some(u.id),
                full_name: u.full_name.clone(),
                subject_id: None,
                subject_name: None,
                contact: None,
                attended: false,
                added_at: u.created_at,
            })
            .collect(),
        false,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AccountMatch {
            user_id: r.id,
            full_name: r.full_name,
            unit: r.unit,
        })
        .collect())
}

/// Puts someone on the list: an account (`user_id`), or a person by name; a person whose
/// phone or e-mail is already an account's is listed as that account. Returns the row's id.
///
/// # Errors
/// `NotFound`/`Denied` unless the actor runs the session; `Problems` naming each wrong field;
/// `Conflict` (`AlreadyListed`, `TooManyAttendees`).
pub async fn add(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &AttendeeInput,
) -> Result<i32, ServiceError> {
    let session = organised(db, actor, input.session_id).await?;
    let txn = db.begin().await?;
    // Writing the session's row locks it, so two additions count one after the other.
    training_session::Entity::update_many()
        .col_expr(
            training_session::Column::Id,
            Expr::col(training_session::Column::Id),
        )
        .filter(training_session::Column::Id.eq(session.id))
        .exec(&txn)
        .await?;
    let count = training_attendee::Entity::find()
        .filter(training_attendee::Column::SessionId.eq(session.id))
        .count(&txn)
        .await?;
    if count >= MAX_ATTENDEES as u64 {
        return Err(ServiceError::Conflict(Reason::TooManyAttendees));
    }
    let mut row = if input.user_id.trim().is_empty() {
        by_name(&txn, &session, input).await?
    } else {
        let id = input
            .user_id
            .trim()
            .parse::<i32>()
            .map_err(|_| invalid("user_id", Reason::Invalid))?;
        let account = in_audience(&txn, &session, id)
            .await?
            .ok_or_else(|| invalid("user_id", Reason::AccountOutOfScope))?;
        account_row(&session, &account)
    };
    if let Some(user_id) = row.user_id.clone().take().flatten() {
        let listed = training_attendee::Entity::find()
            .filter(training_attendee::Column::SessionId.eq(session.id))
            .filter(training_attendee::Column::UserId.eq(user_id))
            .count(&txn)
            .await?;
        if listed > 0 {
            return Err(ServiceError::Conflict(Reason::AlreadyListed));
        }
    }
    row.added_at = Set(crate::clock::now());
    let person = match &row.full_name {
        Set(name) => name.clone(),
        _ => String::new(),
    };
    let saved = row.insert(&txn).await?;
    audit::append(
        &txn,
        entry(actor, AuditAction::TrainingAttendeeAdd, &session).with("person", &person),
    )
    .await?;
    txn.commit().await?;
    Ok(saved.id)
}

fn account_row(
    session: &training_session::Model,
    account: &user_account::Model,
) -> training_attendee::ActiveModel {
    training_attendee::ActiveModel {
        session_id: Set(session.id),
        user_id: Set(Some(account.id)),
        full_name: Set(account.full_name.clone()),
        subject_id: Set(account.subject_id),
        attended: Set(false),
        ..Default::default()
    }
}

async fn in_audience(
    db: &impl ConnectionTrait,
    session: &training_session::Model,
    user_id: i32,
) -> Result<Option<user_account::Model>, ServiceError> {
    Ok(user_account::Entity::find_by_id(user_id)
        .filter(audience_of(session))
        .one(db)
        .await?)
}

/// A person without an account: their name, subject (one of the session's commune, or a
/// name as typed) and contact; listed as the account if the contact is one's.
async fn by_name(
    db: &impl ConnectionTrait,
    session: &training_session::Model,
    input: &AttendeeInput,
) -> Result<training_attendee::ActiveModel, ServiceError> {
    let mut problems = Problems::default();
    let full_name = problems.check(required(&input.full_name, "full_name", 200));
    let subject_name = problems.check(optional_text(&input.subject_name, "subject_name", MAX_NAME));
    let contact = problems.check(optional_text(&input.contact, "contact", 254));
    let contact = match contact.flatten() {
        Some(typed) => match contact_key(&typed) {
            Some(key) => Some(key),
            None => {
                problems.add("contact", Reason::InvalidContact);
                None
            }
        },
        None => None,
    };
    let subject_id = match input.subject_id.trim() {
        "" => None,
        typed => {
            let found = match typed.parse::<i32>() {
                Ok(id) => subject::Entity::find_by_id(id).one(db).await?,
                Err(_) => None,
            };
            match found.filter(|s| {
                session
                    .commune_code
                    .as_ref()
                    .is_none_or(|c| *c == s.commune_code)
            }) {
                Some(s) => Some(s.id),
                None => {
                    problems.add("subject_id", Reason::AccountOutOfScope);
                    None
                }
            }
        }
    };
    problems.finish()?;
    if let Some(key) = &contact {
        let account = user_account::Entity::find()
            .filter(
                Condition::any()
                    .add(user_account::Column::Email.eq(key.as_str()))
                    .add(user_account::Column::Phone.eq(key.as_str())),
            )
            .filter(audience_of(session))
            .one(db)
            .await?;
        if let Some(account) = account {
            return Ok(account_row(session, &account));
        }
    }
    Ok(training_attendee::ActiveModel {
        session_id: Set(session.id),
        user_id: Set(None),
        full_name: Set(full_name.unwrap_or_default()),
        subject_id: Set(subject_id),
        subject_name: Set(subject_name.flatten()),
        contact: Set(contact),
        attended: Set(false),
        ..Default::default()
    })
}

/// Takes someone off the list. Someone no longer on it (removed from another tab, or a row of
/// another session) is left as they are: there is nothing to remove.
///
/// # Errors
/// `NotFound`/`Denied` unless the actor runs the session.
pub async fn remove(
    db: &DatabaseConnection,
    actor: &Actor,
    session_id: i32,
    attendee_id: i32,
) -> Result<(), ServiceError> {
    let session = organised(db, actor, session_id).await?;
    let Some(row) = training_attendee::Entity::find_by_id(attendee_id)
        .filter(training_attendee::Column::SessionId.eq(session.id))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let txn = db.begin().await?;
    training_attendee::Entity::delete_by_id(row.id)
        .exec(&txn)
        .await?;
    audit::append(
        &txn,
        entry(actor, AuditAction::TrainingAttendeeRemove, &session).with("person", &row.full_name),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Ticks who came (every listed person not in `attended` did not), from the session's day.
///
/// # Errors
/// `NotFound`/`Denied` unless the actor runs the session; `Conflict` (`TrainingNotHeld`)
/// before its day; `Invalid` for more ids than the list can hold.
pub async fn tick(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &AttendanceInput,
    today: chrono::NaiveDate,
) -> Result<usize, ServiceError> {
    let session = organised(db, actor, input.session_id).await?;
    if session.held_on > today {
        return Err(ServiceError::Conflict(Reason::TrainingNotHeld));
    }
    if input.attended.len() > MAX_ATTENDEES {
        return Err(invalid("attended", Reason::TooManyAttendees));
    }
    let txn = db.begin().await?;
    training_attendee::Entity::update_many()
        .col_expr(training_attendee::Column::Attended, Expr::value(false))
        .filter(training_attendee::Column::SessionId.eq(session.id))
        .exec(&txn)
        .await?;
    // Ids of another session's list are not this session's: the filter leaves them alone.
    let came = training_attendee::Entity::update_many()
        .col_expr(training_attendee::Column::Attended, Expr::value(true))
        .filter(training_attendee::Column::SessionId.eq(session.id))
        .filter(training_attendee::Column::Id.is_in(input.attended.clone()))
        .exec(&txn)
        .await?
        .rows_affected;
    let came = usize::try_from(came).unwrap_or(usize::MAX);
    audit::append(
        &txn,
        entry(actor, AuditAction::TrainingAttendance, &session).with("attended", came),
    )
    .await?;
    txn.commit().await?;
    Ok(came)
}

/// Links the people listed without an account whose phone or e-mail is the new account's
/// (called when an account is created); returns how many rows it linked.
///
/// # Errors
/// A database error.
pub async fn link_account(
    db: &impl ConnectionTrait,
    account: &user_account::Model,
) -> Result<usize, ServiceError> {
    let keys: Vec<String> = [account.email.clone(), account.phone.clone()]
        .into_iter()
        .flatten()
        .collect();
    if keys.is_empty() {
        return Ok(0);
    }
    let waiting = training_attendee::Entity::find()
        .filter(training_attendee::Column::UserId.is_null())
        .filter(training_attendee::Column::Contact.is_in(keys))
        .all(db)
        .await?;
    let mut linked = 0;
    for row in waiting {
        // Already listed by account in that session: the typed row stays as it was.
        let listed = training_attendee::Entity::find()
            .filter(training_attendee::Column::SessionId.eq(row.session_id))
            .filter(training_attendee::Column::UserId.eq(account.id))
            .count(db)
            .await?;
        if listed > 0 {
            continue;
        }
        let Some(session) = training_session::Entity::find_by_id(row.session_id)
            .one(db)
            .await?
        else {
            continue;
        };
        let person = row.full_name.clone();
        let mut active: training_attendee::ActiveModel = row.into();
        active.user_id = Set(Some(account.id));
        if account.subject_id.is_some() {
            active.subject_id = Set(account.subject_id);
        }
        active.update(db).await?;
        audit::append(
            db,
            Entry {
                actor_user_id: Some(account.id),
                ..entry(&Actor::Anonymous, AuditAction::TrainingLinked, &session)
            }
            .with("person", &person),
        )
        .await?;
        linked += 1;
    }
    Ok(linked)
}
