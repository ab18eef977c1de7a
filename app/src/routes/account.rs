//! Signing in and the user's own account.
pub mod login;
pub mod profile;
pub mod register;
