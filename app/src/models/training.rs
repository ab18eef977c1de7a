//! What the training pages receive and send (`domain::training` for the rules).
use serde::{Deserialize, Serialize};

use crate::domain::training::{Audience, Mode};

/// The longest title, place or trainer.
pub const MAX_NAME: usize = 300;
/// The longest list of topics.
pub const MAX_TOPICS: usize = 2000;
/// Sessions listed at most (newest first).
pub const MAX_SESSIONS: u64 = 200;
/// Accounts an attendee search returns at most.
pub const MAX_MATCHES: u64 = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingRow {
    pub id: i32,
    pub title: String,
    pub held_on: String,
    pub mode: Mode,
    pub place: String,
    pub audience: Audience,
    pub trainer: String,
    /// The commune whose session it is; empty for the Department's.
    pub commune_name: String,
    pub listed: usize,
    pub attended: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingsPage {
    pub sessions: Vec<TrainingRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeRow {
    pub id: i32,
    pub full_name: String,
    /// The subject's name, or the official's role and unit.
    pub unit: String,
    /// The account it is, once known (registered, or linked on registration).
    pub has_account: bool,
    pub contact: Option<String>,
    pub attended: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingView {
    pub session: TrainingRow,
    pub topics: String,
    pub attendees: Vec<AttendeeRow>,
    /// The viewer runs it: adds people, ticks who came.
    pub may_tick: bool,
    /// For its organisers, a producers' session: the subjects a person without an account
    /// may be from (id, name).
    pub subjects: Vec<(i32, String)>,
}

/// An account an organiser may put on the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountMatch {
    pub user_id: i32,
    pub full_name: String,
    pub unit: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingInput {
    pub title: String,
    pub held_on: String,
    /// `Mode::as_str`.
    pub mode: String,
    pub place: String,
    /// `Audience::as_str`.
    pub audience: String,
    pub topics: String,
    pub trainer: String,
}

/// Someone added to a session: an account (`user_id`), or a person by name with their
/// subject (`subject_name`) and a phone or e-mail (`contact`) to link them when they register.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeInput {
    pub session_id: i32,
    #[serde(default)]
    pub user_id: String,
    #[serde(default)]
    pub full_name: String,
    /// A subject of the session's commune picked from the list, or empty.
    #[serde(default)]
    pub subject_id: String,
    #[serde(default)]
    pub subject_name: String,
    #[serde(default)]
    pub contact: String,
}

/// The ticks after the session: the ids of those who came (the rest did not).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceInput {
    pub session_id: i32,
    #[serde(default)]
    pub attended: Vec<i32>,
}
