//! `password_reset.created_at`: when a link was issued, so its owner sees open links with the
//! time and the issuer on the account page. Older rows have none.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PasswordReset {
    Table,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::add_columns(
            manager,
            PasswordReset::Table,
            vec![timestamp_with_time_zone_null(PasswordReset::CreatedAt)],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PasswordReset::Table)
                    .drop_column(PasswordReset::CreatedAt)
                    .to_owned(),
            )
            .await
    }
}
