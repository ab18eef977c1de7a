//! What the province publishes after each decision: the decided rounds and, per round, the
//! products it recognised with their stars (the list of the People's Committee's decision),
//! for anyone (`/decisions`). Certificates later revoked or replaced stay listed, with their
//! status: the decision was what it was.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::round::Phase;
use crate::domain::status::SubjectStatus;
use crate::entities::{certificate as cert, evaluation_round, product, round_dossier, subject};
use crate::models::catalog::{PublishedResults, PublishedRound, PublishedRow};
use crate::services::ServiceError;
use crate::services::master_data::units::commune_names;

/// Rounds listed on one page at most (a province decides a few a year).
const MAX_ROUNDS: u64 = 200;

fn published(r: evaluation_round::Model, certified: usize) -> PublishedRound {
    PublishedRound {
        id: r.id,
        name: r.name,
        decision_number: r.decision_number.unwrap_or_default(),
        decision_date: r
            .decision_date
            .map(crate::domain::dates::date)
            .unwrap_or_default(),
        decision_signer: r.decision_signer,
        certified,
    }
}

/// The decided rounds, newest decision first, with how many products each recognised.
///
/// # Errors
/// A database error.
pub async fn decided_rounds(
    db: &impl ConnectionTrait,
) -> Result<Vec<PublishedRound>, ServiceError> {
    use sea_orm::QuerySelect;
    let rounds = evaluation_round::Entity::find()
        .filter(evaluation_round::Column::Phase.eq(Phase::Decided))
        .order_by_desc(evaluation_round::Column::DecisionDate)
        .order_by_desc(evaluation_round::Column::Id)
        .limit(MAX_ROUNDS)
        .all(db)
        .await?;
    let mut counts: HashMap<i32, usize> = HashMap::new();
    let issued: Vec<Option<i32>> = cert::Entity::find()
        .filter(cert::Column::RoundId.is_in(rounds.iter().map(|r| r.id)))
        .select_only()
        .column(cert::Column::RoundId)
        .into_tuple()
        .all(db)
        .await?;
    for round in issued.into_iter().flatten() {
        *counts.entry(round).or_default() += 1;
    }
    Ok(rounds
        .into_iter()
        .map(|r| {
            let n = counts.get(&r.id).copied().unwrap_or_default();
            published(r, n)
        })
        .collect())
}

/// One decided round's recognised products.
///
/// # Errors
/// `NotFound` for a round that does not exist or is not decided.
pub async fn results(
    db: &impl ConnectionTrait,
    round_id: i32,
    today: chrono::NaiveDate,
    expiring_within_days: i64,
) -> Result<PublishedResults, ServiceError> {
    let round = evaluation_round::Entity::find_by_id(round_id)
        .one(db)
        .await?
        .filter(|r| r.phase == Phase::Decided)
        .ok_or(ServiceError::NotFound)?;
    let certs = cert::Entity::find()
        .filter(cert::Column::RoundId.eq(round.id))
        .all(db)
        .await?;
    let products: HashMap<i32, product::Model> = product::Entity::find()
        .filter(product::Column::Id.is_in(certs.iter().map(|c| c.product_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let subjects: HashMap<i32, subject::Model> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(certs.iter().map(|c| c.subject_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    // The later decisions of dossiers left out of the round's, by dossier.
    let later: HashMap<i32, String> = round_dossier::Entity::find()
        .filter(round_dossier::Column::RoundId.eq(round.id))
        .filter(round_dossier::Column::DecisionNumber.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|rd| {
            let number = rd.decision_number?;
            let date = rd.decision_date.map(crate::domain::dates::date);
            Some((
                rd.dossier_id,
                format!(
                    "{number}{}",
                    date.map(|d| format!(" · {d}")).unwrap_or_default()
                ),
            ))
        })
        .collect();
    let communes = commune_names(db).await?;
    // A subject hidden from the public (inactive) is left out of the published list too.
    let mut rows: Vec<PublishedRow> = certs
        .iter()
        .filter(|c| {
            subjects
                .get(&c.subject_id)
                .is_some_and(|s| s.status == SubjectStatus::Active)
        })
        .map(|c| {
            let s = subjects.get(&c.subject_id);
            let status = if c.superseded_by.is_some() && c.revoked_on.is_none() {
                "superseded".to_owned()
            } else {
                crate::domain::certificate::validity(
                    c.valid_until,
                    c.revoked_on.is_some(),
                    today,
                    expiring_within_days,
                )
                .as_str()
                .to_owned()
            };
            PublishedRow {
                product_id: Some(c.product_id),
                product_name: products
                    .get(&c.product_id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                subject_name: s.map(|s| s.name.clone()).unwrap_or_default(),
                commune_name: s
                    .and_then(|s| communes.get(&s.commune_code))
                    .cloned()
                    .unwrap_or_default(),
                stars: u8::try_from(c.stars).unwrap_or_default(),
                certificate_number: c.number.clone(),
                status,
                later_decision: c.dossier_id.and_then(|d| later.get(&d).cloned()),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.stars
            .cmp(&a.stars)
            .then_with(|| a.product_name.cmp(&b.product_name))
    });
    Ok(PublishedResults {
        round: published(round, rows.len()),
        rows,
    })
}
