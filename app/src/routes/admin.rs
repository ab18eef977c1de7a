//! The administration area (administrators and provincial officers): accounts, the audit log
//! and the criteria sets.
pub mod account_detail;
pub mod account_new;
pub mod accounts;
pub mod audit;
pub mod criteria;
pub mod criteria_form;
pub mod label_checklist;
pub mod report_settings;
pub mod reset_link;
