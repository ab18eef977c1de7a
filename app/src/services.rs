//! Queries and transactions over sea-orm (server only), one folder per capability: each service
//! loads what it acts on, checks the actor may (`auth::allowed`, or a shared guard in `guards`)
//! and acts. Functions take a connection and plain arguments, so they are tested without HTTP.
//!
//! Folders depend on each other one way only: `producers`, `dossiers` and `evaluation` build on
//! `certificates`, `traceability`, `master_data` and `files`; `audit`, `notifications`, `input`
//! and `guards` are shared by all and import no capability.
use sea_orm::DbErr;

use crate::auth::Denied;
use crate::domain::reason::Reason;
use crate::models::AppError;

pub mod accounts;
pub mod adoption;
pub mod audit;
pub mod backup;
pub mod catalog;
pub mod certificates;
pub mod dossiers;
pub mod downloads;
pub mod evaluation;
pub mod files;
pub mod guards;
pub mod help;
pub mod imports;
pub mod input;
pub mod inspections;
pub mod jobs;
pub mod mail;
pub mod master_data;
pub mod notifications;
pub mod open_data;
pub mod page_generation;
pub mod producers;
pub mod registry;
pub mod reports;
pub mod traceability;
pub mod trade;
pub mod training;
pub mod work_areas;

/// What a service can fail with. Server functions turn it into the wire's `AppError`.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not found")]
    NotFound,
    /// `auth::allowed` said no (checked here when the resource must be loaded first).
    #[error("denied: {0:?}")]
    Denied(Denied),
    #[error("invalid {field}: {reason}")]
    Invalid { field: &'static str, reason: Reason },
    /// Several fields of one form are wrong (at least one): all are said at once.
    #[error("invalid form: {0:?}")]
    Problems(Vec<(String, Reason)>),
    #[error("conflict: {0}")]
    Conflict(Reason),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<crate::auth::hashing::HashingError> for ServiceError {
    fn from(err: crate::auth::hashing::HashingError) -> Self {
        match err {
            crate::auth::hashing::HashingError::Busy => ServiceError::Conflict(Reason::ServerBusy),
            crate::auth::hashing::HashingError::Failed(detail) => {
                ServiceError::Db(DbErr::Custom(detail))
            }
        }
    }
}

impl From<ServiceError> for AppError {
    fn from(err: ServiceError) -> Self {
        match err {
            ServiceError::NotFound => AppError::NotFound,
            ServiceError::Denied(Denied::SignInRequired) => AppError::SignInRequired,
            ServiceError::Denied(Denied::NotAllowed) => AppError::Forbidden,
            ServiceError::Invalid { field, reason } => AppError::invalid(field, reason),
            ServiceError::Problems(problems) => {
                let mut all = problems.into_iter().map(|(field, reason)| {
                    crate::models::error::FieldProblem {
                        field,
                        reason: reason.code().to_owned(),
                    }
                });
                match all.next() {
                    Some(first) => AppError::Invalid {
                        field: first.field,
                        reason: first.reason,
                        more: all.collect(),
                    },
                    None => AppError::invalid("", Reason::FormUnreadable),
                }
            }
            ServiceError::Conflict(reason) => AppError::Conflict {
                reason: reason.code().to_owned(),
            },
            // The detail stays in the server log; the browser learns only that it failed.
            ServiceError::Db(err) => {
                tracing::error!(error = %err, "database error");
                AppError::Internal
            }
        }
    }
}

impl From<crate::documents::RenderError> for ServiceError {
    fn from(err: crate::documents::RenderError) -> Self {
        ServiceError::Invalid {
            field: err.document,
            reason: Reason::Pdf,
        }
    }
}

/// Today's date in Vietnam (UTC+7 all year), for certificate validity.
pub fn today_in_vietnam() -> chrono::NaiveDate {
    crate::clock::today()
}
