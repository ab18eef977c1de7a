//! `app_setting`: facts about this installation as a whole, one row per key. The first is
//! `demo_database`: written by the demo loader into the empty database it fills, it is what lets
//! a server run in demo mode on it (`seed::demo::check_demo_database`). A database that already
//! holds the demo's administrator is marked here, as the demo loader made it.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppSetting {
    Table,
    Key,
    Value,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AppSetting::Table)
                    .col(string_len(AppSetting::Key, 64).primary_key())
                    .col(string(AppSetting::Value))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO app_setting (key, value) \
                 SELECT 'demo_database', 'true' FROM user_account \
                 WHERE email = 'quantri@demo.vn'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AppSetting::Table).to_owned())
            .await
    }
}
