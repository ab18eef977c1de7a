//! Account forms and views that cross the wire. No password hash is ever among them.
use serde::{Deserialize, Serialize};

use crate::domain::access::Role;

/// What a producer fills in on `/register`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationInput {
    pub full_name: String,
    pub email: String,
    pub phone: String,
    pub password: String,
    pub subject: SubjectChoice,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubjectChoice {
    /// A subject not yet in the system.
    New(NewSubjectInput),
    /// Ask to join a subject that already has members.
    Join { subject_id: i32 },
}

impl Default for SubjectChoice {
    fn default() -> Self {
        SubjectChoice::New(NewSubjectInput::default())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSubjectInput {
    /// "DN", "HTX", "THT" or "HO".
    pub subject_type: String,
    pub name: String,
    /// Tax code or business registration number; optional for households.
    pub tax_code: String,
    pub address: String,
    pub commune_code: String,
}

/// A registration waiting for a commune officer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRegistration {
    pub user_id: i32,
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub subject_name: String,
    pub subject_is_new: bool,
    pub commune_code: String,
    pub registered_at: String,
}

/// The signed-in user as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub user_id: i32,
    pub full_name: String,
    pub role: Role,
    pub commune_code: Option<String>,
    pub subject_id: Option<i32>,
    /// For producers: the name of their subject.
    pub subject_name: Option<String>,
}

/// A subject one may ask to join.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectOption {
    pub id: i32,
    pub name: String,
}

/// A demo account as the login page lists it in demo mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoAccountView {
    pub email: String,
    pub name: String,
    pub role: Role,
}
