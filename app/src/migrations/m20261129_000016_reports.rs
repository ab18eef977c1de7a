//! Periodic reports: their periods and the year's targets (master data), and the reports
//! themselves — one per period and locality (a commune, or the province), with the written
//! sections and, once submitted, the frozen figures.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ReportPeriod::Table)
                    .col(pk_auto(ReportPeriod::Id))
                    .col(string_len(ReportPeriod::Kind, 20))
                    .col(small_integer(ReportPeriod::Year))
                    .col(date(ReportPeriod::StartsOn))
                    .col(date(ReportPeriod::EndsOn))
                    .col(date(ReportPeriod::DueOn))
                    .col(string_len(ReportPeriod::Audience, 20))
                    .index(
                        Index::create()
                            .name("uq_report_period")
                            .col(ReportPeriod::Kind)
                            .col(ReportPeriod::Year)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReportTarget::Table)
                    .col(pk_auto(ReportTarget::Id))
                    .col(small_integer(ReportTarget::Year))
                    .col(string_len(ReportTarget::ScopeCode, 10))
                    .col(integer(ReportTarget::NewProducts3Star))
                    .col(integer(ReportTarget::NationalDossiers))
                    .index(
                        Index::create()
                            .name("uq_report_target")
                            .col(ReportTarget::Year)
                            .col(ReportTarget::ScopeCode)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Report::Table)
                    .col(pk_auto(Report::Id))
                    .col(integer(Report::PeriodId))
                    .col(string_len(Report::ScopeCode, 10))
                    .col(string_len(Report::State, 20))
                    .col(text(Report::Results))
                    .col(text(Report::Difficulties))
                    .col(text(Report::Proposals))
                    .col(text_null(Report::SnapshotJson))
                    .col(timestamp_with_time_zone_null(Report::SubmittedAt))
                    .col(integer_null(Report::SubmittedBy))
                    .col(timestamp_with_time_zone_null(Report::ReviewedAt))
                    .col(integer_null(Report::ReviewedBy))
                    .col(text_null(Report::ReviewComment))
                    .col(integer(Report::Version))
                    .col(timestamp_with_time_zone(Report::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_report_period")
                            .from(Report::Table, Report::PeriodId)
                            .to(ReportPeriod::Table, ReportPeriod::Id),
                    )
                    .index(
                        Index::create()
                            .name("uq_report")
                            .col(Report::PeriodId)
                            .col(Report::ScopeCode)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        // The report and dashboard figures filter certificates by decision date.
        manager
            .create_index(
                Index::create()
                    .name("ix_certificate_decision_date")
                    .table(Certificate::Table)
                    .col(Certificate::DecisionDate)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_certificate_decision_date")
                    .table(Certificate::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Report::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ReportTarget::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ReportPeriod::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Certificate {
    Table,
    DecisionDate,
}

#[derive(DeriveIden)]
enum ReportPeriod {
    Table,
    Id,
    Kind,
    Year,
    StartsOn,
    EndsOn,
    DueOn,
    Audience,
}

#[derive(DeriveIden)]
enum ReportTarget {
    Table,
    Id,
    Year,
    ScopeCode,
    #[sea_orm(iden = "new_products_3star")]
    NewProducts3Star,
    NationalDossiers,
}

#[derive(DeriveIden)]
enum Report {
    Table,
    Id,
    PeriodId,
    ScopeCode,
    State,
    Results,
    Difficulties,
    Proposals,
    SnapshotJson,
    SubmittedAt,
    SubmittedBy,
    ReviewedAt,
    ReviewedBy,
    ReviewComment,
    Version,
    UpdatedAt,
}
