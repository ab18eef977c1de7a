//! Evaluation rounds: the list and the new-round form (`/province/rounds`, and `/council` for
//! members), one round (`/rounds/:id`: members, dossiers, phases, results, decision), and the
//! scoring screen (`/rounds/:id/dossiers/:dossier`).
pub mod detail;
pub mod list;
pub mod results;
pub mod sheet;
