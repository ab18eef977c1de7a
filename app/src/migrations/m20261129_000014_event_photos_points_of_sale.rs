//! Photos on a lot's events (public with the trace), and where a product is sold (public with
//! the product).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LotEventPhoto::Table)
                    .col(pk_auto(LotEventPhoto::Id))
                    .col(integer(LotEventPhoto::EventId))
                    .col(integer(LotEventPhoto::FileId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_lot_event_photo_event")
                            .from(LotEventPhoto::Table, LotEventPhoto::EventId)
                            .to(LotEvent::Table, LotEvent::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_lot_event_photo_file")
                            .from(LotEventPhoto::Table, LotEventPhoto::FileId)
                            .to(StoredFile::Table, StoredFile::Id),
                    )
                    .to_owned(),
            )
            .await?;
        crate::migrations::add_columns(
            manager,
            Product::Table,
            vec![text_null(Product::PointsOfSale)],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::migrations::drop_columns(manager, Product::Table, [Product::PointsOfSale]).await?;
        manager
            .drop_table(Table::drop().table(LotEventPhoto::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Product {
    Table,
    PointsOfSale,
}

#[derive(DeriveIden)]
enum LotEvent {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StoredFile {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LotEventPhoto {
    Table,
    Id,
    EventId,
    FileId,
}
