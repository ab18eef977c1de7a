//! Evaluation rounds: the list and the new-round form (`/province/rounds`, and `/council` for
//! members), one round (`/rounds/:id`: members, dossiers, phases, results, decision), and the
//! scoring screen (`/rounds/:id/dossiers/:dossier`), and the council's minutes
//! (`/rounds/:id/minutes`, printable, with the escalation archive).
pub mod detail;
pub mod list;
pub mod minutes;
pub mod results;
pub mod settings;
pub mod sheet;
