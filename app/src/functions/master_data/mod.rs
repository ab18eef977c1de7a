//! Master data: administrative units and product groups.
pub mod units;
