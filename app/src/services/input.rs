//! Checks shared by the services on what people type: required, optional, unique fields.
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, SqlErr};

use crate::entities::user_account;
use crate::services::ServiceError;

pub(crate) fn invalid(field: &'static str, reason: &'static str) -> ServiceError {
    ServiceError::Invalid { field, reason }
}

pub(crate) async fn taken(
    db: &impl sea_orm::ConnectionTrait,
    column: user_account::Column,
    value: &str,
) -> Result<bool, DbErr> {
    Ok(user_account::Entity::find()
        .filter(column.eq(value))
        .one(db)
        .await?
        .is_some())
}

/// A unique-constraint violation that slipped past the checks above (two registrations at
/// once) still becomes a field message.
pub(crate) fn unique_to_field(err: DbErr) -> ServiceError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(detail)) => {
            let detail = detail.to_lowercase();
            if detail.contains("email") {
                invalid("email", "email_taken")
            } else if detail.contains("phone") {
                invalid("phone", "phone_taken")
            } else if detail.contains("tax_code") {
                invalid("tax_code", "tax_code_taken")
            } else {
                ServiceError::Db(err)
            }
        }
        _ => ServiceError::Db(err),
    }
}

pub(crate) fn optional(value: &str) -> Option<&str> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then_some(trimmed)
}

pub(crate) fn required(
    value: &str,
    field: &'static str,
    max_chars: usize,
) -> Result<String, ServiceError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(invalid(field, "required"));
    }
    if trimmed.chars().count() > max_chars {
        return Err(invalid(field, "too_long"));
    }
    Ok(trimmed.to_owned())
}
