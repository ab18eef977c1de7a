//! Evaluation rounds (đợt đánh giá): the round with its phase and switches, its members (council
//! or advisory group, optionally a sub-council of one product group), the dossiers that joined it
//! with their criteria set, declared conflicts of interest, one score sheet per (member,
//! dossier), and the certificates its decision issued.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The members' score sheets and the certificates a decision issues.
async fn scores_and_certificates(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(ScoreSheet::Table)
                .col(pk_auto(ScoreSheet::Id))
                .col(integer(ScoreSheet::RoundId))
                .col(integer(ScoreSheet::DossierId))
                .col(integer(ScoreSheet::UserId))
                .col(string_len(ScoreSheet::Panel, 16))
                .col(text(ScoreSheet::ChoicesJson))
                .col(integer(ScoreSheet::Total))
                .col(small_integer(ScoreSheet::Stars))
                .col(boolean(ScoreSheet::Complete))
                .col(timestamp_with_time_zone_null(ScoreSheet::SubmittedAt))
                .col(text_null(ScoreSheet::ReopenReason))
                .col(integer(ScoreSheet::Version).default(0))
                .col(timestamp_with_time_zone(ScoreSheet::UpdatedAt))
                .index(
                    Index::create()
                        .name("uq_score_sheet")
                        .col(ScoreSheet::RoundId)
                        .col(ScoreSheet::DossierId)
                        .col(ScoreSheet::UserId)
                        .unique(),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(Certificate::Table)
                .col(pk_auto(Certificate::Id))
                .col(string_len(Certificate::Number, 64).unique_key())
                .col(integer_null(Certificate::RoundId))
                .col(integer_null(Certificate::DossierId))
                .col(integer(Certificate::ProductId))
                .col(integer(Certificate::SubjectId))
                .col(small_integer(Certificate::Stars))
                .col(integer(Certificate::Score))
                .col(string_len(Certificate::DecisionNumber, 64))
                .col(date(Certificate::DecisionDate))
                .col(date(Certificate::ValidFrom))
                .col(date(Certificate::ValidUntil))
                .col(boolean(Certificate::National))
                .col(date_null(Certificate::RevokedOn))
                .col(text_null(Certificate::RevokeReason))
                .col(string_len_null(Certificate::RevokeDecision, 64))
                .col(integer_null(Certificate::SupersededBy))
                .col(timestamp_with_time_zone(Certificate::CreatedAt))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_certificate_product")
                .table(Certificate::Table)
                .col(Certificate::ProductId)
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EvaluationRound::Table)
                    .col(pk_auto(EvaluationRound::Id))
                    .col(string_len(EvaluationRound::Name, 300))
                    .col(small_integer(EvaluationRound::Year))
                    .col(string_len(EvaluationRound::Level, 16))
                    .col(date(EvaluationRound::DossierDeadline))
                    .col(date(EvaluationRound::ScoringFrom))
                    .col(date(EvaluationRound::ScoringUntil))
                    .col(string_len(EvaluationRound::Phase, 24))
                    .col(boolean(EvaluationRound::AssignedOnly))
                    .col(string_len(EvaluationRound::OthersVisible, 24))
                    .col(boolean(EvaluationRound::IdentityHidden))
                    .col(string_len(EvaluationRound::Aggregation, 8))
                    .col(string_len_null(EvaluationRound::DecisionNumber, 64))
                    .col(date_null(EvaluationRound::DecisionDate))
                    .col(string_len_null(EvaluationRound::DecisionSigner, 200))
                    .col(integer(EvaluationRound::CreatedBy))
                    .col(timestamp_with_time_zone(EvaluationRound::CreatedAt))
                    .col(integer(EvaluationRound::Version).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoundMember::Table)
                    .col(pk_auto(RoundMember::Id))
                    .col(integer(RoundMember::RoundId))
                    .col(integer(RoundMember::UserId))
                    .col(string_len(RoundMember::Panel, 16))
                    .col(string_len_null(RoundMember::GroupCode, 16))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_round_member_round")
                            .from(RoundMember::Table, RoundMember::RoundId)
                            .to(EvaluationRound::Table, EvaluationRound::Id),
                    )
                    .index(
                        Index::create()
                            .name("uq_round_member")
                            .col(RoundMember::RoundId)
                            .col(RoundMember::UserId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoundDossier::Table)
                    .col(pk_auto(RoundDossier::Id))
                    .col(integer(RoundDossier::RoundId))
                    .col(integer(RoundDossier::DossierId))
                    .col(integer(RoundDossier::CriteriaSetId))
                    .col(string_len(RoundDossier::GroupCode, 16))
                    .col(integer_null(RoundDossier::Score))
                    .col(small_integer_null(RoundDossier::Stars))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_round_dossier_round")
                            .from(RoundDossier::Table, RoundDossier::RoundId)
                            .to(EvaluationRound::Table, EvaluationRound::Id),
                    )
                    .index(
                        Index::create()
                            .name("uq_round_dossier")
                            .col(RoundDossier::RoundId)
                            .col(RoundDossier::DossierId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoundConflict::Table)
                    .col(pk_auto(RoundConflict::Id))
                    .col(integer(RoundConflict::RoundId))
                    .col(integer(RoundConflict::DossierId))
                    .col(integer(RoundConflict::UserId))
                    .col(text(RoundConflict::Reason))
                    .col(timestamp_with_time_zone(RoundConflict::CreatedAt))
                    .index(
                        Index::create()
                            .name("uq_round_conflict")
                            .col(RoundConflict::RoundId)
                            .col(RoundConflict::DossierId)
                            .col(RoundConflict::UserId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        scores_and_certificates(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Certificate::Table.into_iden(),
            ScoreSheet::Table.into_iden(),
            RoundConflict::Table.into_iden(),
            RoundDossier::Table.into_iden(),
            RoundMember::Table.into_iden(),
            EvaluationRound::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum EvaluationRound {
    Table,
    Id,
    Name,
    Year,
    Level,
    DossierDeadline,
    ScoringFrom,
    ScoringUntil,
    Phase,
    AssignedOnly,
    OthersVisible,
    IdentityHidden,
    Aggregation,
    DecisionNumber,
    DecisionDate,
    DecisionSigner,
    CreatedBy,
    CreatedAt,
    Version,
}

#[derive(DeriveIden)]
enum RoundMember {
    Table,
    Id,
    RoundId,
    UserId,
    Panel,
    GroupCode,
}

#[derive(DeriveIden)]
enum RoundDossier {
    Table,
    Id,
    RoundId,
    DossierId,
    CriteriaSetId,
    GroupCode,
    Score,
    Stars,
}

#[derive(DeriveIden)]
enum RoundConflict {
    Table,
    Id,
    RoundId,
    DossierId,
    UserId,
    Reason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ScoreSheet {
    Table,
    Id,
    RoundId,
    DossierId,
    UserId,
    Panel,
    ChoicesJson,
    Total,
    Stars,
    Complete,
    SubmittedAt,
    ReopenReason,
    Version,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Certificate {
    Table,
    Id,
    Number,
    RoundId,
    DossierId,
    ProductId,
    SubjectId,
    Stars,
    Score,
    DecisionNumber,
    DecisionDate,
    ValidFrom,
    ValidUntil,
    National,
    RevokedOn,
    RevokeReason,
    RevokeDecision,
    SupersededBy,
    CreatedAt,
}
