//! E-mail through an outbox: `mail_outbox` holds each message from the transaction of the change
//! that caused it until a background worker has handed it to the mail server (with retries and
//! back-off), so a mail server that is down loses nothing and never blocks a request.
//! `user_account.language` is the language its messages are written in.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum MailOutbox {
    Table,
    Id,
    RecipientId,
    ToAddress,
    Language,
    Kind,
    About,
    LinkPath,
    State,
    Attempts,
    NextAttemptAt,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum UserAccount {
    Table,
    Language,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MailOutbox::Table)
                    .col(pk_auto(MailOutbox::Id))
                    .col(integer_null(MailOutbox::RecipientId))
                    .col(string_len(MailOutbox::ToAddress, 254))
                    .col(string_len(MailOutbox::Language, 2))
                    .col(string_len(MailOutbox::Kind, 40))
                    .col(string_len(MailOutbox::About, 300))
                    .col(string_len_null(MailOutbox::LinkPath, 300))
                    .col(string_len(MailOutbox::State, 10))
                    .col(integer(MailOutbox::Attempts))
                    .col(timestamp_with_time_zone(MailOutbox::NextAttemptAt))
                    .col(string_len_null(MailOutbox::LastError, 500))
                    .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_mail_outbox_due")
                    .table(MailOutbox::Table)
                    .col(MailOutbox::State)
                    .col(MailOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        super::add_columns(
            manager,
            UserAccount::Table,
            vec![
                string_len(UserAccount::Language, 2)
                    .default("vi")
                    .to_owned(),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::drop_columns(manager, UserAccount::Table, [UserAccount::Language]).await?;
        manager
            .drop_table(Table::drop().table(MailOutbox::Table).to_owned())
            .await
    }
}
