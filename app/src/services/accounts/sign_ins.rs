//! Sign-ins and sign-outs as they are recorded: the time on the account, and the audit log
//! with the client's address.
use crate::domain::audit_action::AuditAction;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, TransactionTrait};

use crate::entities::user_account;
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};

/// Records a successful sign-in (`action` "account.sign_in" or "account.demo_sign_in"): the
/// time and the browser's language ("vi" or "en", for its e-mails) on the account, and an
/// audit entry with the client's address.
///
/// # Errors
/// A database error.
pub async fn record_sign_in(
    db: &DatabaseConnection,
    account: user_account::Model,
    action: AuditAction,
    ip: Option<String>,
    language: &str,
) -> Result<(), ServiceError> {
    let txn = db.begin().await?;
    let user_id = account.id;
    let mut row: user_account::ActiveModel = account.into();
    row.last_login_at = Set(Some(crate::clock::now()));
    row.language = Set(if language == "en" { "en" } else { "vi" }.to_owned());
    row.update(&txn).await?;
    audit::append(
        &txn,
        Entry::account(Some(user_id), action, user_id, String::new(), ip),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Records a sign-out in the audit log.
///
/// # Errors
/// A database error.
pub async fn record_sign_out(
    db: &DatabaseConnection,
    user_id: i32,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    audit::append(
        db,
        Entry::account(
            Some(user_id),
            AuditAction::AccountSignOut,
            user_id,
            String::new(),
            ip,
        ),
    )
    .await?;
    Ok(())
}

/// Sets the language of a new account's e-mails (the registering browser's).
///
/// # Errors
/// A database error.
pub async fn set_language(
    db: &DatabaseConnection,
    user_id: i32,
    language: &str,
) -> Result<(), ServiceError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    user_account::Entity::update_many()
        .col_expr(
            user_account::Column::Language,
            Expr::value(if language == "en" { "en" } else { "vi" }),
        )
        .filter(user_account::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}
