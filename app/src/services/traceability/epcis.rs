//! A lot's EPCIS document (`documents::epcis`): loaded for those who may view the lot's
//! subject, with the product's certificate as the lot's page shows it.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::auth::Actor;
use crate::documents::epcis::{self, EpcisDocument, EpcisEvent, EpcisLot};
use crate::domain::lot::EventKind;
use crate::entities::{lot, lot_event, lot_event_input, product};
use crate::services::ServiceError;
use crate::services::certificates::register::CertificateSettings;

/// The lot's EPCIS document and its file name, for those who may view its subject.
///
/// # Errors
/// As `lots::detail`.
pub async fn lot_document(
    db: &DatabaseConnection,
    actor: &Actor,
    lot_id: i32,
    base: &str,
    today: chrono::NaiveDate,
    settings: &CertificateSettings,
) -> Result<(String, Vec<u8>), ServiceError> {
    // The access check and the certificate's standing, as the lot's page has them.
    let view =
        crate::services::traceability::lots::detail(db, actor, lot_id, base, today, settings)
            .await?;
    let certification = view
        .certificate
        .as_ref()
        .filter(|c| matches!(c.status.as_str(), "valid" | "expiring"))
        .map(|c| format!("{base}/certificates/{}", c.number));
    let document = load(db, lot_id, base, certification).await?;
    Ok(epcis::render(&document, crate::clock::now()))
}

/// The lot's EPCIS document: the lot, its events in order with their input lots, and
/// `certification` (the check page of the product's valid certificate). No access check: the
/// caller's.
///
/// # Errors
/// `NotFound` for an unknown lot; a database error.
pub async fn load(
    db: &impl sea_orm::ConnectionTrait,
    lot_id: i32,
    base: &str,
    certification: Option<String>,
) -> Result<EpcisDocument, ServiceError> {
    let this = lot::Entity::find_by_id(lot_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let events = lot_event::Entity::find()
        .filter(lot_event::Column::LotId.eq(lot_id))
        .order_by_asc(lot_event::Column::HappenedAt)
        .order_by_asc(lot_event::Column::Id)
        .all(db)
        .await?;
    let inputs = lot_event_input::Entity::find()
        .filter(lot_event_input::Column::EventId.is_in(events.iter().map(|e| e.id)))
        .all(db)
        .await?;
    let input_lots = lot::Entity::find()
        .filter(lot::Column::Id.is_in(inputs.iter().map(|i| i.input_lot_id)))
        .all(db)
        .await?;
    let gtins: HashMap<i32, Option<String>> = product::Entity::find()
        .filter(
            product::Column::Id.is_in(
                input_lots
                    .iter()
                    .map(|l| l.product_id)
                    .chain([this.product_id]),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.gtin))
        .collect();
    let named = |l: &lot::Model| EpcisLot {
        id: l.id,
        code: l.code.clone(),
        quantity: l.quantity.clone(),
        unit: l.unit.clone(),
        gtin: gtins.get(&l.product_id).cloned().flatten(),
    };
    let events = events
        .iter()
        .map(|e| EpcisEvent {
            id: e.id,
            kind: EventKind::parse(&e.kind).unwrap_or(EventKind::Harvest),
            happened_at: e.happened_at,
            commune_code: e.commune_code.clone(),
            inputs: inputs
                .iter()
                .filter(|i| i.event_id == e.id)
                .filter_map(|i| input_lots.iter().find(|l| l.id == i.input_lot_id))
                .map(named)
                .collect(),
        })
        .collect();
    Ok(EpcisDocument {
        base: base.to_owned(),
        lot: named(&this),
        events,
        certification,
    })
}
