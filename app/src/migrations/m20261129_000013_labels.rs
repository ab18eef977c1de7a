//! Product labels: the label checklist (master data per product type, Decree 43/2017 as amended
//! by 111/2021), each product's structured label content, and its artwork versions.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LabelChecklistItem::Table)
                    .col(pk_auto(LabelChecklistItem::Id))
                    .col(string_len_uniq(LabelChecklistItem::Code, 40))
                    .col(string_len(LabelChecklistItem::NameVi, 300))
                    .col(string_len(LabelChecklistItem::NameEn, 300))
                    .col(string_len(LabelChecklistItem::Groups, 200))
                    .col(boolean(LabelChecklistItem::Required))
                    .col(string_len(LabelChecklistItem::CheckKind, 16))
                    .col(integer(LabelChecklistItem::Sort))
                    .col(string_len(LabelChecklistItem::Basis, 300))
                    .col(boolean(LabelChecklistItem::Active))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProductLabel::Table)
                    .col(integer(ProductLabel::ProductId).primary_key())
                    .col(text(ProductLabel::ContentJson))
                    .col(boolean(ProductLabel::ShowsOcopMark))
                    .col(small_integer_null(ProductLabel::ShownStars))
                    .col(integer(ProductLabel::Version))
                    .col(integer_null(ProductLabel::UpdatedBy))
                    .col(timestamp_with_time_zone(ProductLabel::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_label_product")
                            .from(ProductLabel::Table, ProductLabel::ProductId)
                            .to(Product::Table, Product::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LabelArtwork::Table)
                    .col(pk_auto(LabelArtwork::Id))
                    .col(integer(LabelArtwork::ProductId))
                    .col(integer(LabelArtwork::FileId))
                    .col(integer(LabelArtwork::VersionNo))
                    .col(integer_null(LabelArtwork::UploadedBy))
                    .col(timestamp_with_time_zone(LabelArtwork::UploadedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_label_artwork_product")
                            .from(LabelArtwork::Table, LabelArtwork::ProductId)
                            .to(Product::Table, Product::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_label_artwork_file")
                            .from(LabelArtwork::Table, LabelArtwork::FileId)
                            .to(StoredFile::Table, StoredFile::Id),
                    )
                    .index(
                        Index::create()
                            .name("uq_label_artwork_version")
                            .col(LabelArtwork::ProductId)
                            .col(LabelArtwork::VersionNo)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            LabelArtwork::Table.into_iden(),
            ProductLabel::Table.into_iden(),
            LabelChecklistItem::Table.into_iden(),
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
enum StoredFile {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LabelChecklistItem {
    Table,
    Id,
    Code,
    NameVi,
    NameEn,
    Groups,
    Required,
    CheckKind,
    Sort,
    Basis,
    Active,
}

#[derive(DeriveIden)]
enum ProductLabel {
    Table,
    ProductId,
    ContentJson,
    ShowsOcopMark,
    ShownStars,
    Version,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum LabelArtwork {
    Table,
    Id,
    ProductId,
    FileId,
    VersionNo,
    UploadedBy,
    UploadedAt,
}
