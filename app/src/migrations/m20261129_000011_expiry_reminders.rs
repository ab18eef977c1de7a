//! The day a certificate's holders were reminded that it expires, so the daily reminder job
//! tells them once per certificate.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Certificate::Table)
                    .add_column(date_null(Certificate::ExpiryRemindedOn))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Certificate::Table)
                    .drop_column(Certificate::ExpiryRemindedOn)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Certificate {
    Table,
    ExpiryRemindedOn,
}
