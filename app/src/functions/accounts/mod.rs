//! Accounts: sign-in, producer registration and its approval, officials' accounts.
pub mod admin;
pub mod links;
pub mod registration;
