//! A person on a training session's list: an account, or a name (and subject) with a contact
//! that links them to their account when they register.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_attendee")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub user_id: Option<i32>,
    pub full_name: String,
    pub subject_id: Option<i32>,
    pub subject_name: Option<String>,
    /// `domain::training::contact_key`: a phone in national form or a lower-case e-mail.
    pub contact: Option<String>,
    /// Ticked after the session: they came.
    pub attended: bool,
    pub added_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
