//! Editable master data, versioned: product groups and dossier checklist items get validity
//! dates like the administrative units already have, and `master_data_version` keeps each
//! earlier version of a unit, group or checklist item (what it said and when it held), so a
//! record filed under an earlier name or rule still reads as it was.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ProductGroup {
    Table,
    ValidFrom,
    ValidTo,
}

#[derive(DeriveIden, Clone, Copy)]
enum DossierChecklistItem {
    Table,
    ValidFrom,
    ValidTo,
}

#[derive(DeriveIden, Clone, Copy)]
enum MasterDataVersion {
    Table,
    Id,
    Kind,
    Scheme,
    Code,
    Fields,
    ValidFrom,
    ValidTo,
    ChangedBy,
    ChangedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::add_columns(
            manager,
            ProductGroup::Table,
            vec![
                date_null(ProductGroup::ValidFrom),
                date_null(ProductGroup::ValidTo),
            ],
        )
        .await?;
        super::add_columns(
            manager,
            DossierChecklistItem::Table,
            vec![
                date_null(DossierChecklistItem::ValidFrom),
                date_null(DossierChecklistItem::ValidTo),
            ],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(MasterDataVersion::Table)
                    .col(pk_auto(MasterDataVersion::Id))
                    .col(string_len(MasterDataVersion::Kind, 16))
                    .col(string_len(MasterDataVersion::Scheme, 16))
                    .col(string_len(MasterDataVersion::Code, 40))
                    .col(text(MasterDataVersion::Fields))
                    .col(date_null(MasterDataVersion::ValidFrom))
                    .col(date(MasterDataVersion::ValidTo))
                    .col(integer_null(MasterDataVersion::ChangedBy))
                    .col(timestamp_with_time_zone(MasterDataVersion::ChangedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_master_data_version_key")
                    .table(MasterDataVersion::Table)
                    .col(MasterDataVersion::Kind)
                    .col(MasterDataVersion::Code)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(MasterDataVersion::Table).to_owned())
            .await?;
        super::drop_columns(
            manager,
            DossierChecklistItem::Table,
            [
                DossierChecklistItem::ValidFrom,
                DossierChecklistItem::ValidTo,
            ],
        )
        .await?;
        super::drop_columns(
            manager,
            ProductGroup::Table,
            [ProductGroup::ValidFrom, ProductGroup::ValidTo],
        )
        .await
    }
}
