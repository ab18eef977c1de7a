//! Queries and transactions over sea-orm (server only), one file per capability. Functions take a
//! connection and plain arguments, so they are tested without HTTP.
pub mod demo;
pub mod master_data;
pub mod stats;
pub mod units;
