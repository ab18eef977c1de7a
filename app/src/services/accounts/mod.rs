//! Accounts: producers register and the commune approves them; everyone signs in; officials'
//! accounts are created, locked, given roles and new-password links by the province and the
//! administrators.
pub mod admin;
pub mod credentials;
pub mod forgotten;
pub mod registration;
pub mod reset_links;
pub mod sign_ins;
