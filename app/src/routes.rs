//! Pages, one file per screen, grouped by area.
pub mod public;
