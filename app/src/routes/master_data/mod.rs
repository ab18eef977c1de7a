//! Master data pages: `/units` (public) and `/admin/master-data` (editing).
pub mod checklist_forms;
pub mod editing;
pub mod group_forms;
pub mod unit_forms;
pub mod units;
