//! Wire types shared by server functions and pages, in the same capability folders as the
//! services. They are not table rows: services convert.
pub mod accounts;
pub mod adoption;
pub mod api_tokens;
pub mod audit;
pub mod catalog;
pub mod dossiers;
pub mod error;
pub mod evaluation;
pub mod help;
pub mod imports;
pub mod inspections;
pub mod mail;
pub mod master_data;
pub mod notifications;
pub mod producers;
pub mod registry;
pub mod reports;
pub mod traceability;
pub mod trade;
pub mod training;

pub use error::AppError;
