//! `job_lease`: which server instance runs each background job (`services::jobs`), until when.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum JobLease {
    Table,
    Name,
    Holder,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(JobLease::Table)
                    .col(string_len(JobLease::Name, 64).primary_key())
                    .col(string_len(JobLease::Holder, 128))
                    .col(timestamp_with_time_zone(JobLease::ExpiresAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(JobLease::Table).to_owned())
            .await
    }
}
