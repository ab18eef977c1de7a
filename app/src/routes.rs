//! Pages, one file per screen, grouped by area.
pub mod account;
pub mod commune;
pub mod public;
