//! The lists partners join products with: product groups, administrative units, the
//! producers of certified products (public fields only) and trade promotion events.
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::products::{group, unit_names};
use super::schema::{
    GroupList, Producer, ProducerPage, TradeEvent, TradeEventPage, Unit, UnitList, UnitRef,
};
use super::{Cursor, ListQuery, paged};
use crate::domain::status::SubjectStatus;
use crate::entities::{admin_unit, certificate as cert, product_group, subject, trade_event};
use crate::services::ServiceError;

/// All product groups, by code.
///
/// # Errors
/// A database error.
pub async fn groups(db: &DatabaseConnection) -> Result<GroupList, ServiceError> {
    let rows = product_group::Entity::find()
        .order_by_asc(product_group::Column::Code)
        .all(db)
        .await?;
    Ok(GroupList {
        data: rows.iter().map(group).collect(),
    })
}

/// All administrative units, by code.
///
/// # Errors
/// A database error.
pub async fn units(db: &DatabaseConnection) -> Result<UnitList, ServiceError> {
    let rows = admin_unit::Entity::find()
        .order_by_asc(admin_unit::Column::Code)
        .order_by_asc(admin_unit::Column::Id)
        .all(db)
        .await?;
    Ok(UnitList {
        data: rows
            .into_iter()
            .map(|u| Unit {
                code: u.code,
                name: u.name,
                level: u.level,
                kind: u.kind,
                parent_code: u.parent_code,
                valid_from: u.valid_from,
                valid_to: u.valid_to,
                successor_code: u.successor_code,
            })
            .collect(),
    })
}

/// A page of the active producers that hold or held a certificate, optionally of one commune.
///
/// # Errors
/// `Invalid` naming a wrong parameter; a database error.
pub async fn producers(
    db: &DatabaseConnection,
    query: &ListQuery,
) -> Result<ProducerPage, ServiceError> {
    let (commune, cursor, limit) = (query.commune()?, query.cursor()?, query.limit()?);
    let certified = Query::select()
        .column(cert::Column::SubjectId)
        .from(cert::Entity)
        .to_owned();
    // Only active producers are public (an inactive one is hidden, as on the site).
    let mut select = subject::Entity::find()
        .filter(subject::Column::Status.eq(SubjectStatus::Active))
        .filter(subject::Column::Id.in_subquery(certified))
        .filter(subject::Column::Id.gt(cursor.after));
    if let Some(commune) = &commune {
        select = select.filter(subject::Column::CommuneCode.eq(commune.as_str()));
    }
    let rows = select
        .order_by_asc(subject::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let (rows, next) = paged(rows, limit, |s| s.id);
    let names = unit_names(db, rows.iter().map(|s| s.commune_code.clone())).await?;
    Ok(ProducerPage {
        data: rows
            .into_iter()
            .map(|s| Producer {
                id: s.id,
                name: s.name,
                kind: s.subject_type,
                commune: UnitRef {
                    name: names.get(&s.commune_code).cloned(),
                    code: s.commune_code,
                },
                website: s.website,
                introduction: s.introduction,
                founded_year: s.founded_year,
            })
            .collect(),
        next_cursor: next.map(after),
    })
}

/// A page of the province's trade promotion events, by id.
///
/// # Errors
/// `Invalid` naming a wrong parameter; a database error.
pub async fn trade_events(
    db: &DatabaseConnection,
    query: &ListQuery,
) -> Result<TradeEventPage, ServiceError> {
    let (cursor, limit) = (query.cursor()?, query.limit()?);
    // A commune's own events are for its producers (the app shows them only to them).
    let rows = trade_event::Entity::find()
        .filter(trade_event::Column::CommuneCode.is_null())
        .filter(trade_event::Column::Id.gt(cursor.after))
        .order_by_asc(trade_event::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let (rows, next) = paged(rows, limit, |e| e.id);
    Ok(TradeEventPage {
        data: rows
            .into_iter()
            .map(|e| TradeEvent {
                id: e.id,
                name: e.name,
                kind: e.kind,
                starts_on: e.starts_on,
                ends_on: e.ends_on,
                place: e.place,
                organiser: e.organiser,
                commune_code: e.commune_code,
            })
            .collect(),
        next_cursor: next.map(after),
    })
}

fn after(id: i32) -> String {
    Cursor {
        after: id,
        since_ms: None,
    }
    .encode()
}
