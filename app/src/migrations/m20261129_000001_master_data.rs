//! Master data: administrative units and product groups.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AdminUnit::Table)
                    .col(pk_auto(AdminUnit::Id))
                    .col(string_len_uniq(AdminUnit::Code, 16))
                    .col(string_len(AdminUnit::Name, 200))
                    .col(string_len(AdminUnit::NameFolded, 200))
                    .col(string_len(AdminUnit::Kind, 32))
                    .col(string_len(AdminUnit::Level, 16))
                    .col(date_null(AdminUnit::ValidFrom))
                    .col(date_null(AdminUnit::ValidTo))
                    .col(string_len_null(AdminUnit::ParentCode, 16))
                    .col(string_len_null(AdminUnit::FormerDistrictCode, 16))
                    .col(text_null(AdminUnit::Note))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_admin_unit_level")
                    .table(AdminUnit::Table)
                    .col(AdminUnit::Level)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProductGroup::Table)
                    .col(pk_auto(ProductGroup::Id))
                    .col(string_len(ProductGroup::Scheme, 16))
                    .col(string_len(ProductGroup::Code, 32))
                    .col(string_len(ProductGroup::NameVi, 300))
                    .col(string_len(ProductGroup::NameEn, 300))
                    .col(string_len_null(ProductGroup::ParentCode, 32))
                    .col(string_len_null(ProductGroup::LeadMinistry, 100))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_product_group_scheme_code")
                    .table(ProductGroup::Table)
                    .col(ProductGroup::Scheme)
                    .col(ProductGroup::Code)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProductGroup::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AdminUnit::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum AdminUnit {
    Table,
    Id,
    Code,
    Name,
    NameFolded,
    Kind,
    Level,
    ValidFrom,
    ValidTo,
    ParentCode,
    FormerDistrictCode,
    Note,
}

#[derive(DeriveIden)]
pub enum ProductGroup {
    Table,
    Id,
    Scheme,
    Code,
    NameVi,
    NameEn,
    ParentCode,
    LeadMinistry,
}
