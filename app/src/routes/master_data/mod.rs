//! Master data: administrative units and product groups (`/units`).
pub mod units;
