//! Evaluation: the criteria sets of each product group, evaluation rounds with their members,
//! the members' score sheets, the results and the decision that issues certificates, and the
//! national escalation of products of 90 points and more with the Ministry's answer.
pub mod criteria_sets;
pub mod decision;
pub mod deferral;
pub mod escalation;
pub mod finish;
pub mod members;
pub mod ministry;
pub mod published;
pub mod remarks;
pub mod reminders;
pub mod results;
pub mod round_changes;
pub mod round_data;
pub mod rounds;
pub mod score_sheets;
