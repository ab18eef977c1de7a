//! In-app notifications: a row per recipient, written in the transaction of the change it
//! announces; the badge counts the unread ones. Events that matter outside the app
//! (`domain::mail_text::MAILED`) also put an e-mail in the outbox, in the same transaction.
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::auth::Actor;
use crate::auth::Role;
use crate::domain::status::AccountStatus;
use crate::entities::{notification, user_account};
use crate::models::notifications::NotificationView;
use crate::services::ServiceError;

/// The newest this many are listed.
const LISTED: u64 = 50;

/// Who is told: the active members of a subject, the active officers of a commune, or every
/// active provincial officer.
#[derive(Debug, Clone)]
pub enum Audience<'a> {
    SubjectMembers(i32),
    CommuneOfficers(&'a str),
    ProvincialOfficers,
    /// One account (a council member, say), whatever its role.
    User(i32),
}

/// Writes one notification for everyone in `audiences` but the actor (and its e-mail, for an
/// event that is mailed); returns the rows.
///
/// # Errors
/// A database error.
pub async fn notify(
    db: &impl ConnectionTrait,
    actor: &Actor,
    audiences: &[Audience<'_>],
    kind: &str,
    dossier_id: Option<i32>,
    about: &str,
) -> Result<Vec<notification::Model>, ServiceError> {
    let mut recipients = Vec::new();
    for audience in audiences {
        let query = user_account::Entity::find()
            .filter(user_account::Column::Status.eq(AccountStatus::Active));
        let query = match audience {
            Audience::SubjectMembers(id) => query
                .filter(user_account::Column::Role.eq(Role::Producer))
                .filter(user_account::Column::SubjectId.eq(*id)),
            Audience::CommuneOfficers(code) => query
                .filter(user_account::Column::Role.eq(Role::CommuneOfficer))
                .filter(user_account::Column::CommuneCode.eq(*code)),
            Audience::ProvincialOfficers => {
                query.filter(user_account::Column::Role.eq(Role::ProvincialOfficer))
            }
            Audience::User(id) => query.filter(user_account::Column::Id.eq(*id)),
        };
        recipients.extend(query.all(db).await?);
    }
    recipients.sort_unstable_by_key(|a| a.id);
    recipients.dedup_by_key(|a| a.id);
    recipients.retain(|a| Some(a.id) != actor.user_id());
    let now = crate::clock::now();
    let mailed = crate::domain::mail_text::is_mailed(kind);
    let mut written = Vec::new();
    for account in recipients {
        let user_id = account.id;
        if mailed {
            let link = crate::domain::mail_text::link_for(kind, dossier_id);
            crate::services::mail::enqueue(db, &account, kind, about, link).await?;
        }
        written.push(
            notification::ActiveModel {
                user_id: Set(user_id),
                kind: Set(kind.to_owned()),
                dossier_id: Set(dossier_id),
                subject: Set(about.chars().take(300).collect()),
                created_at: Set(now),
                read_at: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await?,
        );
    }
    Ok(written)
}

/// The signed-in account's newest notifications.
///
/// # Errors
/// `Denied` for visitors.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<NotificationView>, ServiceError> {
    let user_id = signed_in(actor)?;
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_desc(notification::Column::Id)
        .limit(LISTED)
        .all(db)
        .await?
        .into_iter()
        .map(|n| NotificationView {
            id: n.id,
            kind: n.kind,
            dossier_id: n.dossier_id,
            about: n.subject,
            at: crate::domain::dates::time(n.created_at),
            unread: n.read_at.is_none(),
        })
        .collect())
}

/// How many are unread (the badge).
///
/// # Errors
/// A database error; 0 for visitors.
pub async fn unread_count(db: &DatabaseConnection, actor: &Actor) -> Result<u64, ServiceError> {
    let Some(user_id) = actor.user_id() else {
        return Ok(0);
    };
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// Marks all of the account's notifications read.
///
/// # Errors
/// `Denied` for visitors.
pub async fn mark_all_read(db: &DatabaseConnection, actor: &Actor) -> Result<(), ServiceError> {
    let user_id = signed_in(actor)?;
    notification::Entity::update_many()
        .col_expr(
            notification::Column::ReadAt,
            Some(crate::clock::now()).into(),
        )
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

fn signed_in(actor: &Actor) -> Result<i32, ServiceError> {
    actor
        .user_id()
        .ok_or(ServiceError::Denied(crate::auth::Denied::SignInRequired))
}
