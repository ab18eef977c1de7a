//! Product dossiers: lists per party, one dossier's page and its printable commune report.
pub mod actions;
pub mod assessment;
pub mod checklist;
pub mod detail;
pub mod history;
pub mod list;
pub mod result;
app_only! {
    pub mod report;
}
