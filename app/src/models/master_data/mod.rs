//! Master data: administrative units and product groups, and editing them.
pub mod editing;
pub mod units;
