//! The subject profile its members keep, and a version number so that two people
//! saving the same profile at once cannot overwrite each other unknowingly.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = vec![
            string_len_null(Subject::LegalRepresentative, 200),
            string_len_null(Subject::Phone, 16),
            string_len_null(Subject::Email, 254),
            string_len_null(Subject::Website, 300),
            small_integer_null(Subject::FoundedYear),
            integer_null(Subject::MemberCount),
            integer_null(Subject::LocalWorkers),
            text_null(Subject::Introduction),
            double_null(Subject::Latitude),
            double_null(Subject::Longitude),
            integer(Subject::Version).default(0).to_owned(),
        ];
        super::add_columns(manager, Subject::Table, columns).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            Subject::LegalRepresentative,
            Subject::Phone,
            Subject::Email,
            Subject::Website,
            Subject::FoundedYear,
            Subject::MemberCount,
            Subject::LocalWorkers,
            Subject::Introduction,
            Subject::Latitude,
            Subject::Longitude,
            Subject::Version,
        ];
        super::drop_columns(manager, Subject::Table, columns).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Subject {
    Table,
    LegalRepresentative,
    Phone,
    Email,
    Website,
    FoundedYear,
    MemberCount,
    LocalWorkers,
    Introduction,
    Latitude,
    Longitude,
    Version,
}
