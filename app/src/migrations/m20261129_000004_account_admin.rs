//! Account administration: when an account's password last changed (older sessions end), and
//! indexes for browsing the audit log by action, actor and target.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const AUDIT_INDEXES: [(&str, &[AuditLog]); 3] = [
    ("idx_audit_log_action", &[AuditLog::Action, AuditLog::At]),
    (
        "idx_audit_log_actor",
        &[AuditLog::ActorUserId, AuditLog::At],
    ),
    (
        "idx_audit_log_target",
        &[AuditLog::TargetType, AuditLog::TargetId],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(UserAccount::Table)
                    .add_column(timestamp_with_time_zone_null(
                        UserAccount::PasswordChangedAt,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in AUDIT_INDEXES {
            let mut index = Index::create();
            index.name(name).table(AuditLog::Table);
            for column in columns {
                index.col(*column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in AUDIT_INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(AuditLog::Table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(UserAccount::Table)
                    .drop_column(UserAccount::PasswordChangedAt)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    PasswordChangedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    At,
    ActorUserId,
    Action,
    TargetType,
    TargetId,
}
