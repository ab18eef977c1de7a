//! Revoking a certificate (thu hồi): from the certificates' list, or on the proposal of an
//! inspection. Either way the product loses its stars, its producer is told, and every
//! inspection of the product still open ends with it — a proposal as revoked, anything else as
//! cancelled — each with a line in its history.
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait,
    sea_query::Expr,
};

use crate::auth::Actor;
use crate::domain::audit_action::AuditAction;
use crate::domain::audit_details::Value;
use crate::domain::inspection::InspectionState;
use crate::domain::reason::Reason;
use crate::entities::{certificate as cert, inspection, product};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::certificates::register::current;
use crate::services::guards::manage_rounds;
use crate::services::input::{Problems, invalid, required};

/// The longest reason kept (it goes into a notice and the log too).
const MAX_REASON: usize = 2000;
/// The decision's number, as its column holds it.
const MAX_DECISION: usize = 64;

/// Revokes a certificate (thu hồi) with a reason, decision number and date.
///
/// # Errors
/// `Denied`; `NotFound`; `Conflict(Reason::Revoked)` when already revoked; `Invalid` for an empty
/// reason or decision, or a wrong date.
pub async fn revoke(
    db: &DatabaseConnection,
    actor: &Actor,
    number: &str,
    reason: &str,
    decision: &str,
    date: &str,
) -> Result<(), ServiceError> {
    manage_rounds(actor)?;
    let found = cert::Entity::find()
        .filter(cert::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    revoke_found(db, actor, found, (reason, decision, date), None).await
}

/// Revokes the product's current certificate on the basis of an inspection that proposed it;
/// returns the certificate's number.
///
/// # Errors
/// As `revoke`; `NotFound` for an inspection the actor has no part in or a product with no
/// certificate; `Conflict(ChangedMeanwhile)` when the inspection no longer proposes it.
pub async fn revoke_on_inspection(
    db: &DatabaseConnection,
    actor: &Actor,
    inspection_id: i32,
    reason: &str,
    decision: &str,
    date: &str,
) -> Result<String, ServiceError> {
    manage_rounds(actor)?;
    let inspection = crate::entities::inspection::Entity::find_by_id(inspection_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let parties =
        crate::auth::inspection_parties(actor, inspection.subject_id, &inspection.commune_code);
    crate::domain::inspection::transition(
        inspection.state,
        crate::domain::inspection::InspectionAction::Revoke,
        &parties,
    )
    .map_err(|_| ServiceError::Conflict(Reason::ChangedMeanwhile))?;
    let found = current(db, inspection.product_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let number = found.number.clone();
    revoke_found(
        db,
        actor,
        found,
        (reason, decision, date),
        Some(inspection.id),
    )
    .await?;
    Ok(number)
}

/// Revokes `found` with (reason, decision, date); every inspection proposing to revoke its
/// product ends with it, `basis` named on the certificate.
async fn revoke_found(
    db: &DatabaseConnection,
    actor: &Actor,
    found: cert::Model,
    (reason, decision, date): (&str, &str, &str),
    basis: Option<i32>,
) -> Result<(), ServiceError> {
    let by = manage_rounds(actor)?;
    let number = found.number.clone();
    let number = number.as_str();
    if found.revoked_on.is_some() {
        return Err(ServiceError::Conflict(Reason::Revoked));
    }
    // Every problem of the form at once.
    let mut problems = Problems::default();
    let reason = problems.check(required(reason, "reason", MAX_REASON));
    let decision = problems.check(required(decision, "decision", MAX_DECISION));
    let date = problems.check(
        chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
            .map_err(|_| invalid("date", Reason::InvalidDate))
            // Recorded once signed: not ahead of today, nor before the certificate was issued.
            .and_then(|date| {
                if date > crate::services::today_in_vietnam() {
                    Err(invalid("date", Reason::DecisionAhead))
                } else if date < found.decision_date {
                    Err(invalid("date", Reason::InvalidDate))
                } else {
                    Ok(date)
                }
            }),
    );
    problems.finish()?;
    let (Some(reason), Some(decision), Some(date)) = (reason, decision, date) else {
        return Err(invalid("reason", Reason::Required));
    };
    let (reason, decision) = (reason.as_str(), decision.as_str());
    let txn = db.begin().await?;
    // Only a certificate still in force: two officers revoking at once, the second is told.
    let revoked = cert::Entity::update_many()
        .col_expr(cert::Column::RevokedOn, Expr::value(date))
        .col_expr(cert::Column::RevokeReason, Expr::value(reason))
        .col_expr(cert::Column::RevokeDecision, Expr::value(decision))
        .col_expr(cert::Column::RevokeInspectionId, Expr::value(basis))
        .filter(cert::Column::Id.eq(found.id))
        .filter(cert::Column::RevokedOn.is_null())
        .exec(&txn)
        .await?;
    if revoked.rows_affected == 0 {
        return Err(ServiceError::Conflict(Reason::Revoked));
    }
    let product_name = product::Entity::find_by_id(found.product_id)
        .one(&txn)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    end_inspections(&txn, by, &found, (&product_name, decision, date), basis).await?;
    product::Entity::update_many()
        .col_expr(product::Column::Stars, Option::<i16>::None.into())
        .filter(product::Column::Id.eq(found.product_id))
        .exec(&txn)
        .await?;
    // The producer must take the OCOP mark off labels and stamps at once: tell them.
    crate::services::notifications::notify(
        &txn,
        actor,
        &[crate::services::notifications::Audience::SubjectMembers(
            found.subject_id,
        )],
        "certificate.revoked",
        None,
        &format!("{product_name} — {number} ({decision}): {reason}"),
    )
    .await?;
    audit::append(
        &txn,
        Entry {
            actor_user_id: Some(by),
            action: AuditAction::CertificateRevoke,
            target_type: "certificate",
            target_id: Some(number.to_owned()),
            summary: format!("{decision}: {reason}"),
            ip: None,
            details: Default::default(),
        }
        .with("number", number)
        .with("decision", decision)
        .with("reason", reason),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Ends every open inspection of the revoked certificate's product: the one it was based on
/// (`basis`) and any other proposal as revoked, the rest as cancelled, each logged.
///
/// # Errors
/// `Conflict(ChangedMeanwhile)` when `basis` no longer proposes the revocation.
async fn end_inspections(
    txn: &impl ConnectionTrait,
    by: i32,
    found: &cert::Model,
    (product_name, decision, date): (&str, &str, chrono::NaiveDate),
    basis: Option<i32>,
) -> Result<(), ServiceError> {
    let open = inspection::Entity::find()
        .filter(inspection::Column::ProductId.eq(found.product_id))
        .filter(
            inspection::Column::State
                .is_in(InspectionState::ALL.into_iter().filter(|s| !s.closed())),
        )
        .all(txn)
        .await?;
    let proposed = |i: &inspection::Model| i.state == InspectionState::RevocationProposed;
    if let Some(id) = basis
        && !open.iter().any(|i| i.id == id && proposed(i))
    {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    let number = found.number.as_str();
    for i in open {
        let to = if proposed(&i) {
            InspectionState::Revoked
        } else {
            InspectionState::Cancelled
        };
        inspection::Entity::update_many()
            .col_expr(inspection::Column::State, Expr::value(to.as_str()))
            .col_expr(inspection::Column::ClosedOn, Expr::value(date))
            .filter(inspection::Column::Id.eq(i.id))
            .exec(txn)
            .await?;
        let step = if to == InspectionState::Revoked {
            Value::both(
                format!("thu hồi giấy chứng nhận {number} theo {decision}"),
                format!("revoked the certificate {number} by {decision}"),
            )
        } else {
            Value::both(
                format!("kết thúc kiểm tra vì giấy chứng nhận {number} đã bị thu hồi"),
                format!("ended the inspection: the certificate {number} was revoked"),
            )
        };
        audit::append(
            txn,
            Entry {
                actor_user_id: Some(by),
                action: AuditAction::InspectionStep,
                target_type: "inspection",
                target_id: Some(i.id.to_string()),
                summary: format!("{number} ({decision})"),
                ip: None,
                details: Default::default(),
            }
            .with("step", step)
            .with("product", product_name),
        )
        .await?;
    }
    Ok(())
}
