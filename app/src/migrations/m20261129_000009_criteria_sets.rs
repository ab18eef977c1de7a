//! Criteria sets (bộ tiêu chí), versioned master data: one row per version of a set for a
//! product group, the parts, criteria and options as JSON (`domain::scoring::CriteriaSet`).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CriteriaSet::Table)
                    .col(pk_auto(CriteriaSet::Id))
                    .col(string_len(CriteriaSet::Scheme, 8))
                    .col(string_len(CriteriaSet::GroupCode, 16))
                    .col(string_len(CriteriaSet::Name, 300))
                    .col(integer(CriteriaSet::Version))
                    .col(boolean(CriteriaSet::IsSample))
                    .col(boolean(CriteriaSet::Frozen))
                    .col(text(CriteriaSet::SetJson))
                    .col(timestamp_with_time_zone(CriteriaSet::CreatedAt))
                    .index(
                        Index::create()
                            .name("uq_criteria_set_version")
                            .col(CriteriaSet::Scheme)
                            .col(CriteriaSet::GroupCode)
                            .col(CriteriaSet::Version)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CriteriaSet::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum CriteriaSet {
    Table,
    Id,
    Scheme,
    GroupCode,
    Name,
    Version,
    IsSample,
    Frozen,
    SetJson,
    CreatedAt,
}
