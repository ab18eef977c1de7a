//! OCOP certificates for partners: every certificate the province or the Ministry issued,
//! filtered by product, stars, status or validity on a day, in pages by id.
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::products::certificate;
use super::schema::CertificatePage;
use super::{Cursor, ListQuery, paged};
use crate::domain::reason::Reason;
use crate::entities::certificate as cert;
use crate::services::ServiceError;

/// A page of certificates matching `query`; statuses as of `valid_on`, else `today`.
///
/// # Errors
/// `Invalid` naming a wrong parameter; a database error.
pub async fn list(
    db: &DatabaseConnection,
    base: &str,
    query: &ListQuery,
    today: chrono::NaiveDate,
) -> Result<CertificatePage, ServiceError> {
    let (product_id, stars, status) = (query.product_id()?, query.stars()?, query.status()?);
    let (valid_on, cursor, limit) = (query.valid_on()?, query.cursor()?, query.limit()?);
    let day = valid_on.unwrap_or(today);
    let mut select = cert::Entity::find().filter(cert::Column::Id.gt(cursor.after));
    if let Some(id) = product_id {
        select = select.filter(cert::Column::ProductId.eq(id));
    }
    if let Some(stars) = stars {
        select = select.filter(cert::Column::Stars.eq(stars));
    }
    let not_revoked = Condition::any()
        .add(cert::Column::RevokedOn.is_null())
        .add(cert::Column::RevokedOn.gt(day));
    let in_force = Condition::all()
        .add(cert::Column::ValidFrom.lte(day))
        .add(cert::Column::ValidUntil.gte(day))
        .add(not_revoked.clone());
    if valid_on.is_some() {
        select = select.filter(in_force.clone());
    }
    select = match status.as_deref() {
        None => select,
        Some("valid") => select.filter(in_force),
        Some("expired") => select
            .filter(cert::Column::ValidUntil.lt(day))
            .filter(not_revoked),
        Some("revoked") => select.filter(cert::Column::RevokedOn.lte(day)),
        Some(_) => {
            return Err(ServiceError::Invalid {
                field: "status",
                reason: Reason::OutOfRange,
            });
        }
    };
    let rows = select
        .order_by_asc(cert::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let (rows, next) = paged(rows, limit, |c| c.id);
    Ok(CertificatePage {
        data: rows
            .into_iter()
            .map(|c| certificate(base, c, day))
            .collect(),
        next_cursor: next.map(|after| {
            Cursor {
                after,
                since_ms: None,
            }
            .encode()
        }),
    })
}

/// One certificate by its number; its status as of `today`.
///
/// # Errors
/// `NotFound` for an unknown number; a database error.
pub async fn one(
    db: &DatabaseConnection,
    base: &str,
    number: &str,
    today: chrono::NaiveDate,
) -> Result<super::schema::Certificate, ServiceError> {
    if number.len() > 64 {
        return Err(ServiceError::NotFound);
    }
    let found = cert::Entity::find()
        .filter(cert::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(certificate(base, found, today))
}
