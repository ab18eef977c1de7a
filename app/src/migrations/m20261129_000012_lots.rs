//! Production lots (lô sản xuất) of a product and the events on their timeline (harvest,
//! processing, packing, quality test, shipping, sale), with the lots that went into a processing
//! step (a transformation).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Lot::Table)
                    .col(pk_auto(Lot::Id))
                    .col(integer(Lot::ProductId))
                    .col(integer(Lot::SubjectId))
                    .col(string_len(Lot::Code, 20))
                    .col(date(Lot::ProducedOn))
                    .col(date_null(Lot::ExpiresOn))
                    .col(string_len_null(Lot::Quantity, 32))
                    .col(string_len_null(Lot::Unit, 16))
                    .col(string_len_null(Lot::OriginCommuneCode, 16))
                    .col(text_null(Lot::OriginNote))
                    .col(integer(Lot::CreatedBy))
                    .col(timestamp_with_time_zone(Lot::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_lot_product")
                            .from(Lot::Table, Lot::ProductId)
                            .to(Product::Table, Product::Id),
                    )
                    .index(
                        Index::create()
                            .name("uq_lot_product_code")
                            .col(Lot::ProductId)
                            .col(Lot::Code)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LotEvent::Table)
                    .col(pk_auto(LotEvent::Id))
                    .col(integer(LotEvent::LotId))
                    .col(string_len(LotEvent::Kind, 16))
                    .col(timestamp_with_time_zone(LotEvent::HappenedAt))
                    .col(string_len_null(LotEvent::CommuneCode, 16))
                    .col(string_len_null(LotEvent::Place, 300))
                    .col(string_len_null(LotEvent::ActorName, 200))
                    .col(text_null(LotEvent::Note))
                    .col(integer(LotEvent::CreatedBy))
                    .col(timestamp_with_time_zone(LotEvent::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_lot_event_lot")
                            .from(LotEvent::Table, LotEvent::LotId)
                            .to(Lot::Table, Lot::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_lot_event_lot")
                    .table(LotEvent::Table)
                    .col(LotEvent::LotId)
                    .col(LotEvent::HappenedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LotEventInput::Table)
                    .col(pk_auto(LotEventInput::Id))
                    .col(integer(LotEventInput::EventId))
                    .col(integer(LotEventInput::InputLotId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_lot_event_input_event")
                            .from(LotEventInput::Table, LotEventInput::EventId)
                            .to(LotEvent::Table, LotEvent::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_lot_event_input_lot")
                            .from(LotEventInput::Table, LotEventInput::InputLotId)
                            .to(Lot::Table, Lot::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            LotEventInput::Table.into_iden(),
            LotEvent::Table.into_iden(),
            Lot::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Product {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Lot {
    Table,
    Id,
    ProductId,
    SubjectId,
    Code,
    ProducedOn,
    ExpiresOn,
    Quantity,
    Unit,
    OriginCommuneCode,
    OriginNote,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LotEvent {
    Table,
    Id,
    LotId,
    Kind,
    HappenedAt,
    CommuneCode,
    Place,
    ActorName,
    Note,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LotEventInput {
    Table,
    Id,
    EventId,
    InputLotId,
}
