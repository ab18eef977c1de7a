//! Evaluation: criteria sets (`/admin/criteria`), rounds (`/province/rounds`, `/council`), one
//! round (`/rounds/:id`: members, dossiers, phases, results, decision), the scoring screen
//! (`/rounds/:id/dossiers/:dossier`) and the council's minutes (`/rounds/:id/minutes`).
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod criteria;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod criteria_form;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod minutes;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod results;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod round;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod round_settings;
pub mod rounds;
pub mod sheet;
