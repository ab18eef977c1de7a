//! The results table of a round: per dossier each council member's total, the aggregated
//! score (mean or median, as the round says), the stars capped by the mandatory criteria most
//! members failed, the ≥ 90 flag, and the disagreement — spread of totals, criteria on which
//! sheets differ, members far from the score. Read from `round_data` in a fixed number of
//! queries.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::domain::disagreement::RoundDisagreement;
use crate::domain::round::Panel;
use crate::domain::scoring::{self, Aggregation, CriteriaSet, Sheet, SheetResult, Tenths};
use crate::entities::{certificate, round_dossier};
use crate::models::evaluation::rounds::{CriterionSpread, MemberTotal, ResultRow, RoundResults};
use crate::services::ServiceError;
use crate::services::evaluation::round_data::{self, RoundData};
use crate::services::guards::manage_rounds;
use crate::{auth::Actor, entities::score_sheet};

/// The round's results, for the provincial officer.
///
/// # Errors
/// `Denied` for anyone else; `NotFound`.
pub async fn results(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    round_id: i32,
) -> Result<RoundResults, ServiceError> {
    manage_rounds(actor)?;
    Ok(load(db, round_id).await?.1)
}

/// The round's data and its results (no access check: the callers make it).
pub(crate) async fn load(
    db: &sea_orm::DatabaseConnection,
    round_id: i32,
) -> Result<(RoundData, RoundResults), ServiceError> {
    let data = round_data::load(db, round_id).await?;
    let how = Aggregation::parse(&data.round.aggregation).unwrap_or(Aggregation::Mean);
    let certificates: HashMap<i32, String> = certificate::Entity::find()
        .filter(certificate::Column::RoundId.eq(round_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| Some((c.dossier_id?, c.number)))
        .collect();
    let rows: Vec<ResultRow> = data
        .entries
        .iter()
        .map(|e| ResultRow {
            certificate: certificates.get(&e.dossier_id).cloned(),
            ..row(&data, e.dossier_id, e.criteria_set_id, how)
        })
        .collect();
    let results = RoundResults {
        round_id,
        phase: data.phase.as_str().to_owned(),
        aggregation: how.as_str().to_owned(),
        disagreement: disagreement(&data, &rows),
        rows,
    };
    Ok((data, results))
}

/// The round-level view of the rows' disagreement (`domain::disagreement`).
fn disagreement(data: &RoundData, rows: &[ResultRow]) -> RoundDisagreement {
    let texts: HashMap<(i32, String), String> = data
        .entries
        .iter()
        .map(|e| e.criteria_set_id)
        .collect::<std::collections::BTreeSet<i32>>()
        .into_iter()
        .flat_map(|id| {
            set(data, id)
                .parts
                .into_iter()
                .flat_map(|p| p.criteria)
                .map(move |c| ((id, c.code), c.text))
        })
        .collect();
    let totals = rows.iter().flat_map(|r| {
        r.totals
            .iter()
            .filter(|m| m.submitted)
            .filter_map(move |m| Some(((m.user_id, m.member.as_str()), m.total, r.score?)))
    });
    let texts = &texts;
    let spreads = rows.iter().flat_map(|r| {
        let set_id = data.entry(r.dossier_id).map_or(0, |e| e.criteria_set_id);
        r.criteria.iter().map(move |c| {
            let text = texts
                .get(&(set_id, c.code.clone()))
                .map(String::as_str)
                .unwrap_or_default();
            ((set_id, c.code.as_str()), text, c.min, c.max)
        })
    });
    crate::domain::disagreement::over_round(totals, spreads)
}

/// The round's disagreement as a CSV file, for the council's deliberation.
///
/// # Errors
/// As `results`.
pub async fn disagreement_csv(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    round_id: i32,
) -> Result<(String, Vec<u8>), ServiceError> {
    let results = results(db, actor, round_id).await?;
    Ok((
        format!("chenh-lech-dot-{round_id}.csv"),
        crate::domain::disagreement::to_csv(&results.disagreement).into_bytes(),
    ))
}

/// The council's result of every dossier (for the decision).
pub(crate) fn council_results(data: &RoundData) -> Vec<(i32, Option<scoring::CouncilResult>)> {
    let how = Aggregation::parse(&data.round.aggregation).unwrap_or(Aggregation::Mean);
    data.entries
        .iter()
        .map(|e| {
            let set = set(data, e.criteria_set_id);
            let scored: Vec<SheetResult> = submitted(data, e.dossier_id, Panel::Council)
                .map(|s| scoring::score(&set, &choices(s)))
                .collect();
            (e.dossier_id, scoring::council_result(&scored, how))
        })
        .collect()
}

pub(crate) fn set(data: &RoundData, set_id: i32) -> CriteriaSet {
    data.sets
        .get(&set_id)
        .and_then(|s| serde_json::from_str(&s.set_json).ok())
        .unwrap_or(CriteriaSet { parts: Vec::new() })
}

pub(crate) fn choices(sheet: &score_sheet::Model) -> Sheet {
    serde_json::from_str(&sheet.choices_json).unwrap_or_default()
}

/// Submitted sheets of one panel for the dossier, from members still entitled to score it.
pub(crate) fn submitted(
    data: &RoundData,
    dossier_id: i32,
    panel: Panel,
) -> impl Iterator<Item = &score_sheet::Model> {
    data.sheets.iter().filter(move |s| {
        s.dossier_id == dossier_id
            && s.panel == panel.as_str()
            && s.submitted_at.is_some()
            && !data.conflicted(s.user_id, dossier_id)
    })
}

fn row(data: &RoundData, dossier_id: i32, set_id: i32, how: Aggregation) -> ResultRow {
    let set = set(data, set_id);
    let entry = data.entry(dossier_id);
    let council: Vec<(&score_sheet::Model, Sheet, SheetResult)> =
        submitted(data, dossier_id, Panel::Council)
            .map(|s| {
                let c = choices(s);
                let r = scoring::score(&set, &c);
                (s, c, r)
            })
            .collect();
    let results: Vec<SheetResult> = council.iter().map(|(_, _, r)| r.clone()).collect();
    let outcome = scoring::council_result(&results, how);
    let score = outcome.as_ref().map(|o| o.score);
    let mut totals: Vec<MemberTotal> = data
        .expected_council(dossier_id)
        .into_iter()
        .map(|user_id| {
            let sheet = data.sheet(dossier_id, user_id);
            let submitted = sheet.is_some_and(|s| s.submitted_at.is_some());
            let total = sheet.map_or(0, |s| u32::try_from(s.total).unwrap_or_default());
            MemberTotal {
                user_id,
                member: data.user_name(user_id),
                total,
                submitted,
                far: submitted && score.is_some_and(|score| scoring::far_from(total, score)),
            }
        })
        .collect();
    totals.sort_by(|a, b| a.member.cmp(&b.member));
    let advisory: Vec<Tenths> = submitted(data, dossier_id, Panel::Advisory)
        .map(|s| u32::try_from(s.total).unwrap_or_default())
        .collect();
    ResultRow {
        dossier_id,
        product_name: data.product_name(dossier_id),
        subject_name: data.subject_name(dossier_id),
        commune_name: data.commune_name(dossier_id),
        spread: results
            .iter()
            .map(|r| r.total)
            .min()
            .zip(results.iter().map(|r| r.total).max()),
        criteria: criterion_spread(&set, council.iter().map(|(_, c, _)| c)),
        score,
        stars: outcome.as_ref().map(|o| o.stars),
        barred: outcome
            .as_ref()
            .map(|o| o.barred.clone())
            .unwrap_or_default(),
        national: outcome.as_ref().is_some_and(|o| o.national),
        totals,
        advisory_score: scoring::aggregate(&advisory, how),
        certificate: None,
        remarks: entry.and_then(|e| e.remarks.clone()),
        deferred_reason: entry.and_then(|e| e.deferred_reason.clone()),
        awaiting_decision: entry.is_some_and(round_dossier::Model::deferred),
        later_decision: entry
            .filter(|e| e.deferred_reason.is_some())
            .and_then(|e| {
                Some((
                    e.decision_number.clone()?,
                    e.decision_date?,
                    e.decision_signer.clone()?,
                ))
            })
            .map(|(number, date, signer)| {
                format!("{number} · {} · {signer}", crate::domain::dates::date(date))
            }),
    }
}

/// Criteria on which the sheets gave different points, widest spread first.
fn criterion_spread<'a>(
    set: &CriteriaSet,
    sheets: impl Iterator<Item = &'a Sheet> + Clone,
) -> Vec<CriterionSpread> {
    let mut spread: Vec<CriterionSpread> = set
        .parts
        .iter()
        .flat_map(|p| &p.criteria)
        .filter_map(|c| {
            let points: Vec<Tenths> = sheets
                .clone()
                .filter_map(|s| s.get(&c.code))
                .filter_map(|i| c.options.get(*i))
                .map(|o| o.points)
                .collect();
            let (min, max) = (*points.iter().min()?, *points.iter().max()?);
            (max > min).then(|| CriterionSpread {
                code: c.code.clone(),
                min,
                max,
            })
        })
        .collect();
    spread.sort_by_key(|c| std::cmp::Reverse(c.max - c.min));
    spread
}
