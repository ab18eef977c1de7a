//! Imports from the province's spreadsheets: `import_batch` (one uploaded file, previewed,
//! then imported as a whole or undone as a whole) and `import_record` (each record the batch
//! created or changed, with what it was before and what the row said). `admin_unit` gets
//! `successor_code`: the unit that took over a former one, which the importer follows.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ImportBatch {
    Table,
    Id,
    FileName,
    FileSha256,
    State,
    Mapping,
    Preview,
    Totals,
    Fingerprint,
    CreatedBy,
    CreatedAt,
    ImportedAt,
    UndoneAt,
    UndoneBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum ImportRecord {
    Table,
    Id,
    BatchId,
    RowNumber,
    Sheet,
    Entity,
    EntityId,
    Action,
    Before,
    Said,
}

#[derive(DeriveIden, Clone, Copy)]
enum AdminUnit {
    Table,
    SuccessorCode,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ImportBatch::Table)
                    .col(pk_auto(ImportBatch::Id))
                    .col(string_len(ImportBatch::FileName, 255))
                    .col(string_len(ImportBatch::FileSha256, 64))
                    .col(string_len(ImportBatch::State, 16))
                    .col(text(ImportBatch::Mapping))
                    .col(text(ImportBatch::Preview))
                    .col(text(ImportBatch::Totals))
                    .col(string_len(ImportBatch::Fingerprint, 64))
                    .col(integer(ImportBatch::CreatedBy))
                    .col(timestamp_with_time_zone(ImportBatch::CreatedAt))
                    .col(timestamp_with_time_zone_null(ImportBatch::ImportedAt))
                    .col(timestamp_with_time_zone_null(ImportBatch::UndoneAt))
                    .col(integer_null(ImportBatch::UndoneBy))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ImportRecord::Table)
                    .col(pk_auto(ImportRecord::Id))
                    .col(integer(ImportRecord::BatchId))
                    .col(integer(ImportRecord::RowNumber))
                    .col(string_len(ImportRecord::Sheet, 64))
                    .col(string_len(ImportRecord::Entity, 16))
                    .col(integer(ImportRecord::EntityId))
                    .col(string_len(ImportRecord::Action, 16))
                    .col(text_null(ImportRecord::Before))
                    .col(text(ImportRecord::Said))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ImportRecord::Table, ImportRecord::BatchId)
                            .to(ImportBatch::Table, ImportBatch::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_import_record_batch")
                    .table(ImportRecord::Table)
                    .col(ImportRecord::BatchId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_import_record_entity")
                    .table(ImportRecord::Table)
                    .col(ImportRecord::Entity)
                    .col(ImportRecord::EntityId)
                    .to_owned(),
            )
            .await?;
        super::add_columns(
            manager,
            AdminUnit::Table,
            vec![string_len_null(AdminUnit::SuccessorCode, 16)],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ImportRecord::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ImportBatch::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AdminUnit::Table)
                    .drop_column(AdminUnit::SuccessorCode)
                    .to_owned(),
            )
            .await
    }
}
