//! The council's remarks on a dossier: what the provincial officer writes down from the
//! council's discussion, for the producer to read with the result on the dossier's page
//! (above all when the product did not reach 3★: what to improve). Written while the round
//! scores or deliberates; fixed once it is decided.
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

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

/// The round, if it scores or deliberates: checked in the same statement as a write that only
/// those phases allow, so the write never lands after a decision committed meanwhile.
pub(crate) fn while_discussed(round_id: i32) -> SelectStatement {
    Query::select()
        .column(evaluation_round::Column::Id)
        .from(evaluation_round::Entity)
        .and_where(evaluation_round::Column::Id.eq(round_id))
        .and_where(evaluation_round::Column::Phase.is_in([Phase::Scoring, Phase::Deliberation]))
        .to_owned()
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
    // The round's phase is checked again in the same statement: remarks never land after a
    // decision committed meanwhile.
    let updated = round_dossier::Entity::update_many()
        .col_expr(
            round_dossier::Column::Remarks,
            (!remarks.is_empty()).then(|| remarks.to_owned()).into(),
        )
        .filter(round_dossier::Column::RoundId.eq(round_id))
        .filter(round_dossier::Column::DossierId.eq(dossier_id))
        .filter(round_dossier::Column::RoundId.in_subquery(while_discussed(round_id)))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    let product = data.product_name(dossier_id);
    audit::append(
        db,
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
    Ok(())
}
