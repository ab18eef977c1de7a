//! The commune officer's work area.
pub mod registrations;
