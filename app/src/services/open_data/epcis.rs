//! A subset of the EPCIS 2.0 REST query interface (`GET /open/v1/epcis/events`): the events of
//! lots named by their identifiers (`MATCH_epcClass` / `MATCH_anyEPCClass`: a lot's or a
//! product's GS1 Digital Link, or a lot page's address) within `GE_eventTime` ..
//! `LT_eventTime`, as an EPCIS 2.0 JSON-LD `EPCISQueryDocument` (`documents::epcis`). Only lots
//! of active producers are public; an identifier that names nothing gives no events, as in
//! EPCIS. Bounded: at most 10 identifiers, 20 lots (each a handful of queries).
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;

use crate::domain::certificate::{EXPIRING_WITHIN_DAYS, validity};
use crate::domain::digital_link;
use crate::domain::reason::Reason;
use crate::domain::status::SubjectStatus;
use crate::entities::{lot, product, subject};
use crate::services::ServiceError;

/// The query's parameters, named as EPCIS names them.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct EpcisQuery {
    #[serde(rename = "MATCH_epcClass")]
    pub match_epc_class: Option<String>,
    #[serde(rename = "MATCH_anyEPCClass")]
    pub match_any_epc_class: Option<String>,
    #[serde(rename = "GE_eventTime")]
    pub ge_event_time: Option<String>,
    #[serde(rename = "LT_eventTime")]
    pub lt_event_time: Option<String>,
}

const MAX_IDENTIFIERS: usize = 10;
const MAX_IDENTIFIER: usize = 300;
const MAX_LOTS: u64 = 20;

/// What an identifier names.
#[derive(Debug, PartialEq, Eq)]
enum Named {
    /// A product (its GTIN-14), and one of its lots by code, or all of them.
    Product { gtin14: String, lot: Option<String> },
    /// A lot by its page's id.
    Lot(i32),
}

fn identifier(text: &str) -> Option<Named> {
    if text.len() > MAX_IDENTIFIER {
        return None;
    }
    let path = text.split(['?', '#']).next().unwrap_or_default();
    if let Some(at) = path.find("/lots/") {
        let id = path[at + "/lots/".len()..].trim_end_matches('/');
        return id.parse().ok().filter(|id: &i32| *id > 0).map(Named::Lot);
    }
    let at = path.find("/01/")?;
    let link = digital_link::parse(&path[at..], None).ok()?;
    Some(Named::Product {
        gtin14: link.gtin14,
        lot: link.lot,
    })
}

fn instant(
    field: &'static str,
    value: Option<&String>,
) -> Result<Option<DateTime<Utc>>, ServiceError> {
    value
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map(|v| {
            DateTime::parse_from_rfc3339(v)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| ServiceError::Invalid {
                    field,
                    reason: Reason::InvalidTimestamp,
                })
        })
        .transpose()
}

/// The events of the lots `query` names, within its times, as an `EPCISQueryDocument`.
///
/// # Errors
/// `Invalid` naming a missing or wrong parameter; a database error.
pub async fn events(
    db: &DatabaseConnection,
    base: &str,
    query: &EpcisQuery,
    today: chrono::NaiveDate,
) -> Result<serde_json::Value, ServiceError> {
    let (field, given) = match (&query.match_epc_class, &query.match_any_epc_class) {
        (Some(v), _) if !v.trim().is_empty() => ("MATCH_epcClass", v),
        (_, Some(v)) if !v.trim().is_empty() => ("MATCH_anyEPCClass", v),
        _ => {
            return Err(ServiceError::Invalid {
                field: "MATCH_epcClass",
                reason: Reason::EpcisIdentifier,
            });
        }
    };
    let wrong = ServiceError::Invalid {
        field,
        reason: Reason::EpcisIdentifier,
    };
    let parts: Vec<&str> = given.split(',').map(str::trim).collect();
    if parts.len() > MAX_IDENTIFIERS {
        return Err(wrong);
    }
    let named = parts
        .iter()
        .map(|p| identifier(p))
        .collect::<Option<Vec<Named>>>()
        .ok_or(wrong)?;
    let from = instant("GE_eventTime", query.ge_event_time.as_ref())?;
    let until = instant("LT_eventTime", query.lt_event_time.as_ref())?;
    let tx = crate::db::snapshot(db).await?;
    let mut lots: Vec<lot::Model> = Vec::new();
    for name in named {
        let select = match name {
            Named::Lot(id) => lot::Entity::find().filter(lot::Column::Id.eq(id)),
            Named::Product { gtin14, lot: code } => {
                let products = product::Entity::find()
                    .filter(product::Column::Gtin14.eq(gtin14))
                    .select_only()
                    .column(product::Column::Id)
                    .into_tuple::<i32>()
                    .all(&tx)
                    .await?;
                let mut select = lot::Entity::find().filter(lot::Column::ProductId.is_in(products));
                if let Some(code) = code {
                    select = select.filter(lot::Column::Code.eq(code));
                }
                select
            }
        };
        lots.extend(
            select
                .order_by_asc(lot::Column::Id)
                .limit(MAX_LOTS)
                .all(&tx)
                .await?,
        );
    }
    lots.sort_by_key(|l| l.id);
    lots.dedup_by_key(|l| l.id);
    lots.truncate(usize::try_from(MAX_LOTS).unwrap_or(usize::MAX));
    let mut list = Vec::new();
    for l in lots {
        let Some(p) = product::Entity::find_by_id(l.product_id).one(&tx).await? else {
            continue;
        };
        let active = subject::Entity::find_by_id(p.subject_id)
            .one(&tx)
            .await?
            .is_some_and(|s| s.status == SubjectStatus::Active);
        if !active {
            continue;
        }
        let certification = crate::services::certificates::register::current(&tx, p.id)
            .await?
            .filter(|c| {
                validity(
                    c.valid_until,
                    c.revoked_on.is_some(),
                    today,
                    EXPIRING_WITHIN_DAYS,
                )
                .allows_mark()
            })
            .map(|c| format!("{base}/certificates/{}", c.number));
        let document =
            crate::services::traceability::epcis::load(&tx, l.id, base, certification).await?;
        list.extend(crate::documents::epcis::event_list(&document, |e| {
            from.is_none_or(|from| e.happened_at >= from)
                && until.is_none_or(|until| e.happened_at < until)
        }));
    }
    tx.commit().await?;
    Ok(crate::documents::epcis::query_document(
        list,
        crate::clock::now(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_name_lots_and_products() {
        assert_eq!(
            identifier("https://ocop.test/01/08934588012228/10/NA-01?17=261231"),
            Some(Named::Product {
                gtin14: "08934588012228".into(),
                lot: Some("NA-01".into())
            })
        );
        assert_eq!(
            identifier("http://h/01/08934588012228"),
            Some(Named::Product {
                gtin14: "08934588012228".into(),
                lot: None
            })
        );
        assert_eq!(
            identifier("https://ocop.test/lots/12"),
            Some(Named::Lot(12))
        );
        for wrong in [
            "",
            "abc",
            "https://h/01/08934588012227",
            "https://h/lots/x",
            "https://h/lots/-3",
            &"9".repeat(400),
        ] {
            assert_eq!(identifier(wrong), None, "{wrong}");
        }
    }
}
