//! Trade promotion (`domain::trade_event`): events the province or a commune records, and each
//! product's participation with its results.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TradeEvent::Table)
                    .col(pk_auto(TradeEvent::Id))
                    .col(string_len(TradeEvent::Name, 300))
                    .col(string_len(TradeEvent::Kind, 16))
                    .col(date(TradeEvent::StartsOn))
                    .col(date(TradeEvent::EndsOn))
                    .col(string_len(TradeEvent::Place, 300))
                    .col(string_len(TradeEvent::Organiser, 300))
                    .col(string_len_null(TradeEvent::CommuneCode, 16))
                    .col(text_null(TradeEvent::Note))
                    .col(integer(TradeEvent::CreatedBy))
                    .col(timestamp_with_time_zone(TradeEvent::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TradeParticipation::Table)
                    .col(pk_auto(TradeParticipation::Id))
                    .col(integer(TradeParticipation::EventId))
                    .col(integer(TradeParticipation::ProductId))
                    .col(integer(TradeParticipation::SubjectId))
                    .col(string_len(TradeParticipation::State, 16))
                    .col(text_null(TradeParticipation::Note))
                    .col(boolean_null(TradeParticipation::Participated))
                    .col(big_integer_null(TradeParticipation::SalesVnd))
                    .col(integer_null(TradeParticipation::Contracts))
                    .col(timestamp_with_time_zone(TradeParticipation::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_trade_participation_event")
                            .from(TradeParticipation::Table, TradeParticipation::EventId)
                            .to(TradeEvent::Table, TradeEvent::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_trade_participation_product")
                            .from(TradeParticipation::Table, TradeParticipation::ProductId)
                            .to(Product::Table, Product::Id),
                    )
                    .index(
                        Index::create()
                            .name("idx_trade_participation_product")
                            .unique()
                            .col(TradeParticipation::EventId)
                            .col(TradeParticipation::ProductId),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            TradeParticipation::Table.into_iden(),
            TradeEvent::Table.into_iden(),
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
enum TradeEvent {
    Table,
    Id,
    Name,
    Kind,
    StartsOn,
    EndsOn,
    Place,
    Organiser,
    CommuneCode,
    Note,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TradeParticipation {
    Table,
    Id,
    EventId,
    ProductId,
    SubjectId,
    State,
    Note,
    Participated,
    SalesVnd,
    Contracts,
    UpdatedAt,
}
