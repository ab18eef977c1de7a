//! Signing in and changing one's own password.
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    TransactionTrait,
};

use crate::auth::hashing;
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::status::AccountStatus;
use crate::domain::{contact, password};
use crate::entities::user_account;
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::input::invalid;

/// Why signing in failed, as the person may be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInError {
    /// Unknown login or wrong password: the two are never told apart.
    WrongCredentials,
    Pending,
    Rejected(Option<String>),
    Locked,
    /// Every password check was taken for a while: try again in a moment.
    Busy,
    Db(String),
}

/// Checks a login (email or phone) and password, and returns the active account.
///
/// # Errors
/// See `SignInError`. The account's state is told only after the right password.
pub async fn authenticate(
    db: &DatabaseConnection,
    login: &str,
    password: &str,
) -> Result<user_account::Model, SignInError> {
    let column_value = if login.contains('@') {
        contact::normalize_email(login).map(|e| (user_account::Column::Email, e))
    } else {
        contact::normalize_phone(login).map(|p| (user_account::Column::Phone, p))
    };
    let account = match column_value {
        Some((column, value)) => user_account::Entity::find()
            .filter(column.eq(value))
            .one(db)
            .await
            .map_err(|e| SignInError::Db(e.to_string()))?,
        None => None,
    };
    let stored = account
        .as_ref()
        .map(|a| hashing::PasswordHash::from_stored(a.password_hash.clone()));
    if !hashing::verify(password.to_owned(), stored)
        .await
        .map_err(|_| SignInError::Busy)?
    {
        return Err(SignInError::WrongCredentials);
    }
    let account = account.ok_or(SignInError::WrongCredentials)?;
    match account.status {
        AccountStatus::Active => Ok(account),
        AccountStatus::Pending => Err(SignInError::Pending),
        AccountStatus::Rejected => Err(SignInError::Rejected(account.status_reason)),
        AccountStatus::Locked => Err(SignInError::Locked),
    }
}

/// The account behind a session, if it still exists and is active.
///
/// # Errors
/// A database error.
pub async fn find_active(
    db: &DatabaseConnection,
    user_id: i32,
) -> Result<Option<user_account::Model>, ServiceError> {
    Ok(user_account::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .filter(|a| a.status == AccountStatus::Active))
}

/// The key sign-in failures are counted under: the login as the account would be found.
pub fn login_key(login: &str) -> String {
    let login = login.trim();
    contact::normalize_email(login)
        .or_else(|| contact::normalize_phone(login))
        .unwrap_or_else(|| login.to_lowercase())
}

/// Audits the start of a burst of failed sign-ins for a login.
///
/// # Errors
/// A database error.
pub async fn record_failure_burst(
    db: &DatabaseConnection,
    login_key: &str,
    address: &str,
) -> Result<(), ServiceError> {
    let login: String = login_key.chars().take(254).collect();
    audit::append(
        db,
        Entry {
            actor_user_id: None,
            action: AuditAction::AccountLoginFailureBurst,
            target_type: "login",
            target_id: Some(login.chars().take(64).collect()),
            summary: format!("{login}: repeated wrong passwords, sign-in slowed down"),
            ip: Some(address.chars().take(64).collect()),
            details: Default::default(),
        }
        .with("login", &login),
    )
    .await?;
    Ok(())
}

/// Changes a user's own password after checking the current one, and cancels the password links
/// still open for the account; audited.
///
/// # Errors
/// `Invalid` on `current_password` (wrong) or `new_password` (rules, or unchanged); `NotFound` if
/// the account is no longer active; a database error.
pub async fn change_password(
    db: &DatabaseConnection,
    user_id: i32,
    current: &str,
    new: &str,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    let account = find_active(db, user_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let stored = hashing::PasswordHash::from_stored(account.password_hash.clone());
    if !hashing::verify(current.to_owned(), Some(stored)).await? {
        return Err(invalid("current_password", Reason::WrongPassword));
    }
    if new == current {
        return Err(invalid("new_password", Reason::SamePassword));
    }
    let context = [
        account.full_name.as_str(),
        account.phone.as_deref().unwrap_or(""),
        account.email.as_deref().unwrap_or(""),
    ];
    password::check(new, &context).map_err(|problem| invalid("new_password", problem.reason()))?;
    let hash = hashing::hash(new.to_owned()).await?;
    let txn = db.begin().await?;
    let name = account.full_name.clone();
    let mut row: user_account::ActiveModel = account.into();
    row.password_hash = Set(hash.into_stored());
    row.password_changed_at = Set(Some(crate::clock::now()));
    row.update(&txn).await?;
    // Links issued before the owner chose a new password are cancelled with it.
    crate::services::accounts::reset_links::cancel_open_links(&txn, user_id).await?;
    audit::append(
        &txn,
        Entry::account(
            Some(user_id),
            AuditAction::AccountChangePassword,
            user_id,
            format!("{name}: password changed by its owner"),
            ip,
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
