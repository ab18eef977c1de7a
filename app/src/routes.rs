//! Pages, one file per screen, grouped by area.
pub mod account;
pub mod admin;
pub mod certificates;
pub mod commune;
pub mod dashboard;
pub mod dossiers;
pub mod ideas;
pub mod labels;
pub mod notifications;
pub mod producer;
pub mod public;
pub mod reports;
pub mod rounds;
pub mod work_areas;
