//! Signing in, registering, setting a password with a one-time link, and the user's own account.
pub mod login;
pub mod profile;
pub mod register;
pub mod reset;
