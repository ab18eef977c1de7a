//! People who sign in: producers (members of a subject) and officials.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub full_name: String,
    /// Lower-cased; at least one of email and phone is set.
    pub email: Option<String>,
    /// National form, "0912345678".
    pub phone: Option<String>,
    /// Argon2id PHC string. Never leaves the server: models carry no such field.
    pub password_hash: String,
    /// `domain::access::Role::as_str`.
    pub role: crate::domain::access::Role,
    pub commune_code: Option<String>,
    pub subject_id: Option<i32>,
    /// "pending", "active", "rejected" or "locked".
    pub status: crate::domain::status::AccountStatus,
    /// Why it was rejected or locked.
    pub status_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub last_login_at: Option<DateTimeUtc>,
    /// Sessions started before this end (a reset or change of password).
    pub password_changed_at: Option<DateTimeUtc>,
    /// "vi" or "en": the language of the e-mails the account gets (its last sign-in's).
    pub language: String,
    /// When it finished or left its guided tour; `None`: a first-time user sees it.
    pub tour_done_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::subject::Entity",
        from = "Column::SubjectId",
        to = "super::subject::Column::Id"
    )]
    Subject,
}

impl Related<super::subject::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Subject.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
