//! `audit_log.details`: the named values of an entry (JSON), from which its sentence is written
//! in the reader's language (`domain::audit_action`). Older entries have none and read with
//! their summary.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    Details,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::add_columns(manager, AuditLog::Table, vec![text_null(AuditLog::Details)]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AuditLog::Table)
                    .drop_column(AuditLog::Details)
                    .to_owned(),
            )
            .await
    }
}
