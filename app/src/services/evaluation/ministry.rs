//! The Ministry's answer to a product the province proposed for 5★ (90 points or more): the
//! provincial officer records the Ministry's decision (number, date) and the stars it granted.
//! Stars other than the province's (5★, as a rule) issue the Ministry's certificate, valid 36
//! months from its decision and replacing the province's; the product carries the new stars,
//! so the public page, the catalogue, the reports and the dashboard follow. The same stars as
//! the province's leave the provincial certificate in force with the answer written on it.
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    TransactionTrait,
};

use crate::auth::Actor;
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::entities::{certificate as cert, product};
use crate::models::evaluation::rounds::MinistryResultInput;
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::certificates::register::CertificateSettings;
use crate::services::evaluation::decision::{Issue, issue};
use crate::services::guards::manage_rounds;
use crate::services::input::Problems;
use crate::services::notifications::{self, Audience};

/// What the form said, checked: the Ministry's decision number, its date and the stars.
struct Answer {
    decision: String,
    date: chrono::NaiveDate,
    stars: u8,
}

/// Every problem of the form at once; the date must fall between the province's decision and
/// `today`.
fn parse(
    input: &MinistryResultInput,
    proposed_on: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Result<Answer, ServiceError> {
    let mut problems = Problems::default();
    let decision = input.decision.trim();
    if decision.is_empty() {
        problems.add("decision", Reason::Required);
    } else if decision.chars().count() > 64 {
        problems.add("decision", Reason::TooLong);
    }
    let date = chrono::NaiveDate::parse_from_str(input.date.trim(), "%Y-%m-%d");
    match date {
        Err(_) => problems.add("date", Reason::InvalidDate),
        Ok(d) if d < proposed_on || d > today => problems.add("date", Reason::MinistryDate),
        Ok(_) => {}
    }
    let stars = input
        .stars
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|s| (3..=5).contains(s));
    if stars.is_none() {
        problems.add("stars", Reason::MinistryStars);
    }
    problems.finish()?;
    Ok(Answer {
        decision: decision.to_owned(),
        date: date.unwrap_or(proposed_on),
        stars: stars.unwrap_or(5),
    })
}

/// Records the Ministry's result for the certificate numbered `input.number`; returns the
/// number of the certificate the Ministry's decision issued, if it issued one.
///
/// # Errors
/// `Denied` unless a provincial officer; `NotFound`; `Conflict(NotProposed)` for a certificate
/// that did not propose its product (under 90 points, revoked, replaced or the Ministry's own),
/// `Conflict(AlreadyAnswered)` when the result is already recorded; `Problems` naming each
/// field that is wrong.
pub async fn record(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &MinistryResultInput,
    today: chrono::NaiveDate,
    settings: &CertificateSettings,
) -> Result<Option<String>, ServiceError> {
    let by = manage_rounds(actor)?;
    let number: String = input.number.trim().chars().take(64).collect();
    let txn = db.begin().await?;
    let proposing = cert::Entity::find()
        .filter(cert::Column::Number.eq(number.as_str()))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if proposing.ministry_decision.is_some() {
        return Err(ServiceError::Conflict(Reason::AlreadyAnswered));
    }
    if !proposing.national
        || proposing.by_ministry
        || proposing.revoked_on.is_some()
        || proposing.superseded_by.is_some()
    {
        return Err(ServiceError::Conflict(Reason::NotProposed));
    }
    let answer = parse(input, proposing.decision_date, today)?;
    // Written only while still unanswered: of two officers saving at once, one wins and the
    // other is told, instead of two Ministry certificates.
    let written = cert::Entity::update_many()
        .col_expr(
            cert::Column::MinistryDecision,
            Some(answer.decision.clone()).into(),
        )
        .col_expr(cert::Column::MinistryDecisionDate, Some(answer.date).into())
        .col_expr(
            cert::Column::MinistryStars,
            Some(i16::from(answer.stars)).into(),
        )
        .filter(cert::Column::Id.eq(proposing.id))
        .filter(cert::Column::MinistryDecision.is_null())
        .exec(&txn)
        .await?;
    if written.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::AlreadyAnswered));
    }
    let issued = if i16::from(answer.stars) == proposing.stars {
        None
    } else {
        let created = issue(
            &txn,
            Issue {
                round_id: None,
                dossier_id: proposing.dossier_id,
                product_id: proposing.product_id,
                subject_id: proposing.subject_id,
                stars: answer.stars,
                score: u32::try_from(proposing.score).unwrap_or_default(),
                national: false,
                decision_number: &answer.decision,
                decision_date: answer.date,
            },
            settings,
        )
        .await?;
        let mut by_ministry: cert::ActiveModel = created.clone().into();
        by_ministry.by_ministry = Set(true);
        by_ministry.update(&txn).await?;
        Some(created.number)
    };
    let product_name = product::Entity::find_by_id(proposing.product_id)
        .one(&txn)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    notifications::notify(
        &txn,
        actor,
        &[Audience::SubjectMembers(proposing.subject_id)],
        "certificate.ministry",
        proposing.dossier_id,
        &format!("{product_name} — {} ★ ({})", answer.stars, answer.decision),
    )
    .await?;
    let mut entry = Entry {
        actor_user_id: Some(by),
        action: AuditAction::CertificateMinistry,
        target_type: "certificate",
        target_id: Some(number.clone()),
        summary: format!("{}: {}★", answer.decision, answer.stars),
        ip: None,
        details: Default::default(),
    }
    .with("number", &number)
    .with("decision", &answer.decision)
    .with("stars", answer.stars.to_string());
    if let Some(issued) = &issued {
        entry = entry.with("issued", issued);
    }
    audit::append(&txn, entry).await?;
    txn.commit().await?;
    Ok(issued)
}
