//! Partial decisions. While the round scores or deliberates, the provincial officer may leave
//! a dossier out of the round's decision, with a reason the producer reads (e.g. a test report
//! still awaited), and bring it back. The decision then ends the others; a dossier left out
//! keeps its council sheets open (`round::sheets_open`) and is decided later in the same
//! round, by a decision of its own (number, date, signer), once it has a council result.
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};

use crate::auth::Actor;
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::round::Phase;
use crate::entities::round_dossier;
use crate::models::evaluation::rounds::DecisionInput;
use crate::services::ServiceError;
use crate::services::audit;
use crate::services::certificates::register::CertificateSettings;
use crate::services::evaluation::decision::checked;
use crate::services::evaluation::finish::{Decision, finish_dossier};
use crate::services::evaluation::remarks::while_discussed;
use crate::services::evaluation::results::council_results;
use crate::services::evaluation::round_data::{self, RoundData};
use crate::services::evaluation::rounds::{bump_version, entry};
use crate::services::guards::manage_rounds;
use crate::services::input::invalid;
use crate::services::notifications::{self, Audience};

/// The longest reason kept (characters).
pub const MAX_DEFER_REASON: usize = 500;

/// Leaves one dossier out of the round's decision, with the reason its producer reads.
///
/// # Errors
/// `Denied` for anyone but a provincial officer; `NotFound` for a round or a dossier not in
/// it; `Conflict(Reason::Phase)` outside scoring and deliberation; `Invalid("reason")` when
/// blank or too long.
pub async fn defer(
    db: &DatabaseConnection,
    actor: &Actor,
    (round_id, dossier_id): (i32, i32),
    reason: &str,
) -> Result<(), ServiceError> {
    let by = manage_rounds(actor)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(invalid("reason", Reason::Required));
    }
    if reason.chars().count() > MAX_DEFER_REASON {
        return Err(invalid("reason", Reason::TooLong));
    }
    let data = open_round(db, round_id, dossier_id).await?;
    let txn = db.begin().await?;
    set_reason(&txn, (round_id, dossier_id), Some(reason)).await?;
    let product = data.product_name(dossier_id);
    audit::append(
        &txn,
        entry(
            by,
            AuditAction::RoundDefer,
            round_id,
            format!("{product}: {reason}"),
        )
        .with("product", &product)
        .with("reason", reason),
    )
    .await?;
    if let Some(d) = data.dossiers.get(&dossier_id) {
        let about = format!("{product}: {reason}");
        let to = [Audience::SubjectMembers(d.subject_id)];
        notifications::notify(&txn, actor, &to, "round.deferred", Some(dossier_id), &about).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Brings a dossier left out back into the round's decision.
///
/// # Errors
/// As `defer`, and `Conflict(Reason::NotDeferred)` for a dossier that was not left out.
pub async fn bring_back(
    db: &DatabaseConnection,
    actor: &Actor,
    (round_id, dossier_id): (i32, i32),
) -> Result<(), ServiceError> {
    let by = manage_rounds(actor)?;
    let data = open_round(db, round_id, dossier_id).await?;
    if !data
        .entry(dossier_id)
        .is_some_and(round_dossier::Model::deferred)
    {
        return Err(ServiceError::Conflict(Reason::NotDeferred));
    }
    let txn = db.begin().await?;
    set_reason(&txn, (round_id, dossier_id), None).await?;
    let product = data.product_name(dossier_id);
    audit::append(
        &txn,
        entry(by, AuditAction::RoundBringBack, round_id, product.clone()).with("product", &product),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Decides one dossier left out of the round's decision, by a decision of its own: as the
/// round's decision would have (certificate or not reached, the producer notified). Returns
/// whether a certificate was issued.
///
/// # Errors
/// `Denied`; `NotFound`; `Conflict(Reason::Phase)` before the round is decided;
/// `Conflict(Reason::NotDeferred)` for a dossier that was not left out or is decided;
/// `Conflict(Reason::Unscored)` while it has no submitted council sheet; `Invalid` for the
/// decision's fields.
pub async fn decide_later(
    db: &DatabaseConnection,
    actor: &Actor,
    (round_id, dossier_id): (i32, i32),
    input: &DecisionInput,
    settings: &CertificateSettings,
) -> Result<bool, ServiceError> {
    let by = manage_rounds(actor)?;
    let data = round_data::load(db, round_id).await?;
    let entry_row = data.entry(dossier_id).ok_or(ServiceError::NotFound)?;
    if data.phase != Phase::Decided {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    if !entry_row.deferred() {
        return Err(ServiceError::Conflict(Reason::NotDeferred));
    }
    let result = council_results(&data)
        .into_iter()
        .find(|(id, _)| *id == dossier_id)
        .and_then(|(_, result)| result)
        .ok_or(ServiceError::Conflict(Reason::Unscored))?;
    let (number, signer, date) = checked(input)?;
    let d = data
        .dossiers
        .get(&dossier_id)
        .ok_or(ServiceError::NotFound)?;
    let txn = db.begin().await?;
    // Two officers deciding the same dossier at once: the second finds it decided.
    let claimed = round_dossier::Entity::update_many()
        .col_expr(round_dossier::Column::DecisionNumber, number.into())
        .filter(round_dossier::Column::Id.eq(entry_row.id))
        .filter(round_dossier::Column::Stars.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::NotDeferred));
    }
    let decision = Decision { number, date };
    let certified = finish_dossier(&txn, actor, &data, d, &result, &decision, settings).await?;
    let product = data.product_name(dossier_id);
    audit::append(
        &txn,
        entry(
            by,
            AuditAction::RoundDecideLater,
            round_id,
            format!("{number} ({date}, {signer}): {product}"),
        )
        .with("number", number)
        .with("date", crate::domain::dates::date(date))
        .with("product", &product),
    )
    .await?;
    bump_version(&txn, round_id).await?;
    txn.commit().await?;
    Ok(certified)
}

/// The round, checked to hold the dossier and to be scoring or deliberating.
async fn open_round(
    db: &DatabaseConnection,
    round_id: i32,
    dossier_id: i32,
) -> Result<RoundData, ServiceError> {
    let data = round_data::load(db, round_id).await?;
    if data.entry(dossier_id).is_none() {
        return Err(ServiceError::NotFound);
    }
    if !matches!(data.phase, Phase::Scoring | Phase::Deliberation) {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    Ok(data)
}

/// Writes the reason (or clears it), checking the round's phase in the same statement so that
/// it never lands after a decision committed meanwhile; a decision prepared on the page before
/// is refused as changed meanwhile (the round's version moves on).
async fn set_reason(
    txn: &impl sea_orm::ConnectionTrait,
    (round_id, dossier_id): (i32, i32),
    reason: Option<&str>,
) -> Result<(), ServiceError> {
    let updated = round_dossier::Entity::update_many()
        .col_expr(
            round_dossier::Column::DeferredReason,
            reason.map(str::to_owned).into(),
        )
        .filter(round_dossier::Column::RoundId.eq(round_id))
        .filter(round_dossier::Column::DossierId.eq(dossier_id))
        .filter(round_dossier::Column::RoundId.in_subquery(while_discussed(round_id)))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    bump_version(txn, round_id).await?;
    Ok(())
}
