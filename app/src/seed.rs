//! Data that production does not run (server only): the training demo — accounts, subjects and
//! products from the shipped files, dossiers in every state, rounds, certificates, labels, lots
//! and reports made through the same services a user drives — and the national-scale data set
//! for the benchmark.
pub mod accounts;
pub mod adoption;
pub mod calendar;
pub mod demo;
pub mod demo_guard;
pub mod dossiers;
pub mod history;
pub mod import_sample;
pub mod inspections;
pub mod labels;
pub mod lots;
pub mod national;
pub mod reports;
pub mod reset;
pub mod round_decided;
pub mod rounds;
pub mod trade;
pub mod training;
