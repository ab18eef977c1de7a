//! The decision of a round: in deliberation the provincial officer records the decision
//! (number, date, signer) and publishes it. Every dossier gets the council's score and stars
//! and ends (`finish`): products of 3★ and above get a certificate (4★ at most from the
//! province, ≥ 90 flagged for the Ministry), valid 36 months, superseding the product's
//! earlier certificate, and carry their new stars; the others are not reached; producers are
//! notified either way. Dossiers the officer left out (`deferral`) wait for a later decision.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};

use crate::auth::Actor;
use crate::domain::certificate;
use crate::domain::round::Phase;
use crate::entities::{certificate as cert, evaluation_round, product};
use crate::models::evaluation::rounds::DecisionInput;
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::certificates::register::CertificateSettings;
use crate::services::evaluation::finish::{Decision, finish_dossier};
use crate::services::evaluation::results::council_results;
use crate::services::evaluation::round_data;
use crate::services::guards::manage_rounds;
use crate::services::input::invalid;

/// Records and publishes the decision; returns how many certificates were issued.
///
/// # Errors
/// `Denied`; `NotFound`; `Conflict(Reason::Phase)` outside deliberation, `Conflict(Reason::ChangedMeanwhile)`
/// for a stale page, `Conflict(Reason::Unscored)` while a dossier has no council sheet,
/// `Conflict(Reason::AllDeferred)` when every dossier is left out; `Invalid` for an empty
/// number or signer, or a wrong date.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i32,
    version: i32,
    input: &DecisionInput,
    settings: &CertificateSettings,
) -> Result<usize, ServiceError> {
    let by = manage_rounds(actor)?;
    let data = round_data::load(db, round_id).await?;
    if data.phase != Phase::Deliberation {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    // Dossiers left out of the decision wait for a later one (`deferral`).
    let results: Vec<_> = council_results(&data)
        .into_iter()
        .filter(|(id, _)| data.entry(*id).is_some_and(|e| !e.deferred()))
        .collect();
    if results.is_empty() {
        return Err(ServiceError::Conflict(Reason::AllDeferred));
    }
    // Deliberation is reached only with a council result on every dossier (`rounds::advance`);
    // a round that reached it before that rule would strand a dossier without one.
    if results.iter().any(|(_, result)| result.is_none()) {
        return Err(ServiceError::Conflict(Reason::Unscored));
    }
    let (number, signer, date) = checked(input)?;
    let txn = db.begin().await?;
    let updated = evaluation_round::Entity::update_many()
        .col_expr(evaluation_round::Column::Phase, Expr::value(Phase::Decided))
        .col_expr(evaluation_round::Column::DecisionNumber, number.into())
        .col_expr(evaluation_round::Column::DecisionDate, date.into())
        .col_expr(evaluation_round::Column::DecisionSigner, signer.into())
        .col_expr(evaluation_round::Column::Version, (version + 1).into())
        .filter(evaluation_round::Column::Id.eq(round_id))
        .filter(evaluation_round::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    let mut issued = 0;
    let decision = Decision {
        number,
        date,
        signer,
    };
    for (dossier_id, result) in results {
        let (Some(result), Some(d)) = (result, data.dossiers.get(&dossier_id)) else {
            continue;
        };
        let certified = finish_dossier(&txn, actor, &data, d, &result, &decision, settings).await?;
        issued += usize::from(certified);
    }
    audit::append(
        &txn,
        Entry {
            actor_user_id: Some(by),
            action: AuditAction::RoundDecide,
            target_type: "evaluation_round",
            target_id: Some(round_id.to_string()),
            summary: format!("{number} ({date}), {issued}"),
            ip: None,
            details: Default::default(),
        }
        .with("number", number)
        .with("date", crate::domain::dates::date(date))
        .with("count", issued.to_string()),
    )
    .await?;
    txn.commit().await?;
    Ok(issued)
}

/// The decision form checked: its number, signer and date.
///
/// # Errors
/// `Invalid` for an empty or too long number or signer, or a wrong date or one after today.
pub(crate) fn checked<'a>(
    input: &'a DecisionInput,
) -> Result<(&'a str, &'a str, chrono::NaiveDate), ServiceError> {
    let text = |value: &'a str, field: &'static str, longest: usize| {
        let value = value.trim();
        if value.is_empty() {
            Err(invalid(field, Reason::Required))
        } else if value.chars().count() > longest {
            Err(invalid(field, Reason::TooLong))
        } else {
            Ok(value)
        }
    };
    let number = text(&input.number, "number", 64)?;
    let signer = text(&input.signer, "signer", 200)?;
    let date = chrono::NaiveDate::parse_from_str(input.date.trim(), "%Y-%m-%d")
        .map_err(|_| invalid("date", Reason::InvalidDate))?;
    // A decision is recorded once signed: never dated ahead (certificates run from it).
    if date > crate::services::today_in_vietnam() {
        return Err(invalid("date", Reason::DecisionAhead));
    }
    Ok((number, signer, date))
}

/// One certificate to issue.
pub(crate) struct Issue<'a> {
    pub round_id: Option<i32>,
    pub dossier_id: Option<i32>,
    pub product_id: i32,
    pub subject_id: i32,
    pub stars: u8,
    pub score: u32,
    pub national: bool,
    pub decision_number: &'a str,
    pub decision_date: chrono::NaiveDate,
}

/// The next certificate number of `year` under `format` that no certificate has.
///
/// # Errors
/// A database error.
pub(crate) async fn free_number(
    db: &impl ConnectionTrait,
    format: &str,
    year: i32,
) -> Result<String, ServiceError> {
    let first = chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let last = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    let mut seq = cert::Entity::find()
        .filter(cert::Column::DecisionDate.between(first, last))
        .count(db)
        .await?
        + 1;
    // Another format or a deleted row may have taken the next number: take the next free one.
    loop {
        let candidate = certificate::number(format, year, u32::try_from(seq).unwrap_or(0));
        let taken = cert::Entity::find()
            .filter(cert::Column::Number.eq(candidate.clone()))
            .count(db)
            .await?
            > 0;
        if !taken {
            return Ok(candidate);
        }
        seq += 1;
    }
}

/// Issues a certificate numbered in its decision year, supersedes the product's earlier ones
/// and gives the product its stars.
pub(crate) async fn issue(
    db: &impl ConnectionTrait,
    issue: Issue<'_>,
    settings: &CertificateSettings,
) -> Result<cert::Model, ServiceError> {
    use chrono::Datelike;
    let year = issue.decision_date.year();
    let number = free_number(db, &settings.number_format, year).await?;
    let earlier = cert::Entity::find()
        .filter(cert::Column::ProductId.eq(issue.product_id))
        .filter(cert::Column::SupersededBy.is_null())
        .all(db)
        .await?;
    let created = cert::ActiveModel {
        number: Set(number),
        round_id: Set(issue.round_id),
        dossier_id: Set(issue.dossier_id),
        product_id: Set(issue.product_id),
        subject_id: Set(issue.subject_id),
        stars: Set(i16::from(issue.stars)),
        score: Set(i32::try_from(issue.score).unwrap_or_default()),
        decision_number: Set(issue.decision_number.to_owned()),
        decision_date: Set(issue.decision_date),
        valid_from: Set(issue.decision_date),
        valid_until: Set(certificate::valid_until(issue.decision_date)),
        national: Set(issue.national),
        revoked_on: Set(None),
        revoke_reason: Set(None),
        revoke_decision: Set(None),
        superseded_by: Set(None),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if !earlier.is_empty() {
        cert::Entity::update_many()
            .col_expr(cert::Column::SupersededBy, created.id.into())
            .filter(cert::Column::Id.is_in(earlier.iter().map(|c| c.id)))
            .exec(db)
            .await?;
    }
    product::Entity::update_many()
        .col_expr(product::Column::Stars, i16::from(issue.stars).into())
        .col_expr(
            product::Column::CertifiedYear,
            i16::try_from(year).unwrap_or_default().into(),
        )
        .filter(product::Column::Id.eq(issue.product_id))
        .exec(db)
        .await?;
    Ok(created)
}
