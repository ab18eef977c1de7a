//! Report periods the province makes itself — an ad hoc report, a multi-year review — carry
//! their own title.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ReportPeriod {
    Table,
    Title,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::add_columns(
            manager,
            ReportPeriod::Table,
            vec![string_len_null(ReportPeriod::Title, 200)],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::drop_columns(manager, ReportPeriod::Table, [ReportPeriod::Title]).await
    }
}
