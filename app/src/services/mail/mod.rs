//! E-mail through an outbox. A message is written into `mail_outbox` inside the transaction of
//! the change it announces (`enqueue`), so it exists exactly when the change does; the worker in
//! `sender` hands it to the mail server later, retrying with back-off. Without a mail server
//! configured nothing is sent and messages wait (those too old then are never sent: see
//! `sender::MAX_AGE_HOURS`); the in-app notifications work as always.
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr};

use crate::entities::{mail_outbox, user_account};

pub mod outbox_view;
pub mod sender;

/// Where a message is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Waiting for its (next) attempt.
    Pending,
    /// A worker holds it until `next_attempt_at` (a lease: a worker that dies mid-send lets
    /// another take it over then).
    Sending,
    Sent,
    /// Refused for good by the mail server.
    Failed,
    /// Not sent within `sender::MAX_AGE_HOURS`: too late to be of use.
    Expired,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Sending => "sending",
            State::Sent => "sent",
            State::Failed => "failed",
            State::Expired => "expired",
        }
    }
}

/// Writes a message for `to` in the caller's transaction; nothing for an account without an
/// e-mail address (it still has the in-app notification, or the officer hands the link over).
///
/// # Errors
/// A database error (which undoes the caller's change with it).
pub async fn enqueue(
    txn: &impl ConnectionTrait,
    to: &user_account::Model,
    kind: &str,
    about: &str,
    link_path: Option<String>,
) -> Result<bool, DbErr> {
    let Some(address) = to.email.clone().filter(|e| !e.is_empty()) else {
        return Ok(false);
    };
    let now = crate::clock::now();
    mail_outbox::ActiveModel {
        recipient_id: Set(Some(to.id)),
        to_address: Set(address),
        language: Set(if to.language == "en" { "en" } else { "vi" }.to_owned()),
        kind: Set(kind.chars().take(40).collect()),
        about: Set(about.chars().take(300).collect()),
        link_path: Set(link_path.map(|p| p.chars().take(300).collect())),
        state: Set(State::Pending.as_str().to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(true)
}
