//! "Quên mật khẩu": a person types their e-mail address on `/forgot-password`; if it belongs to
//! an active account, a one-time link is mailed to it. The answer is the same whether or not
//! it does, so the page cannot be used to learn who has an account; and an address gets at
//! most `PER_ADDRESS_PER_HOUR` links an hour (more are silently not sent), so it cannot be
//! used to flood someone's mailbox. The client address is limited by the server function.
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};

use crate::domain::contact;
use crate::domain::reason::Reason;
use crate::domain::status::AccountStatus;
use crate::entities::{mail_outbox, user_account};
use crate::services::ServiceError;
use crate::services::accounts::reset_links::{self, Delivery};
use crate::services::input::invalid;

/// Links mailed to one address within an hour, at most.
pub const PER_ADDRESS_PER_HOUR: u64 = 3;

/// Mails a one-time link to `email` if it is an active account's, within the hourly limit.
/// Returns whether a message was queued — for tests and the log only: the person is told the
/// same either way.
///
/// # Errors
/// `Invalid("email", …)` for something that is not an e-mail address at all (that reveals
/// nothing about accounts); a database error.
pub async fn request_link(
    db: &DatabaseConnection,
    email: &str,
    ip: Option<String>,
) -> Result<bool, ServiceError> {
    if email.len() > 254 {
        return Err(invalid("email", Reason::TooLong));
    }
    let email = contact::normalize_email(email).ok_or(invalid("email", Reason::InvalidEmail))?;
    let Some(account) = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(&email))
        .filter(user_account::Column::Status.eq(AccountStatus::Active))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let txn = db.begin().await?;
    let recent = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::RecipientId.eq(account.id))
        .filter(mail_outbox::Column::Kind.eq("password.link"))
        .filter(mail_outbox::Column::CreatedAt.gt(crate::clock::now() - chrono::Duration::hours(1)))
        .count(&txn)
        .await?;
    if recent >= PER_ADDRESS_PER_HOUR {
        tracing::warn!(user_id = account.id, "password links: hourly limit reached");
        return Ok(false);
    }
    reset_links::issue(
        &txn,
        &account,
        Some(account.id),
        ip,
        Delivery::Mail("password.link"),
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}
