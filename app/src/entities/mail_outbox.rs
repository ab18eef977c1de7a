//! E-mails waiting to be sent, written in the transaction of the change they announce.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The account it was written for (none once that account is gone).
    pub recipient_id: Option<i32>,
    pub to_address: String,
    /// "vi" or "en": the recipient's language when it was written.
    pub language: String,
    /// What happened: a notification kind ("dossier.return") or "password.link",
    /// "account.approved", …; `domain::mail_text` writes the message from it.
    pub kind: String,
    /// The product, dossier or account the message is about.
    pub about: String,
    /// The site-relative page the message links to; a password link's token is in it, so it is
    /// cleared once the message is sent.
    pub link_path: Option<String>,
    /// `services::mail::State::as_str`.
    pub state: String,
    pub attempts: i32,
    /// When the worker may try (again); while it sends, the end of its lease.
    pub next_attempt_at: DateTimeUtc,
    /// The mail server's last refusal or the connection's error, for the operator.
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
