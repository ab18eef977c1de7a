//! Reusable UI pieces.
pub mod error;
pub mod layout;
pub mod session;
