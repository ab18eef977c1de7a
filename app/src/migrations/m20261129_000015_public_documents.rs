//! The documents a producer makes public with a product: its declared standard and test
//! reports, chosen among the files of its dossiers.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PublicDocument::Table)
                    .col(pk_auto(PublicDocument::Id))
                    .col(integer(PublicDocument::ProductId))
                    .col(integer(PublicDocument::FileId))
                    .col(string_len(PublicDocument::ItemCode, 40))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_public_document_product")
                            .from(PublicDocument::Table, PublicDocument::ProductId)
                            .to(Product::Table, Product::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_public_document_file")
                            .from(PublicDocument::Table, PublicDocument::FileId)
                            .to(StoredFile::Table, StoredFile::Id),
                    )
                    .index(
                        Index::create()
                            .name("uq_public_document")
                            .col(PublicDocument::ProductId)
                            .col(PublicDocument::FileId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PublicDocument::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Product {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StoredFile {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PublicDocument {
    Table,
    Id,
    ProductId,
    FileId,
    ItemCode,
}
