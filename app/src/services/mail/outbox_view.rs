//! What an operator sees of the outbox (`/admin/mail`): counts by state and the newest
//! messages with their last error, and a test message to their own address — the way to check
//! `SMTP_URL` after setting it.
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::State;
use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::reason::Reason;
use crate::entities::{mail_outbox, user_account};
use crate::models::mail::{OutboxMessage, OutboxView};
use crate::services::ServiceError;

/// The newest this many are listed.
const LISTED: u64 = 100;

const STATES: [State; 5] = [
    State::Pending,
    State::Sending,
    State::Sent,
    State::Failed,
    State::Expired,
];

/// The outbox's counts and newest messages (only those in `state` when one is named).
///
/// # Errors
/// `Denied` for anyone but the province and administrators; a database error.
pub async fn overview(
    db: &DatabaseConnection,
    actor: &Actor,
    enabled: bool,
    state: &str,
) -> Result<OutboxView, ServiceError> {
    allowed(actor, Action::ViewMailOutbox, Resource::Nothing).map_err(ServiceError::Denied)?;
    let mut counts = Vec::new();
    for s in STATES {
        let n = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::State.eq(s.as_str()))
            .count(db)
            .await?;
        counts.push((s.as_str().to_owned(), n));
    }
    let mut query = mail_outbox::Entity::find();
    if let Some(s) = STATES.iter().find(|s| s.as_str() == state) {
        query = query.filter(mail_outbox::Column::State.eq(s.as_str()));
    }
    let messages = query
        .order_by_desc(mail_outbox::Column::Id)
        .limit(LISTED)
        .all(db)
        .await?
        .into_iter()
        .map(|m| OutboxMessage {
            id: m.id,
            created_at: crate::domain::dates::time(m.created_at),
            to_address: m.to_address,
            kind: m.kind,
            state: m.state,
            attempts: m.attempts,
            last_error: m.last_error,
            sent_at: m.sent_at.map(crate::domain::dates::time),
        })
        .collect();
    Ok(OutboxView {
        enabled,
        counts,
        messages,
    })
}

/// Puts a test message to the actor's own address in the outbox; returns the address.
///
/// # Errors
/// `Denied` as for `overview`; `Invalid("email", NoEmail)` for an account without an address.
pub async fn send_test(db: &DatabaseConnection, actor: &Actor) -> Result<String, ServiceError> {
    allowed(actor, Action::ViewMailOutbox, Resource::Nothing).map_err(ServiceError::Denied)?;
    let me = user_account::Entity::find_by_id(actor.user_id().unwrap_or_default())
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let Some(address) = me.email.clone().filter(|e| !e.is_empty()) else {
        return Err(crate::services::input::invalid("email", Reason::NoEmail));
    };
    super::enqueue(
        db,
        &me,
        "mail.test",
        &me.full_name,
        Some("/admin/mail".into()),
    )
    .await?;
    Ok(address)
}
