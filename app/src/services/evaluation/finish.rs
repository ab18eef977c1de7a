//! What a round's decision does to each dossier with a council result: it keeps the council's
//! score, stars and subtotal of each part on the round's row, issues the certificate of a 3★
//! or better, moves the dossier to its final state (certified or not reached) and tells its
//! producer either way. The dossier's page reads it back (`dossiers::result`).
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::auth::Actor;
use crate::domain::audit_action::AuditAction;
use crate::domain::certificate;
use crate::domain::dossier::{self as rules, DossierAction, DossierState, Party};
use crate::domain::reason::Reason;
use crate::domain::scoring::CouncilResult;
use crate::entities::{dossier, round_dossier};
use crate::models::dossiers::PartResult;
use crate::services::ServiceError;
use crate::services::audit;
use crate::services::certificates::register::CertificateSettings;
use crate::services::dossiers::filing::{bump, dossier_entry};
use crate::services::evaluation::decision::{Issue, issue};
use crate::services::evaluation::results::set;
use crate::services::evaluation::round_data::RoundData;
use crate::services::notifications::{self, Audience};

/// The decision being recorded.
pub(crate) struct Decision<'a> {
    pub number: &'a str,
    pub date: chrono::NaiveDate,
    pub signer: &'a str,
}

/// Ends one dossier of the round with the council's `result`; returns whether a certificate
/// was issued.
///
/// # Errors
/// `Conflict(Reason::ChangedMeanwhile)` when the dossier is no longer in evaluation or was
/// changed since the round's data was read; a database error.
pub(crate) async fn finish_dossier(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    data: &RoundData,
    d: &dossier::Model,
    result: &CouncilResult,
    decision: &Decision<'_>,
    settings: &CertificateSettings,
) -> Result<bool, ServiceError> {
    let stars = certificate::provincial_stars(result.stars);
    let action = if stars.is_some() {
        DossierAction::Certify
    } else {
        DossierAction::DeclareNotReached
    };
    let to = rules::transition(d.state, action, Party::Province)
        .map_err(|_| ServiceError::Conflict(Reason::ChangedMeanwhile))?;
    let criteria_set_id = data.entry(d.id).map_or(0, |e| e.criteria_set_id);
    let names = set(data, criteria_set_id).parts;
    let parts: Vec<PartResult> = result
        .parts
        .iter()
        .map(|(code, points, max)| PartResult {
            code: code.clone(),
            name: names
                .iter()
                .find(|p| &p.code == code)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            points: *points,
            max: *max,
        })
        .collect();
    round_dossier::Entity::update_many()
        .col_expr(
            round_dossier::Column::Score,
            i32::try_from(result.score).unwrap_or_default().into(),
        )
        .col_expr(round_dossier::Column::Stars, i16::from(result.stars).into())
        .col_expr(
            round_dossier::Column::PartsJson,
            serde_json::to_string(&parts).ok().into(),
        )
        .col_expr(
            round_dossier::Column::DecisionNumber,
            decision.number.to_owned().into(),
        )
        .col_expr(round_dossier::Column::DecisionDate, decision.date.into())
        .col_expr(
            round_dossier::Column::DecisionSigner,
            decision.signer.to_owned().into(),
        )
        .filter(round_dossier::Column::RoundId.eq(data.round.id))
        .filter(round_dossier::Column::DossierId.eq(d.id))
        .exec(txn)
        .await?;
    if let Some(stars) = stars {
        issue(
            txn,
            Issue {
                round_id: Some(data.round.id),
                dossier_id: Some(d.id),
                product_id: d.product_id,
                subject_id: d.subject_id,
                stars,
                score: result.score,
                national: result.national,
                decision_number: decision.number,
                decision_date: decision.date,
            },
            settings,
        )
        .await?;
    }
    bump(txn, d, d.version, |q| {
        q.col_expr(dossier::Column::State, Expr::value(to))
    })
    .await?;
    let product = data.product_name(d.id);
    let score = crate::domain::audit_details::points(i64::from(result.score));
    let (audit_action, kind) = match to {
        DossierState::Certified => (AuditAction::DossierCertify, "round.decided"),
        _ => (AuditAction::DossierNotReached, "round.not_reached"),
    };
    let mut entry = dossier_entry(
        actor,
        audit_action,
        d.id,
        format!(
            "{product}: {} → {} ({})",
            d.state.as_str(),
            to.as_str(),
            result.score
        ),
        None,
    )
    .with("product", &product)
    .with("score", score)
    .with("from", d.state)
    .with("to", to);
    if let Some(stars) = stars {
        entry = entry.with("stars", stars.to_string());
    }
    audit::append(txn, entry).await?;
    notifications::notify(
        txn,
        actor,
        &[Audience::SubjectMembers(d.subject_id)],
        kind,
        Some(d.id),
        &product,
    )
    .await?;
    Ok(stars.is_some())
}
