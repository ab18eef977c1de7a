//! The services' tests against real databases, compiled as one test binary: one link of the
//! application instead of one per file, and the tests of every file share the cores. A test
//! that changes something process-wide (the clock) lives in a binary of its own
//! (`demo_year_ahead.rs`, listed in `Cargo.toml`).
mod support;

mod account_admin;
mod accounts;
mod adoption;
mod architecture;
mod backup;
mod catalog;
mod commune_help;
mod completeness;
mod credentials;
mod criteria_sets;
mod dashboard;
mod demo;
mod demo_rounds;
mod dossier_results;
mod dossier_uploads;
mod dossiers;
mod file_store;
mod help;
mod imports;
mod inspections;
mod integrity;
mod jobs;
mod labels;
mod lots;
mod mail;
mod master_data;
mod master_data_edits;
mod migrations;
mod ministry;
mod page_generation;
mod partial_decisions;
mod product_ideas;
mod products;
mod registry;
mod report_periods;
mod reports;
mod reports_units;
mod round_deadlines;
mod round_escalation;
mod rounds;
mod rounds_at_scale;
mod server_functions;
mod sessions;
mod shared_limits;
mod snapshot;
mod stored_states;
mod subject_corrections;
mod subjects;
mod trade_events;
mod training;
mod units;
mod work_areas;
