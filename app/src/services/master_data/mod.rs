//! Master data: administrative units and product groups, the shipped files loaded at start-up
//! (units, groups, checklists, sample criteria, report periods and targets).
pub mod loading;
pub mod report_periods;
pub mod units;
