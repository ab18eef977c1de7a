//! Server functions, one file per capability. Each is thin: context → authorise → service → map
//! the error. Access control arrives with accounts (issue 3); everything here is public reading.
pub mod accounts;
pub mod home;
pub mod units;
