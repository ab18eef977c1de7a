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

/// The `/register` form as it arrives (flat, named `registration[…]`, so it works without
/// JavaScript); `subject_mode` is "new" or "join".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationFields {
    pub full_name: String,
    pub email: String,
    pub phone: String,
    pub password: String,
    pub subject_mode: String,
    pub subject_type: String,
    pub subject_name: String,
    pub tax_code: String,
    pub address: String,
    pub commune_code: String,
    /// A string: an empty choice must reach us as "please choose", not fail to decode.
    pub join_subject_id: String,
}

impl RegistrationFields {
    /// The registration the fields describe.
    ///
    /// # Errors
    /// `subject_id`/`unknown_subject` when joining without a subject chosen.
    pub fn into_input(
        self,
    ) -> Result<RegistrationInput, (&'static str, crate::domain::reason::Reason)> {
        let subject =
            if self.subject_mode == "join" {
                SubjectChoice::Join {
                    subject_id: self.join_subject_id.trim().parse().map_err(|_| {
                        ("subject_id", crate::domain::reason::Reason::UnknownSubject)
                    })?,
                }
            } else {
                SubjectChoice::New(NewSubjectInput {
                    subject_type: self.subject_type,
                    name: self.subject_name,
                    tax_code: self.tax_code,
                    address: self.address,
                    commune_code: self.commune_code,
                })
            };
        Ok(RegistrationInput {
            full_name: self.full_name,
            email: self.email,
            phone: self.phone,
            password: self.password,
            subject,
        })
    }
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
    /// The name of `commune_code`'s commune, for the account page.
    #[serde(default)]
    pub commune_name: Option<String>,
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
