//! Reports and figures: periodic reports, the dashboard, the home page's figures.
pub mod dashboard;
pub mod home_figures;
pub mod periodic;
