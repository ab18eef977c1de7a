//! Master data: administrative units and product groups, the shipped files loaded at start-up
//! (units, groups, checklists, sample criteria, report periods and targets), and editing them
//! as dated versions (`/admin/master-data`).
pub mod checklist_edits;
pub mod editing_view;
pub mod group_edits;
pub mod loading;
pub mod report_periods;
pub mod unit_edits;
pub mod units;
pub(crate) mod versions;
