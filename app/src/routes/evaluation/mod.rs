//! Evaluation: criteria sets (`/admin/criteria`), rounds (`/province/rounds`, `/council`), one
//! round (`/rounds/:id`: members, dossiers, phases, results, decision), the scoring screen
//! (`/rounds/:id/dossiers/:dossier`) and the council's minutes (`/rounds/:id/minutes`).
pub mod rounds;
pub mod sheet;
app_only! {
    pub mod criteria;
    pub mod criteria_form;
    pub mod disagreement;
    pub mod minutes;
    pub mod results;
    pub mod round;
    pub mod round_settings;
}
