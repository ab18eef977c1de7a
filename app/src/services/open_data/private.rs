//! What only a token with the private scope reads (`/open/v1/private/`): dossiers' states and
//! the periodic reports sent (not drafts), for the national OCOP system. No form, no document,
//! no person.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::schema::{DossierState, DossierStatePage, Report, ReportPage};
use super::{Cursor, ListQuery, paged};
use crate::domain::reason::Reason;
use crate::entities::{dossier, report, report_period};
use crate::services::ServiceError;

fn next(id: Option<i32>) -> Option<String> {
    id.map(|after| {
        Cursor {
            after,
            since_ms: None,
        }
        .encode()
    })
}

/// A page of dossiers' states, of a state or a commune, changed since an instant.
///
/// # Errors
/// `Invalid` naming a wrong parameter; a database error.
pub async fn dossiers(
    db: &DatabaseConnection,
    query: &ListQuery,
) -> Result<DossierStatePage, ServiceError> {
    let (commune, status, changed) = (query.commune()?, query.status()?, query.changed_since_ms()?);
    let (cursor, limit) = (query.cursor()?, query.limit()?);
    let mut select = dossier::Entity::find().filter(dossier::Column::Id.gt(cursor.after));
    if let Some(commune) = commune {
        select = select.filter(dossier::Column::CommuneCode.eq(commune));
    }
    if let Some(status) = status {
        let state = crate::domain::dossier::DossierState::ALL
            .into_iter()
            .find(|s| s.as_str() == status)
            .ok_or(ServiceError::Invalid {
                field: "status",
                reason: Reason::OutOfRange,
            })?;
        select = select.filter(dossier::Column::State.eq(state));
    }
    if let Some(ms) = changed {
        select = select.filter(dossier::Column::UpdatedAt.gte(super::instant(ms)));
    }
    let rows = select
        .order_by_asc(dossier::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let (rows, after) = paged(rows, limit, |d| d.id);
    Ok(DossierStatePage {
        data: rows
            .into_iter()
            .map(|d| DossierState {
                id: d.id,
                product_id: d.product_id,
                producer_id: d.subject_id,
                commune_code: d.commune_code,
                cycle: d.cycle,
                state: d.state.as_str().to_owned(),
                submission_no: d.submission_no,
                created_at: d.created_at,
                updated_at: d.updated_at,
            })
            .collect(),
        next_cursor: next(after),
    })
}

/// A page of periodic reports.
///
/// # Errors
/// `Invalid` naming a wrong parameter; a database error.
pub async fn reports(
    db: &DatabaseConnection,
    query: &ListQuery,
) -> Result<ReportPage, ServiceError> {
    let (cursor, limit) = (query.cursor()?, query.limit()?);
    // A draft is the unit's work in progress, not a report yet.
    let rows = report::Entity::find()
        .filter(report::Column::Id.gt(cursor.after))
        .filter(report::Column::State.ne(crate::domain::report::ReportState::Draft))
        .order_by_asc(report::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let (rows, after) = paged(rows, limit, |r| r.id);
    let periods: HashMap<i32, report_period::Model> = report_period::Entity::find()
        .filter(report_period::Column::Id.is_in(rows.iter().map(|r| r.period_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    Ok(ReportPage {
        data: rows
            .into_iter()
            .filter_map(|r| {
                let period = periods.get(&r.period_id)?;
                Some(Report {
                    id: r.id,
                    period_kind: period.kind.clone(),
                    year: period.year,
                    starts_on: period.starts_on,
                    ends_on: period.ends_on,
                    due_on: period.due_on,
                    scope_code: r.scope_code,
                    state: r.state.as_str().to_owned(),
                    results: r.results,
                    difficulties: r.difficulties,
                    proposals: r.proposals,
                    submitted_at: r.submitted_at,
                    reviewed_at: r.reviewed_at,
                })
            })
            .collect(),
        next_cursor: next(after),
    })
}
