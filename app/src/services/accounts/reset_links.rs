//! One-time links to set a password: issued by an administrator or provincial officer (for a
//! forgotten password, or for a new official's first one), by a commune officer for a producer
//! of their commune, or asked for by the owner ("forgot password"); redeemed by the owner.
//!
//! Only the SHA-256 of a token is stored; the token itself exists only in the link. A link
//! works once, for `LINK_VALID_HOURS`, and issuing a new one cancels the older ones.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::status::AccountStatus;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, TransactionTrait,
};
use sha2::{Digest, Sha256};

use crate::auth::{Action, Actor, hashing};
use crate::domain::password;
use crate::entities::{password_reset, user_account};
use crate::models::accounts::admin::ResetLink;
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::input::invalid;

/// Long enough to hand a link over by phone or on paper, short enough to limit a lost one.
pub const LINK_VALID_HOURS: i64 = 72;

/// How a new link reaches its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Shown to the officer, who hands it over (no mail server, or no e-mail address).
    HandOver,
    /// E-mailed through the outbox as a message of this kind ("password.link",
    /// "account.invited"); the officer does not see it. Accounts without an e-mail address
    /// still get it handed over.
    Mail(&'static str),
}

/// Issues a link for an active account after checking the actor may.
///
/// # Errors
/// `Denied`, `NotFound`, `Conflict(Reason::NotActive)` for an account that is pending, rejected or
/// locked (unlock it first); a database error.
pub async fn issue_reset_link(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    ip: Option<String>,
    delivery: Delivery,
) -> Result<ResetLink, ServiceError> {
    let (account, _) = crate::services::accounts::registration::account_for(
        db,
        actor,
        Action::IssueResetLink,
        user_id,
    )
    .await?;
    if account.status != AccountStatus::Active {
        return Err(ServiceError::Conflict(Reason::NotActive));
    }
    let txn = db.begin().await?;
    let link = issue(&txn, &account, actor.user_id(), ip, delivery).await?;
    txn.commit().await?;
    Ok(link)
}

/// Writes a new link for `account` (cancelling older unused ones), its audit entry and, to be
/// mailed, its message; the caller has checked permission and commits.
pub(crate) async fn issue(
    txn: &impl ConnectionTrait,
    account: &user_account::Model,
    created_by: Option<i32>,
    ip: Option<String>,
    delivery: Delivery,
) -> Result<ResetLink, DbErr> {
    cancel_open_links(txn, account.id).await?;
    let token = random_token();
    let expires_at = crate::clock::now() + chrono::Duration::hours(LINK_VALID_HOURS);
    password_reset::ActiveModel {
        user_id: Set(account.id),
        token_hash: Set(token_hash(&token)),
        created_by: Set(created_by.unwrap_or(account.id)),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(Some(crate::clock::now())),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    audit::append(
        txn,
        Entry::account(
            created_by,
            AuditAction::AccountResetLink,
            account.id,
            format!(
                "{}: one-time password link issued, valid {LINK_VALID_HOURS} h",
                account.full_name
            ),
            ip,
        )
        .with("name", &account.full_name)
        .with("until", crate::domain::dates::time(expires_at)),
    )
    .await?;
    let path = format!("/reset-password?token={token}");
    let mailed = match delivery {
        Delivery::Mail(kind) => {
            crate::services::mail::enqueue(
                txn,
                account,
                kind,
                &account.full_name,
                Some(path.clone()),
            )
            .await?
        }
        Delivery::HandOver => false,
    };
    Ok(ResetLink {
        user_id: account.id,
        full_name: account.full_name.clone(),
        contact: account
            .email
            .clone()
            .or_else(|| account.phone.clone())
            .unwrap_or_default(),
        // A mailed link is for its owner's eyes only.
        path: if mailed { String::new() } else { path },
        expires_at: crate::domain::dates::time(expires_at),
        sent_via: mailed.then(|| "email".to_owned()),
    })
}

/// Sets a new password with a link's token; the link is then used up and the account's
/// older sessions end.
///
/// # Errors
/// `Invalid("token", "reset_link_invalid")` for an unknown, used or expired link or an account
/// that is no longer active; `Invalid("new_password", …)` for a password breaking the rules.
pub async fn redeem(
    db: &DatabaseConnection,
    token: &str,
    new_password: &str,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    let bad_link = || invalid("token", Reason::ResetLinkInvalid);
    let now = crate::clock::now();
    let link = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(token_hash(token.trim())))
        .one(db)
        .await?
        .filter(|l| l.used_at.is_none() && l.expires_at > now)
        .ok_or_else(bad_link)?;
    let account = user_account::Entity::find_by_id(link.user_id)
        .one(db)
        .await?
        .filter(|a| a.status == AccountStatus::Active)
        .ok_or_else(bad_link)?;
    let context = [
        account.full_name.as_str(),
        account.phone.as_deref().unwrap_or(""),
        account.email.as_deref().unwrap_or(""),
    ];
    password::check(new_password, &context)
        .map_err(|problem| invalid("new_password", problem.reason()))?;
    let hash = hashing::hash(new_password.to_owned()).await?;
    let txn = db.begin().await?;
    // Used up first, and only if still unused: two tabs redeeming at once get one success.
    let claimed = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, now.into())
        .filter(password_reset::Column::Id.eq(link.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(bad_link());
    }
    let name = account.full_name.clone();
    // Who issued the link, so a link used to take an account over leads back to its issuer.
    let issuer = user_account::Entity::find_by_id(link.created_by)
        .one(&txn)
        .await?
        .map_or_else(|| format!("#{}", link.created_by), |u| u.full_name);
    let mut row: user_account::ActiveModel = account.into();
    row.password_hash = Set(hash.into_stored());
    row.password_changed_at = Set(Some(now));
    row.update(&txn).await?;
    audit::append(
        &txn,
        Entry::account(
            Some(link.user_id),
            AuditAction::AccountResetPassword,
            link.user_id,
            format!("{name}: password set with a one-time link issued by {issuer}"),
            ip,
        )
        .with("issuer", &issuer),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The links still open for the signed-in user's own account, newest first: a link they did not
/// ask for is someone trying to get in.
///
/// # Errors
/// `Denied` for an anonymous actor; a database error.
pub async fn open_links_of(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<crate::models::accounts::admin::OpenResetLink>, ServiceError> {
    use sea_orm::QueryOrder;
    let me = actor
        .user_id()
        .ok_or(ServiceError::Denied(crate::auth::Denied::SignInRequired))?;
    let links = password_reset::Entity::find()
        .filter(password_reset::Column::UserId.eq(me))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(crate::clock::now()))
        .order_by_desc(password_reset::Column::Id)
        .all(db)
        .await?;
    let mut open = Vec::with_capacity(links.len());
    for link in links {
        let issued_by = user_account::Entity::find_by_id(link.created_by)
            .one(db)
            .await?
            .map(|u| u.full_name)
            .unwrap_or_default();
        open.push(crate::models::accounts::admin::OpenResetLink {
            issued_at: link.created_at.map(crate::domain::dates::time),
            issued_by,
            expires_at: crate::domain::dates::time(link.expires_at),
        });
    }
    Ok(open)
}

/// Cancels the account's open links (its owner chose a new password, or a newer link was
/// issued), and the messages still waiting to mail them: a dead link is not sent, and its token
/// is not kept.
///
/// # Errors
/// A database error.
pub(crate) async fn cancel_open_links(
    txn: &impl ConnectionTrait,
    user_id: i32,
) -> Result<(), DbErr> {
    use crate::entities::mail_outbox;
    use crate::services::mail::State;
    password_reset::Entity::delete_many()
        .filter(password_reset::Column::UserId.eq(user_id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(txn)
        .await?;
    mail_outbox::Entity::update_many()
        .col_expr(
            mail_outbox::Column::State,
            sea_orm::sea_query::Expr::value(State::Expired.as_str()),
        )
        .col_expr(
            mail_outbox::Column::LinkPath,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .filter(mail_outbox::Column::RecipientId.eq(user_id))
        .filter(mail_outbox::Column::Kind.is_in(["password.link", "account.invited"]))
        .filter(mail_outbox::Column::State.eq(State::Pending.as_str()))
        .exec(txn)
        .await?;
    Ok(())
}

/// 256 random bits from the OS, as 64 hex digits (safe in a URL as is).
pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

pub(crate) fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
