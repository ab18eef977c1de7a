//! Monitoring certified products (`domain::inspection`): an inspection of one product with its
//! plan, visit, verdict and correction; its findings per area; its photos (the inspector's at
//! the visit, the producer's evidence); and the inspection a revocation was based on.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Inspection::Table)
                    .col(pk_auto(Inspection::Id))
                    .col(integer(Inspection::ProductId))
                    .col(integer(Inspection::SubjectId))
                    .col(string_len(Inspection::CommuneCode, 16))
                    .col(integer_null(Inspection::CertificateId))
                    .col(string_len(Inspection::Kind, 16))
                    .col(date(Inspection::PlannedOn))
                    .col(string_len(Inspection::Team, 500))
                    .col(text_null(Inspection::Purpose))
                    .col(string_len(Inspection::State, 24))
                    .col(integer(Inspection::PlannedBy))
                    .col(timestamp_with_time_zone(Inspection::CreatedAt))
                    .col(date_null(Inspection::VisitedOn))
                    .col(integer_null(Inspection::VisitedBy))
                    .col(text_null(Inspection::Conclusion))
                    .col(text_null(Inspection::CorrectionRequest))
                    .col(date_null(Inspection::CorrectionDue))
                    .col(text_null(Inspection::CorrectionAnswer))
                    .col(timestamp_with_time_zone_null(Inspection::AnsweredAt))
                    .col(text_null(Inspection::RefusalNote))
                    .col(text_null(Inspection::RevocationReason))
                    .col(date_null(Inspection::ClosedOn))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_inspection_product")
                            .from(Inspection::Table, Inspection::ProductId)
                            .to(Product::Table, Product::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_inspection_subject")
                            .from(Inspection::Table, Inspection::SubjectId)
                            .to(Subject::Table, Subject::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            (
                "idx_inspection_commune_state",
                vec![Inspection::CommuneCode, Inspection::State],
            ),
            ("idx_inspection_product", vec![Inspection::ProductId]),
        ] {
            let mut index = Index::create();
            index.name(name).table(Inspection::Table);
            for c in columns {
                index.col(c);
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(InspectionFinding::Table)
                    .col(pk_auto(InspectionFinding::Id))
                    .col(integer(InspectionFinding::InspectionId))
                    .col(string_len(InspectionFinding::Area, 32))
                    .col(string_len(InspectionFinding::Finding, 16))
                    .col(text_null(InspectionFinding::Note))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_inspection_finding_inspection")
                            .from(InspectionFinding::Table, InspectionFinding::InspectionId)
                            .to(Inspection::Table, Inspection::Id),
                    )
                    .index(
                        Index::create()
                            .name("idx_inspection_finding_area")
                            .unique()
                            .col(InspectionFinding::InspectionId)
                            .col(InspectionFinding::Area),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InspectionPhoto::Table)
                    .col(pk_auto(InspectionPhoto::Id))
                    .col(integer(InspectionPhoto::InspectionId))
                    .col(integer(InspectionPhoto::FileId))
                    .col(string_len(InspectionPhoto::Stage, 16))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_inspection_photo_inspection")
                            .from(InspectionPhoto::Table, InspectionPhoto::InspectionId)
                            .to(Inspection::Table, Inspection::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_inspection_photo_file")
                            .from(InspectionPhoto::Table, InspectionPhoto::FileId)
                            .to(StoredFile::Table, StoredFile::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inspection_photo_inspection")
                    .table(InspectionPhoto::Table)
                    .col(InspectionPhoto::InspectionId)
                    .to_owned(),
            )
            .await?;
        super::add_columns(
            manager,
            Certificate::Table,
            vec![integer_null(Certificate::RevokeInspectionId).to_owned()],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::drop_columns(
            manager,
            Certificate::Table,
            [Certificate::RevokeInspectionId],
        )
        .await?;
        for table in [
            InspectionPhoto::Table.into_iden(),
            InspectionFinding::Table.into_iden(),
            Inspection::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Product {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Subject {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StoredFile {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Certificate {
    Table,
    RevokeInspectionId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Inspection {
    Table,
    Id,
    ProductId,
    SubjectId,
    CommuneCode,
    CertificateId,
    Kind,
    PlannedOn,
    Team,
    Purpose,
    State,
    PlannedBy,
    CreatedAt,
    VisitedOn,
    VisitedBy,
    Conclusion,
    CorrectionRequest,
    CorrectionDue,
    CorrectionAnswer,
    AnsweredAt,
    RefusalNote,
    RevocationReason,
    ClosedOn,
}

#[derive(DeriveIden)]
enum InspectionFinding {
    Table,
    Id,
    InspectionId,
    Area,
    Finding,
    Note,
}

#[derive(DeriveIden)]
enum InspectionPhoto {
    Table,
    Id,
    InspectionId,
    FileId,
    Stage,
}
