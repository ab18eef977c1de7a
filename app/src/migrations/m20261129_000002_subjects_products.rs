//! Subjects (chủ thể) and their products.
use sea_orm_migration::{prelude::*, schema::*};

use super::m20261129_000001_master_data::{AdminUnit, ProductGroup};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Subject::Table)
                    .col(pk_auto(Subject::Id))
                    .col(string_len(Subject::Name, 300))
                    .col(string_len(Subject::SubjectType, 8))
                    .col(string_len(Subject::CommuneCode, 16))
                    .col(string_len_null(Subject::Address, 500))
                    .col(string_len_null(Subject::TaxCode, 32))
                    .col(string_len(Subject::DataSource, 16))
                    .col(timestamp_with_time_zone(Subject::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_subject_commune")
                            .from(Subject::Table, Subject::CommuneCode)
                            .to(AdminUnit::Table, AdminUnit::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Product::Table)
                    .col(pk_auto(Product::Id))
                    .col(string_len(Product::Name, 300))
                    .col(string_len(Product::NameFolded, 300))
                    .col(integer(Product::SubjectId))
                    .col(integer(Product::ProductGroupId))
                    .col(string_len(Product::CommuneCode, 16))
                    .col(small_integer_null(Product::Stars))
                    .col(small_integer_null(Product::CertifiedYear))
                    .col(string_len(Product::DataSource, 16))
                    .col(text_null(Product::Note))
                    .col(timestamp_with_time_zone(Product::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_subject")
                            .from(Product::Table, Product::SubjectId)
                            .to(Subject::Table, Subject::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_group")
                            .from(Product::Table, Product::ProductGroupId)
                            .to(ProductGroup::Table, ProductGroup::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_commune")
                            .from(Product::Table, Product::CommuneCode)
                            .to(AdminUnit::Table, AdminUnit::Code),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_product_subject", Product::SubjectId),
            ("idx_product_commune", Product::CommuneCode),
            ("idx_product_stars", Product::Stars),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Product::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Product::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Subject::Table).to_owned())
            .await
    }
}

// Variant names are column names: `subject.subject_type` starts with the table's name.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum Subject {
    Table,
    Id,
    Name,
    SubjectType,
    CommuneCode,
    Address,
    TaxCode,
    DataSource,
    CreatedAt,
}

#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum Product {
    Table,
    Id,
    Name,
    NameFolded,
    SubjectId,
    ProductGroupId,
    CommuneCode,
    Stars,
    CertifiedYear,
    DataSource,
    Note,
    CreatedAt,
}
