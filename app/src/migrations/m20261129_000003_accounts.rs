//! Accounts, their sessions, one-time reset links and the append-only audit log.
use sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

use super::m20261129_000001_master_data::AdminUnit;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A subject created by a registration waits for the commune like its account does.
        manager
            .alter_table(
                Table::alter()
                    .table(Subject::Table)
                    .add_column(string_len(Subject::Status, 16).default("active"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_subject_tax_code")
                    .table(Subject::Table)
                    .col(Subject::TaxCode)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UserAccount::Table)
                    .col(pk_auto(UserAccount::Id))
                    .col(string_len(UserAccount::FullName, 200))
                    .col(string_len_null(UserAccount::Email, 254).unique_key())
                    .col(string_len_null(UserAccount::Phone, 16).unique_key())
                    .col(string_len(UserAccount::PasswordHash, 255))
                    .col(string_len(UserAccount::Role, 32))
                    .col(string_len_null(UserAccount::CommuneCode, 16))
                    .col(integer_null(UserAccount::SubjectId))
                    .col(string_len(UserAccount::Status, 16))
                    .col(text_null(UserAccount::StatusReason))
                    .col(timestamp_with_time_zone(UserAccount::CreatedAt))
                    .col(timestamp_with_time_zone_null(UserAccount::LastLoginAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_account_commune")
                            .from(UserAccount::Table, UserAccount::CommuneCode)
                            .to(AdminUnit::Table, AdminUnit::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_account_subject")
                            .from(UserAccount::Table, UserAccount::SubjectId)
                            .to(Subject::Table, Subject::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_user_account_status_commune")
                    .table(UserAccount::Table)
                    .col(UserAccount::Status)
                    .col(UserAccount::CommuneCode)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PasswordReset::Table)
                    .col(pk_auto(PasswordReset::Id))
                    .col(integer(PasswordReset::UserId))
                    .col(string_len_uniq(PasswordReset::TokenHash, 64))
                    .col(integer(PasswordReset::CreatedBy))
                    .col(timestamp_with_time_zone(PasswordReset::ExpiresAt))
                    .col(timestamp_with_time_zone_null(PasswordReset::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_password_reset_user")
                            .from(PasswordReset::Table, PasswordReset::UserId)
                            .to(UserAccount::Table, UserAccount::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // tower-sessions records, kept in this same database (no second engine).
        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .col(string_len(Session::Id, 64).primary_key())
                    .col(text(Session::Data))
                    .col(timestamp_with_time_zone(Session::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_session_expires_at")
                    .table(Session::Table)
                    .col(Session::ExpiresAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_integer(AuditLog::Id).auto_increment().primary_key())
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::ActorUserId))
                    .col(string_len(AuditLog::Action, 64))
                    .col(string_len(AuditLog::TargetType, 32))
                    .col(string_len_null(AuditLog::TargetId, 64))
                    .col(text(AuditLog::Summary))
                    .col(string_len_null(AuditLog::Ip, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_at")
                    .table(AuditLog::Table)
                    .col(AuditLog::At)
                    .to_owned(),
            )
            .await?;
        forbid_audit_changes(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            Session::Table.into_iden(),
            PasswordReset::Table.into_iden(),
            UserAccount::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_log_append_only()")
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("uq_subject_tax_code")
                    .table(Subject::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Subject::Table)
                    .drop_column(Subject::Status)
                    .to_owned(),
            )
            .await
    }
}

/// The audit log is append-only in the database itself, whatever code runs against it.
async fn forbid_audit_changes(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DbBackend::Postgres => {
            db.execute_unprepared(
                "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
                 BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql",
            )
            .await?;
            db.execute_unprepared(
                "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
                 FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
            )
            .await?;
        }
        _ => {
            for (name, event) in [
                ("audit_log_no_update", "UPDATE"),
                ("audit_log_no_delete", "DELETE"),
            ] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER {name} BEFORE {event} ON audit_log
                     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
                ))
                .await?;
            }
        }
    }
    Ok(())
}

#[derive(DeriveIden)]
enum Subject {
    Table,
    Id,
    TaxCode,
    Status,
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
    FullName,
    Email,
    Phone,
    PasswordHash,
    Role,
    CommuneCode,
    SubjectId,
    Status,
    StatusReason,
    CreatedAt,
    LastLoginAt,
}

#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum PasswordReset {
    Table,
    Id,
    UserId,
    TokenHash,
    CreatedBy,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorUserId,
    Action,
    TargetType,
    TargetId,
    Summary,
    Ip,
}
