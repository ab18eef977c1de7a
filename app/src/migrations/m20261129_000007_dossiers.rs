//! Uploaded files (metadata; the bytes are in the content-addressed store), product photos,
//! the dossier checklist master data, dossiers with their documents, frozen versions,
//! comments, the commune's pre-assessment and forwarding batches, and in-app notifications.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .to_owned()
}

/// Stored files, product photos, the dossier checklist, forward batches and dossiers.
fn file_and_dossier_tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table(StoredFile::Table)
            .col(pk_auto(StoredFile::Id))
            .col(string_len(StoredFile::Sha256, 64))
            .col(string_len_null(StoredFile::ThumbSha256, 64))
            .col(string_len(StoredFile::MediaType, 64))
            .col(string_len(StoredFile::OriginalName, 255))
            .col(big_integer(StoredFile::SizeBytes))
            .col(integer_null(StoredFile::SubjectId))
            .col(integer_null(StoredFile::UploadedBy))
            .col(string_len(StoredFile::Purpose, 32))
            .col(timestamp_with_time_zone(StoredFile::CreatedAt))
            .foreign_key(&mut fk(
                "fk_stored_file_subject",
                (StoredFile::Table, StoredFile::SubjectId),
                (Subject::Table, Subject::Id),
            ))
            .to_owned(),
        Table::create()
            .table(ProductPhoto::Table)
            .col(pk_auto(ProductPhoto::Id))
            .col(integer(ProductPhoto::ProductId))
            .col(integer(ProductPhoto::FileId))
            .col(integer(ProductPhoto::Sort))
            .col(boolean(ProductPhoto::IsCover))
            .foreign_key(&mut fk(
                "fk_product_photo_product",
                (ProductPhoto::Table, ProductPhoto::ProductId),
                (Product::Table, Product::Id),
            ))
            .foreign_key(&mut fk(
                "fk_product_photo_file",
                (ProductPhoto::Table, ProductPhoto::FileId),
                (StoredFile::Table, StoredFile::Id),
            ))
            .to_owned(),
        Table::create()
            .table(DossierChecklistItem::Table)
            .col(pk_auto(DossierChecklistItem::Id))
            .col(string_len(DossierChecklistItem::Scheme, 8))
            .col(string_len(DossierChecklistItem::Code, 48))
            .col(string_len(DossierChecklistItem::NameVi, 300))
            .col(string_len(DossierChecklistItem::NameEn, 300))
            .col(boolean(DossierChecklistItem::Mandatory))
            .col(string_len(DossierChecklistItem::Groups, 64))
            .col(integer(DossierChecklistItem::Sort))
            .index(
                Index::create()
                    .name("uq_checklist_scheme_code")
                    .col(DossierChecklistItem::Scheme)
                    .col(DossierChecklistItem::Code)
                    .unique(),
            )
            .to_owned(),
        Table::create()
            .table(ForwardBatch::Table)
            .col(pk_auto(ForwardBatch::Id))
            .col(string_len(ForwardBatch::CommuneCode, 16))
            .col(text(ForwardBatch::Note))
            .col(integer(ForwardBatch::OfficerId))
            .col(timestamp_with_time_zone(ForwardBatch::CreatedAt))
            .to_owned(),
        Table::create()
            .table(Dossier::Table)
            .col(pk_auto(Dossier::Id))
            .col(integer(Dossier::ProductId))
            .col(integer(Dossier::SubjectId))
            .col(string_len(Dossier::CommuneCode, 16))
            .col(string_len(Dossier::Cycle, 16))
            .col(string_len(Dossier::State, 16))
            .col(text(Dossier::FormJson))
            .col(integer(Dossier::SubmissionNo).default(0))
            .col(integer(Dossier::Version).default(0))
            .col(integer(Dossier::CreatedBy))
            .col(timestamp_with_time_zone(Dossier::CreatedAt))
            .col(timestamp_with_time_zone(Dossier::UpdatedAt))
            .col(integer_null(Dossier::ForwardBatchId))
            .foreign_key(&mut fk(
                "fk_dossier_product",
                (Dossier::Table, Dossier::ProductId),
                (Product::Table, Product::Id),
            ))
            .foreign_key(&mut fk(
                "fk_dossier_subject",
                (Dossier::Table, Dossier::SubjectId),
                (Subject::Table, Subject::Id),
            ))
            .foreign_key(&mut fk(
                "fk_dossier_batch",
                (Dossier::Table, Dossier::ForwardBatchId),
                (ForwardBatch::Table, ForwardBatch::Id),
            ))
            .to_owned(),
    ]
}

/// What is filed under and said about a dossier, and notifications.
fn review_tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table(DossierDocument::Table)
            .col(pk_auto(DossierDocument::Id))
            .col(integer(DossierDocument::DossierId))
            .col(string_len(DossierDocument::ItemCode, 48))
            .col(integer(DossierDocument::FileId))
            .col(timestamp_with_time_zone(DossierDocument::CreatedAt))
            .foreign_key(&mut fk(
                "fk_dossier_document_dossier",
                (DossierDocument::Table, DossierDocument::DossierId),
                (Dossier::Table, Dossier::Id),
            ))
            .foreign_key(&mut fk(
                "fk_dossier_document_file",
                (DossierDocument::Table, DossierDocument::FileId),
                (StoredFile::Table, StoredFile::Id),
            ))
            .to_owned(),
        Table::create()
            .table(DossierVersion::Table)
            .col(pk_auto(DossierVersion::Id))
            .col(integer(DossierVersion::DossierId))
            .col(integer(DossierVersion::Number))
            .col(text(DossierVersion::Snapshot))
            .col(integer(DossierVersion::CreatedBy))
            .col(timestamp_with_time_zone(DossierVersion::CreatedAt))
            .foreign_key(&mut fk(
                "fk_dossier_version_dossier",
                (DossierVersion::Table, DossierVersion::DossierId),
                (Dossier::Table, Dossier::Id),
            ))
            .index(
                Index::create()
                    .name("uq_dossier_version")
                    .col(DossierVersion::DossierId)
                    .col(DossierVersion::Number)
                    .unique(),
            )
            .to_owned(),
        Table::create()
            .table(DossierComment::Table)
            .col(pk_auto(DossierComment::Id))
            .col(integer(DossierComment::DossierId))
            .col(string_len_null(DossierComment::ItemCode, 48))
            .col(integer(DossierComment::AuthorId))
            .col(text(DossierComment::Body))
            .col(integer(DossierComment::SubmissionNo))
            .col(timestamp_with_time_zone(DossierComment::CreatedAt))
            .foreign_key(&mut fk(
                "fk_dossier_comment_dossier",
                (DossierComment::Table, DossierComment::DossierId),
                (Dossier::Table, Dossier::Id),
            ))
            .to_owned(),
        Table::create()
            .table(CommuneAssessment::Table)
            .col(integer(CommuneAssessment::DossierId).primary_key())
            .col(text(CommuneAssessment::AssessmentJson))
            .col(integer(CommuneAssessment::OfficerId))
            .col(timestamp_with_time_zone(CommuneAssessment::UpdatedAt))
            .foreign_key(&mut fk(
                "fk_commune_assessment_dossier",
                (CommuneAssessment::Table, CommuneAssessment::DossierId),
                (Dossier::Table, Dossier::Id),
            ))
            .to_owned(),
        Table::create()
            .table(Notification::Table)
            .col(pk_auto(Notification::Id))
            .col(integer(Notification::UserId))
            .col(string_len(Notification::Kind, 48))
            .col(integer_null(Notification::DossierId))
            .col(string_len(Notification::Subject, 300))
            .col(timestamp_with_time_zone(Notification::CreatedAt))
            .col(timestamp_with_time_zone_null(Notification::ReadAt))
            .to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = file_and_dossier_tables().into_iter().chain(review_tables());
        for table in tables {
            manager.create_table(table).await?;
        }
        for (name, table, columns) in indexes() {
            let mut index = Index::create();
            index.name(name).table(table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Notification::Table.into_iden(),
            CommuneAssessment::Table.into_iden(),
            DossierComment::Table.into_iden(),
            DossierVersion::Table.into_iden(),
            DossierDocument::Table.into_iden(),
            Dossier::Table.into_iden(),
            ForwardBatch::Table.into_iden(),
            DossierChecklistItem::Table.into_iden(),
            ProductPhoto::Table.into_iden(),
            StoredFile::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn indexes() -> Vec<(&'static str, DynIden, Vec<DynIden>)> {
    vec![
        (
            "idx_stored_file_subject",
            StoredFile::Table.into_iden(),
            vec![StoredFile::SubjectId.into_iden()],
        ),
        (
            "idx_product_photo_product",
            ProductPhoto::Table.into_iden(),
            vec![ProductPhoto::ProductId.into_iden()],
        ),
        (
            "idx_dossier_commune_state",
            Dossier::Table.into_iden(),
            vec![Dossier::CommuneCode.into_iden(), Dossier::State.into_iden()],
        ),
        (
            "idx_dossier_subject",
            Dossier::Table.into_iden(),
            vec![Dossier::SubjectId.into_iden()],
        ),
        (
            "idx_dossier_state",
            Dossier::Table.into_iden(),
            vec![Dossier::State.into_iden()],
        ),
        (
            "idx_dossier_document_dossier",
            DossierDocument::Table.into_iden(),
            vec![DossierDocument::DossierId.into_iden()],
        ),
        (
            "idx_dossier_comment_dossier",
            DossierComment::Table.into_iden(),
            vec![DossierComment::DossierId.into_iden()],
        ),
        (
            "idx_notification_user",
            Notification::Table.into_iden(),
            vec![
                Notification::UserId.into_iden(),
                Notification::ReadAt.into_iden(),
            ],
        ),
    ]
}

#[derive(DeriveIden)]
enum Subject {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Product {
    Table,
    Id,
}

#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum StoredFile {
    Table,
    Id,
    Sha256,
    ThumbSha256,
    MediaType,
    OriginalName,
    SizeBytes,
    SubjectId,
    UploadedBy,
    Purpose,
    CreatedAt,
}

#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum ProductPhoto {
    Table,
    Id,
    ProductId,
    FileId,
    Sort,
    IsCover,
}

#[derive(DeriveIden)]
enum DossierChecklistItem {
    Table,
    Id,
    Scheme,
    Code,
    NameVi,
    NameEn,
    Mandatory,
    Groups,
    Sort,
}

#[derive(DeriveIden)]
enum ForwardBatch {
    Table,
    Id,
    CommuneCode,
    Note,
    OfficerId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Dossier {
    Table,
    Id,
    ProductId,
    SubjectId,
    CommuneCode,
    Cycle,
    State,
    FormJson,
    SubmissionNo,
    Version,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    ForwardBatchId,
}

#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum DossierDocument {
    Table,
    Id,
    DossierId,
    ItemCode,
    FileId,
    CreatedAt,
}

#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum DossierVersion {
    Table,
    Id,
    DossierId,
    Number,
    Snapshot,
    CreatedBy,
    CreatedAt,
}

#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum DossierComment {
    Table,
    Id,
    DossierId,
    ItemCode,
    AuthorId,
    Body,
    SubmissionNo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CommuneAssessment {
    Table,
    DossierId,
    AssessmentJson,
    OfficerId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Notification {
    Table,
    Id,
    UserId,
    Kind,
    DossierId,
    Subject,
    CreatedAt,
    ReadAt,
}
