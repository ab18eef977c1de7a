//! Queries and transactions over sea-orm (server only), one file per capability. Functions take a
//! connection and plain arguments, so they are tested without HTTP.
use sea_orm::DbErr;

use crate::auth::Denied;
use crate::models::AppError;

pub mod account_admin;
pub mod accounts;
pub mod audit;
pub mod catalog;
pub mod certificate_pdf;
pub mod certificate_reminders;
pub mod certificates;
pub mod commune_review;
pub mod criteria_sets;
pub mod criteria_xlsx;
pub mod dashboard;
pub mod dashboard_queries;
pub mod demo;
pub mod demo_accounts;
pub mod demo_dossiers;
pub mod demo_labels;
pub mod demo_lots;
pub mod demo_reports;
pub mod demo_rounds;
pub mod dossier_documents;
pub mod dossier_flow;
pub mod dossier_view;
pub mod dossiers;
pub mod epcis;
pub mod escalation;
pub mod file_store;
pub mod files;
pub mod images;
pub mod input;
pub mod label_checklist;
pub mod labels;
pub mod lot_photos;
pub mod lots;
pub mod master_data;
pub mod national_data;
pub mod notifications;
pub mod password_reset;
pub mod product_ideas;
pub mod product_photos;
pub mod products;
pub mod public_documents;
pub mod public_products;
pub mod qr;
pub mod report_facts;
pub mod report_figures;
pub mod report_master_data;
pub mod report_pdf;
pub mod report_settings;
pub mod report_xlsx;
pub mod reports;
pub mod round_data;
pub mod round_decision;
pub mod round_members;
pub mod round_results;
pub mod rounds;
pub mod score_sheets;
pub mod stamp_sheet;
pub mod stats;
pub mod subjects;
pub mod units;
pub mod uploads;

/// What a service can fail with. Server functions turn it into the wire's `AppError`.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not found")]
    NotFound,
    /// `auth::allowed` said no (checked here when the resource must be loaded first).
    #[error("denied: {0:?}")]
    Denied(Denied),
    #[error("invalid {field}: {reason}")]
    Invalid {
        field: &'static str,
        reason: &'static str,
    },
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<ServiceError> for AppError {
    fn from(err: ServiceError) -> Self {
        match err {
            ServiceError::NotFound => AppError::NotFound,
            ServiceError::Denied(Denied::SignInRequired) => AppError::SignInRequired,
            ServiceError::Denied(Denied::NotAllowed) => AppError::Forbidden,
            ServiceError::Invalid { field, reason } => AppError::invalid(field, reason),
            ServiceError::Conflict(reason) => AppError::Conflict {
                reason: reason.to_owned(),
            },
            // The detail stays in the server log; the browser learns only that it failed.
            ServiceError::Db(err) => {
                tracing::error!(error = %err, "database error");
                AppError::Internal
            }
        }
    }
}

/// Today's date in Vietnam (UTC+7 all year), for certificate validity.
pub fn today_in_vietnam() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}
