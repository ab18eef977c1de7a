//! The append-only audit log: entries are written in the same transaction as the change they
//! describe. There is no update or delete here, and the database refuses both. Administrators
//! and provincial officers browse it.
use crate::domain::audit_action::{AuditAction, phrase_of};
use crate::domain::audit_details::{Details, Value};
use crate::domain::reason::Reason;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::entities::{audit_log, user_account};
use crate::models::audit::{AUDIT_PER_PAGE, AuditFilter, AuditPage, AuditRow};
use crate::models::reports::periodic::Text;
use crate::services::ServiceError;
use crate::services::input::invalid;

/// One thing that happened.
pub struct Entry<'a> {
    pub actor_user_id: Option<i32>,
    pub action: AuditAction,
    pub target_type: &'a str,
    pub target_id: Option<String>,
    /// Before → after in one line (kept for exports and for searching the raw log).
    pub summary: String,
    pub ip: Option<String>,
    /// The named values its sentence is written from, in the reader's language.
    pub details: Details,
}

impl<'a> Entry<'a> {
    /// An entry about one account (`target_type` "user_account").
    pub fn account(
        actor_user_id: Option<i32>,
        action: AuditAction,
        user_id: i32,
        summary: String,
        ip: Option<String>,
    ) -> Self {
        Entry {
            actor_user_id,
            action,
            target_type: "user_account",
            target_id: Some(user_id.to_string()),
            summary,
            ip,
            details: Details::new(),
        }
    }

    /// Adds a named value for the sentence.
    #[must_use]
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.details = self.details.with(key, value);
        self
    }
}

/// Appends an entry (call it with the transaction that makes the change).
///
/// # Errors
/// A database error.
pub async fn append(db: &impl ConnectionTrait, entry: Entry<'_>) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        at: Set(crate::clock::now()),
        actor_user_id: Set(entry.actor_user_id),
        action: Set(entry.action.as_str().to_owned()),
        target_type: Set(entry.target_type.to_owned()),
        target_id: Set(entry.target_id),
        summary: Set(entry.summary),
        ip: Set(entry.ip),
        details: Set((!entry.details.is_empty())
            .then(|| serde_json::to_string(&entry.details).unwrap_or_default())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A commune's name by its code, for an entry's details (the code if it is unknown).
///
/// # Errors
/// A database error.
pub(crate) async fn commune_name(db: &impl ConnectionTrait, code: &str) -> Result<String, DbErr> {
    use crate::entities::admin_unit;
    Ok(admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(code))
        .one(db)
        .await?
        .map_or_else(|| code.to_owned(), |u| u.name))
}

/// A stored file's name as its owner uploaded it, for an entry's details.
///
/// # Errors
/// A database error.
pub(crate) async fn file_name(db: &impl ConnectionTrait, file_id: i32) -> Result<String, DbErr> {
    use crate::entities::stored_file;
    Ok(stored_file::Entity::find_by_id(file_id)
        .one(db)
        .await?
        .map(|f| f.original_name)
        .unwrap_or_default())
}

/// A role, and the commune it works for: "cán bộ xã (Xã Chi Lăng)".
pub(crate) fn role_at(role: crate::auth::Role, commune: Option<&str>) -> Value {
    let Value::Both { vi, en } = Value::from(role) else {
        return Value::from(role);
    };
    match commune {
        Some(c) => Value::both(format!("{vi} ({c})"), format!("{en} ({c})")),
        None => Value::both(vi, en),
    }
}

/// One page of the log, newest first, filtered; each entry names its actor.
///
/// # Errors
/// `Denied` for anyone but administrators and provincial officers; a database error.
pub async fn browse(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &AuditFilter,
) -> Result<AuditPage, ServiceError> {
    allowed(actor, Action::ViewAuditLog, Resource::Nothing).map_err(ServiceError::Denied)?;
    let mut query = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id);
    let action = filter.action.trim();
    if let Some(family) = action.strip_suffix('.') {
        query = query.filter(audit_log::Column::Action.starts_with(format!("{family}.")));
    } else if !action.is_empty() {
        query = query.filter(audit_log::Column::Action.eq(action));
    }
    if let Some(actor_id) = filter.actor_user_id {
        query = query.filter(audit_log::Column::ActorUserId.eq(actor_id));
    }
    if let Some(target) = filter.target_user_id {
        query = query
            .filter(audit_log::Column::TargetType.eq("user_account"))
            .filter(audit_log::Column::TargetId.eq(target.to_string()));
    }
    if let Some(from) = day(&filter.from, "from")? {
        query = query.filter(audit_log::Column::At.gte(from));
    }
    if let Some(to) = day(&filter.to, "to")? {
        query = query.filter(audit_log::Column::At.lt(to + chrono::Duration::days(1)));
    }
    let page = filter.page.max(1);
    // One row more than a page tells whether an older page exists without counting them all.
    let mut entries = query
        .offset(((page - 1) * AUDIT_PER_PAGE) as u64)
        .limit(AUDIT_PER_PAGE as u64 + 1)
        .all(db)
        .await?;
    let has_more = entries.len() > AUDIT_PER_PAGE;
    entries.truncate(AUDIT_PER_PAGE);
    let names = actor_names(db, &entries).await?;
    let rows = entries
        .into_iter()
        .map(|e| AuditRow {
            id: e.id,
            at: crate::domain::dates::time_seconds(e.at),
            actor_name: e
                .actor_user_id
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_default(),
            actor_user_id: e.actor_user_id,
            sentence: sentence_of(&e),
            action: e.action,
            target_type: e.target_type,
            target_id: e.target_id,
            summary: e.summary,
            ip: e.ip,
        })
        .collect();
    Ok(AuditPage {
        rows,
        has_more,
        page,
    })
}

/// The names of the accounts that wrote `entries`, by id (one query).
///
/// # Errors
/// A database error.
pub(crate) async fn actor_names(
    db: &impl ConnectionTrait,
    entries: &[audit_log::Model],
) -> Result<HashMap<i32, String>, DbErr> {
    let actor_ids: Vec<i32> = entries.iter().filter_map(|e| e.actor_user_id).collect();
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(actor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.full_name))
        .collect())
}

/// How an entry reads, in both languages: from its details, or — for an entry written before
/// details were kept — the action's sentence followed by its one-line summary.
pub(crate) fn sentence_of(entry: &audit_log::Model) -> Text {
    let details = entry
        .details
        .as_deref()
        .and_then(|json| serde_json::from_str::<Details>(json).ok());
    let phrase = phrase_of(&entry.action, details.as_ref().unwrap_or(&Details::new()));
    match details {
        Some(_) => phrase,
        None if entry.summary.is_empty() => phrase,
        None => Text::new(
            format!("{} ({})", phrase.vi, entry.summary),
            format!("{} ({})", phrase.en, entry.summary),
        ),
    }
}

/// A "yyyy-mm-dd" filter date as the start of that day in Vietnam; empty means no bound.
fn day(value: &str, field: &'static str) -> Result<Option<DateTime<Utc>>, ServiceError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| invalid(field, Reason::InvalidDate))?;
    Ok(Some(crate::domain::dates::from_local(
        date.and_time(NaiveTime::MIN),
    )))
}
