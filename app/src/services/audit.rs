//! The append-only audit log: entries are written in the same transaction as the change they
//! describe. There is no update or delete here, and the database refuses both.
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr};

use crate::entities::audit_log;

/// One thing that happened.
pub struct Entry<'a> {
    pub actor_user_id: Option<i32>,
    /// Dotted, stable: "account.register", "account.approve", …
    pub action: &'a str,
    pub target_type: &'a str,
    pub target_id: Option<String>,
    /// Before → after, readable by a person.
    pub summary: String,
    pub ip: Option<String>,
}

/// Appends an entry (call it with the transaction that makes the change).
///
/// # Errors
/// A database error.
pub async fn append(db: &impl ConnectionTrait, entry: Entry<'_>) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        at: Set(chrono::Utc::now()),
        actor_user_id: Set(entry.actor_user_id),
        action: Set(entry.action.to_owned()),
        target_type: Set(entry.target_type.to_owned()),
        target_id: Set(entry.target_id),
        summary: Set(entry.summary),
        ip: Set(entry.ip),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
