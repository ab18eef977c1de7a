//! The council's remarks on a dossier: what the provincial officer writes down from the
//! council's discussion, for the producer to read with the result on the dossier's page
//! (above all when the product did not reach 3★: what to improve). Written while the round
//! scores or deliberates; fixed once it is decided.
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait,
};

use crate::auth::Actor;
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::round::Phase;
use crate::entities::{evaluation_round, round_dossier};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::evaluation::round_data;
use crate::services::guards::manage_rounds;
use crate::services::input::invalid;

/// Holds the round's row in `txn` while the round scores or deliberates, moving its version
/// on when `bump`. A decision writes that row first, so what the transaction writes after this
/// never lands on a decided round: PostgreSQL waits for the decision's lock and then finds the
/// phase changed; SQLite runs one writer at a time.
///
/// # Errors
/// `Conflict(Reason::Phase)` when the round is in another phase; a database error.
pub(crate) async fn hold_while_discussed(
    txn: &impl ConnectionTrait,
    round_id: i32,
    bump: bool,
) -> Result<(), ServiceError> {
    let held = evaluation_round::Entity::update_many()
        .col_expr(
            evaluation_round::Column::Version,
            Expr::col(evaluation_round::Column::Version).add(i32::from(bump)),
        )
        .filter(evaluation_round::Column::Id.eq(round_id))
        .filter(evaluation_round::Column::Phase.is_in([Phase::Scoring, Phase::Deliberation]))
        .exec(txn)
        .await?;
    if held.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    Ok(())
}

/// The longest remarks kept (characters).
pub const MAX_REMARKS: usize = 2000;

/// Saves the council's remarks on one dossier of the round (blank clears them).
///
/// # Errors
/// `Denied` for anyone but a provincial officer; `NotFound` for a round or a dossier not in
/// it; `Conflict(Reason::Phase)` outside scoring and deliberation; `Invalid` when too long.
pub async fn save_remarks(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i32,
    dossier_id: i32,
    remarks: &str,
) -> Result<(), ServiceError> {
    let by = manage_rounds(actor)?;
    let remarks = remarks.trim();
    if remarks.chars().count() > MAX_REMARKS {
        return Err(invalid("remarks", Reason::TooLong));
    }
    let data = round_data::load(db, round_id).await?;
    if data.entry(dossier_id).is_none() {
        return Err(ServiceError::NotFound);
    }
    if !matches!(data.phase, Phase::Scoring | Phase::Deliberation) {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    let txn = db.begin().await?;
    hold_while_discussed(&txn, round_id, false).await?;
    round_dossier::Entity::update_many()
        .col_expr(
            round_dossier::Column::Remarks,
            (!remarks.is_empty()).then(|| remarks.to_owned()).into(),
        )
        .filter(round_dossier::Column::RoundId.eq(round_id))
        .filter(round_dossier::Column::DossierId.eq(dossier_id))
        .exec(&txn)
        .await?;
    let product = data.product_name(dossier_id);
    audit::append(
        &txn,
        Entry {
            actor_user_id: Some(by),
            action: AuditAction::RoundRemarks,
            target_type: "evaluation_round",
            target_id: Some(round_id.to_string()),
            summary: format!("{product}: {} ký tự", remarks.chars().count()),
            ip: None,
            details: Default::default(),
        }
        .with("product", &product),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
