//! A lot's events as an EPCIS 2.0 JSON-LD document (GS1's interchange format for traceability):
//! the first event commissions the lot (ObjectEvent, ADD), later ones observe it (ObjectEvent,
//! OBSERVE), and processing is a TransformationEvent from its input lots to this one. Lots are
//! class-level identifiers: their GS1 Digital Link (GTIN + lot), or the lot's page for a product
//! without a GTIN. The product's valid certificate goes in `certificationInfo`.
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::domain::digital_link::{self, DigitalLink};
use crate::domain::lot::EventKind;

/// A lot as EPCIS names it.
#[derive(Debug, Clone)]
pub struct EpcisLot {
    pub id: i32,
    pub code: String,
    /// As the producer typed it ("1.200,5").
    pub quantity: Option<String>,
    pub unit: Option<String>,
    /// The product's GTIN, when it has one.
    pub gtin: Option<String>,
}

/// One event of the lot's timeline.
#[derive(Debug, Clone)]
pub struct EpcisEvent {
    pub id: i32,
    pub kind: EventKind,
    pub happened_at: DateTime<Utc>,
    pub commune_code: Option<String>,
    /// The lots that went into it (processing).
    pub inputs: Vec<EpcisLot>,
}

/// What the document says: the lot, its events in order, and the public check page of the
/// product's valid certificate.
#[derive(Debug, Clone)]
pub struct EpcisDocument {
    /// The site's public address, for identifiers.
    pub base: String,
    pub lot: EpcisLot,
    pub events: Vec<EpcisEvent>,
    pub certification: Option<String>,
}

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
fn lot_uri(base: &str, l: &EpcisLot) -> String {
    l.gtin
        .as_deref()
        .and_then(|g| digital_link::for_gtin(g).ok())
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

fn quantity(base: &str, l: &EpcisLot) -> Value {
    let mut element = json!({ "epcClass": lot_uri(base, l) });
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

/// The lot's events that `keep` keeps, as EPCIS events (the lot's first event commissions it,
/// whether kept or not).
pub fn event_list(doc: &EpcisDocument, keep: impl Fn(&EpcisEvent) -> bool) -> Vec<Value> {
    let base = doc.base.as_str();
    let this_quantity = quantity(base, &doc.lot);
    let mut list = Vec::new();
    for (n, e) in doc.events.iter().enumerate().filter(|(_, e)| keep(e)) {
        let mut event = json!({
            "eventTime": e.happened_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "eventTimeZoneOffset": "+07:00",
            "eventID": format!("{base}/lots/{}/events/{}", doc.lot.id, e.id),
            "bizStep": biz_step(e.kind),
        });
        if let Some(commune) = &e.commune_code {
            event["bizLocation"] = json!({ "id": format!("{base}/units?q={commune}") });
        }
        let went_in: Vec<Value> = e.inputs.iter().map(|l| quantity(base, l)).collect();
        if e.kind.takes_inputs() && !went_in.is_empty() {
            event["type"] = json!("TransformationEvent");
            event["inputQuantityList"] = json!(went_in);
            event["outputQuantityList"] = json!([this_quantity.clone()]);
        } else {
            event["type"] = json!("ObjectEvent");
            event["action"] = json!(if n == 0 { "ADD" } else { "OBSERVE" });
            event["quantityList"] = json!([this_quantity.clone()]);
        }
        if let Some(info) = &doc.certification {
            event["certificationInfo"] = json!(info);
        }
        list.push(event);
    }
    list
}

const CONTEXT: &str = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld";

/// The document and its file name, created at `now`.
pub fn render(doc: &EpcisDocument, now: DateTime<Utc>) -> (String, Vec<u8>) {
    let document = json!({
        "@context": [CONTEXT],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "epcisBody": { "eventList": event_list(doc, |_| true) },
    });
    (
        format!("epcis-lo-{}.jsonld", doc.lot.code.replace(['/', ' '], "-")),
        serde_json::to_vec_pretty(&document).unwrap_or_default(),
    )
}

/// The answer to an EPCIS 2.0 event query (`SimpleEventQuery`), created at `now`.
pub fn query_document(events: Vec<Value>, now: DateTime<Utc>) -> Value {
    json!({
        "@context": [CONTEXT],
        "type": "EPCISQueryDocument",
        "schemaVersion": "2.0",
        "creationDate": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "epcisBody": {
            "queryResults": {
                "queryName": "SimpleEventQuery",
                "resultsBody": { "eventList": events },
            }
        },
    })
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
