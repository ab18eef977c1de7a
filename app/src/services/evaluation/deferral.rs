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
use crate::services::evaluation::remarks::hold_while_discussed;
use crate::services::evaluation::results::council_results;
use crate::services::evaluation::round_data::{self, RoundData};
use crate::services::evaluation::rounds::{bump_version, entry};
use crate::services::evaluation::score_sheets::window_closed;
use crate::services::guards::manage_rounds;
use crate::services::input::invalid;
use crate::services::notifications::{self, Audience};

/// The longest reason kept (characters).
pub const MAX_DEFER_REASON: usize = 500;

/// Leaves one dossier out of the round's decision, with the reason its producer reads (or
/// changes the reason of one left out: its producer is told once).
///
/// # Errors
/// `Denied` for anyone but a provincial officer; `NotFound` for a round or a dossier not in
/// it; `Conflict(Reason::Phase)` outside scoring and deliberation; `Conflict(Reason::NoScorer)`
/// when no council member may score it (it could never be decided); `Invalid("reason")` when
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
    if data.expected_council(dossier_id).is_empty() {
        return Err(ServiceError::Conflict(Reason::NoScorer));
    }
    let already = data
        .entry(dossier_id)
        .is_some_and(round_dossier::Model::deferred);
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
    if !already {
        tell_producer(
            &txn,
            actor,
            &data,
            dossier_id,
            "round.deferred",
            &format!("{product}: {reason}"),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Brings a dossier left out back into the round's decision; its producer is told. In
/// deliberation, only a dossier the decision can end: with a council result and no sheet being
/// filled in again.
///
/// # Errors
/// As `defer`; `Conflict(Reason::NotDeferred)` for a dossier that was not left out;
/// `Conflict(Reason::SheetsStillOpen)` in deliberation for one the decision could not end.
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
    // In deliberation (or once the window is over) its sheets close with it: only a dossier
    // the decision can end comes back.
    let closing = data.phase == Phase::Deliberation || window_closed(&data);
    if closing && !ready_for_decision(&data, dossier_id) {
        return Err(ServiceError::Conflict(Reason::SheetsStillOpen));
    }
    let txn = db.begin().await?;
    set_reason(&txn, (round_id, dossier_id), None).await?;
    let product = data.product_name(dossier_id);
    audit::append(
        &txn,
        entry(by, AuditAction::RoundBringBack, round_id, product.clone()).with("product", &product),
    )
    .await?;
    tell_producer(
        &txn,
        actor,
        &data,
        dossier_id,
        "round.brought_back",
        &product,
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
/// `Conflict(Reason::DeferredUnscored)` while it has no submitted council sheet; `Invalid` for
/// the decision's fields, or a date before the round's decision.
pub async fn decide_later(
    db: &DatabaseConnection,
    actor: &Actor,
    (round_id, dossier_id): (i32, i32),
    input: &DecisionInput,
    settings: &CertificateSettings,
) -> Result<bool, ServiceError> {
    let by = manage_rounds(actor)?;
    let seen = round_data::load(db, round_id).await?;
    let entry_row = seen.entry(dossier_id).ok_or(ServiceError::NotFound)?;
    if seen.phase != Phase::Decided {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    if !entry_row.deferred() {
        return Err(ServiceError::Conflict(Reason::NotDeferred));
    }
    let (number, signer, date) = checked(input)?;
    if seen.round.decision_date.is_some_and(|round| date < round) {
        return Err(invalid("date", Reason::BeforeRoundDecision));
    }
    let txn = db.begin().await?;
    // Claimed first: a second officer deciding it at once, or a member's sheet arriving now
    // (`score_sheets` holds the same row), waits for this and then finds it decided.
    let claimed = round_dossier::Entity::update_many()
        .col_expr(round_dossier::Column::DecisionNumber, number.into())
        .filter(round_dossier::Column::Id.eq(entry_row.id))
        .filter(round_dossier::Column::DeferredReason.is_not_null())
        .filter(round_dossier::Column::Stars.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::NotDeferred));
    }
    // The sheets as they stand once the row is held: what the decision is made on.
    let data = round_data::load(&txn, round_id).await?;
    let result = council_results(&data)
        .into_iter()
        .find(|(id, _)| *id == dossier_id)
        .and_then(|(_, result)| result)
        .ok_or(ServiceError::Conflict(Reason::DeferredUnscored))?;
    let d = data
        .dossiers
        .get(&dossier_id)
        .ok_or(ServiceError::NotFound)?;
    let decision = Decision {
        number,
        date,
        signer,
    };
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
        .with("signer", signer)
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

/// Whether the round's decision could end the dossier now: a council result, and no expected
/// member's sheet being filled in again (it would be left out of the result unseen).
fn ready_for_decision(data: &RoundData, dossier_id: i32) -> bool {
    let scored = council_results(data)
        .into_iter()
        .any(|(id, result)| id == dossier_id && result.is_some());
    let drafts = data.expected_council(dossier_id).into_iter().any(|member| {
        data.sheet(dossier_id, member)
            .is_some_and(|s| s.submitted_at.is_none())
    });
    scored && !drafts
}

/// Writes the reason (or clears it) while the round is still discussed (held first, its
/// version moved on: a decision prepared on the page before is refused as changed meanwhile).
async fn set_reason(
    txn: &impl sea_orm::ConnectionTrait,
    (round_id, dossier_id): (i32, i32),
    reason: Option<&str>,
) -> Result<(), ServiceError> {
    hold_while_discussed(txn, round_id, true).await?;
    let updated = round_dossier::Entity::update_many()
        .col_expr(
            round_dossier::Column::DeferredReason,
            reason.map(str::to_owned).into(),
        )
        .filter(round_dossier::Column::RoundId.eq(round_id))
        .filter(round_dossier::Column::DossierId.eq(dossier_id))
        .filter(round_dossier::Column::Stars.is_null())
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    Ok(())
}

/// Tells the dossier's producer (in the app; `mail_text` says which kinds are e-mailed too).
async fn tell_producer(
    txn: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    data: &RoundData,
    dossier_id: i32,
    kind: &str,
    about: &str,
) -> Result<(), ServiceError> {
    if let Some(d) = data.dossiers.get(&dossier_id) {
        let to = [Audience::SubjectMembers(d.subject_id)];
        notifications::notify(txn, actor, &to, kind, Some(dossier_id), about).await?;
    }
    Ok(())
}

/// Holds, in `txn`, the row of a dossier left out and not decided yet: a sheet saved or
/// reopened outside the panel's phase never lands under its later decision (which claims the
/// same row first).
///
/// # Errors
/// `Conflict(Reason::PhaseClosed)` once it is decided (or was never left out); a database error.
pub(crate) async fn hold_deferred(
    txn: &impl sea_orm::ConnectionTrait,
    (round_id, dossier_id): (i32, i32),
) -> Result<(), ServiceError> {
    let held = round_dossier::Entity::update_many()
        .col_expr(
            round_dossier::Column::DeferredReason,
            sea_orm::sea_query::Expr::col(round_dossier::Column::DeferredReason),
        )
        .filter(round_dossier::Column::RoundId.eq(round_id))
        .filter(round_dossier::Column::DossierId.eq(dossier_id))
        .filter(round_dossier::Column::DeferredReason.is_not_null())
        .filter(round_dossier::Column::Stars.is_null())
        .exec(txn)
        .await?;
    if held.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::PhaseClosed));
    }
    Ok(())
}
