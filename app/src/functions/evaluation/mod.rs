//! Evaluation: criteria sets, rounds, score sheets, results, decisions and certificates.
pub mod criteria_sets;
pub mod rounds;
