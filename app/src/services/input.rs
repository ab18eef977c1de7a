//! Checks shared by the services on what people type: required, optional, unique fields.
use crate::domain::reason::Reason;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, RuntimeErr, SqlErr};

use crate::entities::user_account;
use crate::services::ServiceError;

pub(crate) fn invalid(field: &'static str, reason: Reason) -> ServiceError {
    ServiceError::Invalid { field, reason }
}

/// The problems of one form, gathered field by field so they are all said at once.
#[derive(Default)]
pub(crate) struct Problems {
    fields: Vec<(String, Reason)>,
    /// An error that is no field's (a database failure): it wins over the fields.
    other: Option<ServiceError>,
}

impl Problems {
    /// Keeps the value of a check that passed; notes the problem of one that failed.
    pub(crate) fn check<T>(&mut self, result: Result<T, ServiceError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(ServiceError::Invalid { field, reason }) => {
                self.fields.push((field.to_owned(), reason));
                None
            }
            Err(ServiceError::Problems(more)) => {
                self.fields.extend(more);
                None
            }
            Err(other) => {
                self.other.get_or_insert(other);
                None
            }
        }
    }

    pub(crate) fn add(&mut self, field: impl Into<String>, reason: Reason) {
        self.fields.push((field.into(), reason));
    }

    /// `Ok` when nothing was wrong.
    pub(crate) fn finish(self) -> Result<(), ServiceError> {
        if let Some(other) = self.other {
            return Err(other);
        }
        if self.fields.is_empty() {
            Ok(())
        } else {
            Err(ServiceError::Problems(self.fields))
        }
    }
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

/// The unique constraints a person can run into, each with the field it names and its message:
/// (PostgreSQL's constraint name, the columns SQLite names, field, reason).
const UNIQUE_FIELDS: [(&str, &str, &str, Reason); 3] = [
    (
        "user_account_email_key",
        "user_account.email",
        "email",
        Reason::EmailTaken,
    ),
    (
        "user_account_phone_key",
        "user_account.phone",
        "phone",
        Reason::PhoneTaken,
    ),
    (
        "uq_subject_tax_code",
        "subject.tax_code",
        "tax_code",
        Reason::TaxCodeTaken,
    ),
];

/// A unique-constraint violation that slipped past the checks above (two registrations at
/// once) still becomes a field message, chosen by the constraint that was violated.
pub fn unique_to_field(err: DbErr) -> ServiceError {
    let violated = violated_constraint(&err);
    match UNIQUE_FIELDS.iter().find(|(name, columns, ..)| {
        violated
            .as_deref()
            .is_some_and(|v| v == *name || v == *columns)
    }) {
        Some(&(.., field, reason)) => invalid(field, reason),
        None => ServiceError::Db(err),
    }
}

/// The unique constraint `err` violated: PostgreSQL names it; SQLite names its columns
/// ("UNIQUE constraint failed: subject.tax_code").
fn violated_constraint(err: &DbErr) -> Option<String> {
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = err
    else {
        return None;
    };
    let sea_orm::sqlx::Error::Database(db) = e.as_ref() else {
        return None;
    };
    if !matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
        return None;
    }
    db.constraint().map(str::to_owned).or_else(|| {
        db.message()
            .strip_prefix("UNIQUE constraint failed: ")
            .map(str::to_owned)
    })
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
        return Err(invalid(field, Reason::Required));
    }
    if trimmed.chars().count() > max_chars {
        return Err(invalid(field, Reason::TooLong));
    }
    Ok(trimmed.to_owned())
}

/// A "yyyy-mm-dd" date from a form field.
pub(crate) fn parse_date(
    value: &str,
    field: &'static str,
) -> Result<chrono::NaiveDate, ServiceError> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        invalid(
            field,
            if value.trim().is_empty() {
                Reason::Required
            } else {
                Reason::InvalidDate
            },
        )
    })
}

/// A text of at most `max` characters, `None` when empty.
pub(crate) fn optional_text(
    value: &str,
    field: &'static str,
    max: usize,
) -> Result<Option<String>, ServiceError> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err(invalid(field, Reason::TooLong));
    }
    Ok((!value.is_empty()).then(|| value.to_owned()))
}
