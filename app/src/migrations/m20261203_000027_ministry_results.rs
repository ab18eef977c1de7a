//! The Ministry's answer to a product proposed for 5★: on the provincial certificate that
//! proposed it, the Ministry's decision (number, date) and the stars it granted; a certificate
//! the Ministry issued (`by_ministry`) is told apart from the province's own.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Certificate {
    Table,
    MinistryDecision,
    MinistryDecisionDate,
    MinistryStars,
    ByMinistry,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::add_columns(
            manager,
            Certificate::Table,
            vec![
                string_len_null(Certificate::MinistryDecision, 64),
                date_null(Certificate::MinistryDecisionDate),
                small_integer_null(Certificate::MinistryStars),
                boolean(Certificate::ByMinistry).default(false).to_owned(),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::drop_columns(
            manager,
            Certificate::Table,
            [
                Certificate::MinistryDecision,
                Certificate::MinistryDecisionDate,
                Certificate::MinistryStars,
                Certificate::ByMinistry,
            ],
        )
        .await
    }
}
