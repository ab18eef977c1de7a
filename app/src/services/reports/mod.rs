//! Reports and figures: the periodic reports of communes and the province (facts loaded once,
//! figures counted by `domain::report`), their periods and targets, the dashboard, and the home
//! page's figures.
pub mod dashboard;
pub(crate) mod dashboard_actions;
mod dashboard_charts;
pub mod dashboard_queries;
pub mod facts;
pub mod figures;
pub mod home_figures;
pub mod live;
pub mod periodic;
pub mod settings;
pub mod shared_runs;
pub mod unit_layout;
