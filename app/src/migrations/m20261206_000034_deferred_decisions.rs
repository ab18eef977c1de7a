//! Partial decisions: the provincial officer may leave a dossier out of the round's decision,
//! with a reason (`deferred_reason`, e.g. a test report still awaited), and decide it later
//! in the same round by a decision of its own (`decision_number`, `decision_date`, `decision_signer`; the
//! round's decision for the others, which get the round's number and date too). The round
//! remembers when its members were reminded of their unsubmitted sheets
//! (`evaluation_round.sheets_reminded_on`): once per round.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum RoundDossier {
    Table,
    DeferredReason,
    DecisionNumber,
    DecisionDate,
    DecisionSigner,
}

#[derive(DeriveIden, Clone, Copy)]
enum EvaluationRound {
    Table,
    SheetsRemindedFor,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::add_columns(
            manager,
            RoundDossier::Table,
            vec![
                text_null(RoundDossier::DeferredReason).to_owned(),
                string_len_null(RoundDossier::DecisionNumber, 64).to_owned(),
                date_null(RoundDossier::DecisionDate).to_owned(),
                string_len_null(RoundDossier::DecisionSigner, 200).to_owned(),
            ],
        )
        .await?;
        super::add_columns(
            manager,
            EvaluationRound::Table,
            vec![date_null(EvaluationRound::SheetsRemindedFor).to_owned()],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::drop_columns(
            manager,
            EvaluationRound::Table,
            [EvaluationRound::SheetsRemindedFor],
        )
        .await?;
        super::drop_columns(
            manager,
            RoundDossier::Table,
            [
                RoundDossier::DeferredReason,
                RoundDossier::DecisionNumber,
                RoundDossier::DecisionDate,
                RoundDossier::DecisionSigner,
            ],
        )
        .await
    }
}
