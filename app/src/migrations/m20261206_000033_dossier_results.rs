//! A round's decision ends its dossiers: `certified` or `not_reached` (states of
//! `dossier.state`, a plain text column). `round_dossier` keeps what the producer reads on the
//! dossier's page: the council's subtotal of each part of the criteria set (`parts_json`) and
//! the council's remarks, written by the provincial officer in deliberation.
//!
//! Dossiers of rounds decided before this migration were left "in evaluation": they take the
//! state their round's stars say (3★ or more: a certificate was issued).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum RoundDossier {
    Table,
    PartsJson,
    Remarks,
}

/// The final state of every dossier of a decided round that has the round's stars.
const DECIDED_BEFORE: &str = "UPDATE dossier SET state = CASE WHEN ( \
       SELECT MAX(rd.stars) FROM round_dossier rd JOIN evaluation_round r ON r.id = rd.round_id \
       WHERE rd.dossier_id = dossier.id AND r.phase = 'decided') >= 3 \
     THEN 'certified' ELSE 'not_reached' END \
     WHERE state = 'in_evaluation' AND EXISTS ( \
       SELECT 1 FROM round_dossier rd JOIN evaluation_round r ON r.id = rd.round_id \
       WHERE rd.dossier_id = dossier.id AND r.phase = 'decided' AND rd.stars IS NOT NULL)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::add_columns(
            manager,
            RoundDossier::Table,
            vec![
                text_null(RoundDossier::PartsJson).to_owned(),
                text_null(RoundDossier::Remarks).to_owned(),
            ],
        )
        .await?;
        manager
            .get_connection()
            .execute_unprepared(DECIDED_BEFORE)
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE dossier SET state = 'in_evaluation' \
                 WHERE state IN ('certified', 'not_reached')",
            )
            .await?;
        super::drop_columns(
            manager,
            RoundDossier::Table,
            [RoundDossier::PartsJson, RoundDossier::Remarks],
        )
        .await
    }
}
