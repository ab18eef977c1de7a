//! Traceability: production lots and their events, labels and public documents.
pub mod labels;
pub mod lots;
