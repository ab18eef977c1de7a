//! `page_generation`: one number, raised by every write that may change a public page, so each
//! server instance empties its page cache when another instance changed something
//! (`services::page_generation`). Its one row is made by the first such write: an empty
//! database stays empty (a restore or a copy into it expects no rows).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PageGeneration {
    Table,
    Id,
    Generation,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PageGeneration::Table)
                    .col(integer(PageGeneration::Id).primary_key())
                    .col(big_integer(PageGeneration::Generation))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PageGeneration::Table).to_owned())
            .await
    }
}
