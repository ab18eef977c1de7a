//! A lot's events as an EPCIS 2.0 JSON-LD document (GS1's interchange format for traceability):
//! the first event commissions the lot (ObjectEvent, ADD), later ones observe it (ObjectEvent,
//! OBSERVE), and processing is a TransformationEvent from its input lots to this one. Lots are
//! class-level identifiers: their GS1 Digital Link (GTIN + lot), or the lot's page for a product
//! without a GTIN. The product's valid certificate goes in `certificationInfo`.
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::auth::Actor;
use crate::domain::digital_link::{self, DigitalLink};
use crate::domain::lot::EventKind;
use crate::entities::{lot, lot_event, lot_event_input, product};
use crate::services::ServiceError;

/// The CBV business step of each kind of event.
fn biz_step(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Harvest => "commissioning",
        EventKind::Processing => "creating_class_instance",
        EventKind::Packing => "packing",
        EventKind::QualityTest => "inspecting",
        EventKind::Shipping => "shipping",
        EventKind::Sale => "retail_selling",
    }
}

/// UN/CEFACT code of the unit people type, when it is one we know.
fn uom(unit: Option<&str>) -> Option<&'static str> {
    match unit?.trim().to_lowercase().as_str() {
        "kg" => Some("KGM"),
        "g" => Some("GRM"),
        "tấn" | "t" => Some("TNE"),
        "l" | "lít" | "lit" => Some("LTR"),
        "ml" => Some("MLT"),
        _ => None,
    }
}

/// The class-level identifier of a lot.
fn lot_uri(base: &str, gtin: Option<&str>, l: &lot::Model) -> String {
    gtin.and_then(|g| digital_link::for_gtin(g).ok())
        .map_or_else(
            || format!("{base}/lots/{}", l.id),
            |product| {
                digital_link::build(
                    base,
                    &DigitalLink {
                        lot: Some(l.code.clone()),
                        ..product
                    },
                )
            },
        )
}

fn quantity(base: &str, gtin: Option<&str>, l: &lot::Model) -> Value {
    let mut element = json!({ "epcClass": lot_uri(base, gtin, l) });
    if let Some(q) = l
        .quantity
        .as_deref()
        .and_then(|q| q.replace('.', "").replace(',', ".").parse::<f64>().ok())
    {
        element["quantity"] = json!(q);
        if let Some(code) = uom(l.unit.as_deref()) {
            element["uom"] = json!(code);
        }
    }
    element
}

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
    settings: &crate::services::certificates::CertificateSettings,
) -> Result<(String, Vec<u8>), ServiceError> {
    // The access check and the certificate's standing, as the lot's page has them.
    let view = crate::services::lots::detail(db, actor, lot_id, base, today, settings).await?;
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
    let gtins: std::collections::HashMap<i32, Option<String>> = product::Entity::find()
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
    let gtin_of = |l: &lot::Model| gtins.get(&l.product_id).cloned().flatten();
    let certification: Option<String> = view
        .certificate
        .as_ref()
        .filter(|c| matches!(c.status.as_str(), "valid" | "expiring"))
        .map(|c| format!("{base}/certificates/{}", c.number));
    let this_quantity = quantity(base, gtin_of(&this).as_deref(), &this);
    let mut list = Vec::new();
    for (n, e) in events.iter().enumerate() {
        let kind = EventKind::parse(&e.kind).unwrap_or(EventKind::Harvest);
        let mut event = json!({
            "eventTime": e.happened_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "eventTimeZoneOffset": "+07:00",
            "eventID": format!("{base}/lots/{lot_id}/events/{}", e.id),
            "bizStep": biz_step(kind),
        });
        if let Some(commune) = &e.commune_code {
            event["bizLocation"] = json!({ "id": format!("{base}/units?q={commune}") });
        }
        let went_in: Vec<Value> = inputs
            .iter()
            .filter(|i| i.event_id == e.id)
            .filter_map(|i| input_lots.iter().find(|l| l.id == i.input_lot_id))
            .map(|l| quantity(base, gtin_of(l).as_deref(), l))
            .collect();
        if kind.takes_inputs() && !went_in.is_empty() {
            event["type"] = json!("TransformationEvent");
            event["inputQuantityList"] = json!(went_in);
            event["outputQuantityList"] = json!([this_quantity.clone()]);
        } else {
            event["type"] = json!("ObjectEvent");
            event["action"] = json!(if n == 0 { "ADD" } else { "OBSERVE" });
            event["quantityList"] = json!([this_quantity.clone()]);
        }
        if let Some(info) = &certification {
            event["certificationInfo"] = json!(info);
        }
        list.push(event);
    }
    let document = json!({
        "@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "epcisBody": { "eventList": list },
    });
    Ok((
        format!("epcis-lo-{}.jsonld", this.code.replace(['/', ' '], "-")),
        serde_json::to_vec_pretty(&document).unwrap_or_default(),
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn units_become_un_cefact_codes_when_known() {
        assert_eq!(super::uom(Some("kg")), Some("KGM"));
        assert_eq!(super::uom(Some(" Lít ")), Some("LTR"));
        assert_eq!(super::uom(Some("chai")), None);
        assert_eq!(super::uom(None), None);
    }
}
