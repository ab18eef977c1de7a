//! Training sessions and their attendance (`domain::training`).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TrainingSession::Table)
                    .col(pk_auto(TrainingSession::Id))
                    .col(string_len(TrainingSession::Title, 300))
                    .col(date(TrainingSession::HeldOn))
                    .col(string_len(TrainingSession::Mode, 16))
                    .col(string_len(TrainingSession::Place, 300))
                    .col(string_len(TrainingSession::Audience, 16))
                    .col(text(TrainingSession::Topics))
                    .col(string_len(TrainingSession::Trainer, 200))
                    .col(string_len_null(TrainingSession::CommuneCode, 16))
                    .col(integer(TrainingSession::CreatedBy))
                    .col(timestamp_with_time_zone(TrainingSession::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrainingAttendee::Table)
                    .col(pk_auto(TrainingAttendee::Id))
                    .col(integer(TrainingAttendee::SessionId))
                    .col(integer_null(TrainingAttendee::UserId))
                    .col(string_len(TrainingAttendee::FullName, 200))
                    .col(integer_null(TrainingAttendee::SubjectId))
                    .col(string_len_null(TrainingAttendee::SubjectName, 300))
                    .col(string_len_null(TrainingAttendee::Contact, 254))
                    .col(boolean(TrainingAttendee::Attended))
                    .col(timestamp_with_time_zone(TrainingAttendee::AddedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_training_attendee_session")
                            .from(TrainingAttendee::Table, TrainingAttendee::SessionId)
                            .to(TrainingSession::Table, TrainingSession::Id),
                    )
                    .index(
                        // NULLs are distinct: any number of attendees without an account.
                        Index::create()
                            .name("ux_training_attendee_user")
                            .unique()
                            .col(TrainingAttendee::SessionId)
                            .col(TrainingAttendee::UserId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_training_attendee_contact")
                    .table(TrainingAttendee::Table)
                    .col(TrainingAttendee::Contact)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            TrainingAttendee::Table.into_iden(),
            TrainingSession::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum TrainingSession {
    Table,
    Id,
    Title,
    HeldOn,
    Mode,
    Place,
    Audience,
    Topics,
    Trainer,
    CommuneCode,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TrainingAttendee {
    Table,
    Id,
    SessionId,
    UserId,
    FullName,
    SubjectId,
    SubjectName,
    Contact,
    Attended,
    AddedAt,
}
