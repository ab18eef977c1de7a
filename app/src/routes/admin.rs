//! The administration area (administrators and provincial officers): accounts and the audit log.
pub mod account_detail;
pub mod account_new;
pub mod accounts;
pub mod audit;
pub mod reset_link;
