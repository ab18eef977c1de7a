//! sea-orm entities (server only). One file per table; behaviour lives in services.
pub mod admin_unit;
pub mod audit_log;
pub mod password_reset;
pub mod product;
pub mod product_group;
pub mod session;
pub mod subject;
pub mod user_account;
