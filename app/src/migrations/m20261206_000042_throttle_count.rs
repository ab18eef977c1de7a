//! `throttle_count`: sign-in failures and request counts shared by several server instances
//! (`auth::shared_counts`); one row per key, forgotten two hours after its last change.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ThrottleCount {
    Table,
    Key,
    Count,
    Since,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ThrottleCount::Table)
                    .col(string_len(ThrottleCount::Key, 400).primary_key())
                    .col(integer(ThrottleCount::Count))
                    .col(timestamp_with_time_zone(ThrottleCount::Since))
                    .to_owned(),
            )
            .await?;
        // The prune deletes by age.
        manager
            .create_index(
                Index::create()
                    .name("ix_throttle_count_since")
                    .table(ThrottleCount::Table)
                    .col(ThrottleCount::Since)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ThrottleCount::Table).to_owned())
            .await
    }
}
