//! Production lots and their timelines, for the producer, the officials and the public.
use serde::{Deserialize, Serialize};

pub use crate::domain::lot::{EventInput, LotInput};

/// A line of a product's lot list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotRow {
    pub id: i32,
    pub code: String,
    pub produced_on: String,
    pub expires_on: Option<String>,
    pub quantity: Option<String>,
    pub unit: Option<String>,
    pub event_count: usize,
}

/// A product's lots with what the lot form needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductLots {
    pub product_id: i32,
    pub product_name: String,
    pub commune_code: String,
    pub may_edit: bool,
    pub lots: Vec<LotRow>,
    /// The communes for the origin field, (code, name), loaded with the lots (a second
    /// resource nested in the page made hydration fail now and then).
    pub communes: Vec<(String, String)>,
}

/// One event on a lot's timeline, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub id: i32,
    /// `domain::lot::EventKind::as_str`.
    pub kind: String,
    /// Local time in Vietnam, `dd/mm/yyyy hh:mm`.
    pub happened_at: String,
    pub commune_name: Option<String>,
    pub place: Option<String>,
    pub actor_name: Option<String>,
    pub note: Option<String>,
    /// Codes of the lots that went in (processing).
    pub inputs: Vec<String>,
    /// File ids of its photos (`/files/{id}`, thumbnails at `/files/{id}/thumb`).
    pub photos: Vec<i32>,
}

/// A lot with its timeline: the producer's page (`/producer/lots/{id}`) and, without the
/// form's extras, the public trace page (`/lots/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotView {
    /// The upload limit, for the event photo form.
    pub max_upload_mb: usize,
    pub id: i32,
    pub code: String,
    pub product_id: i32,
    pub product_name: String,
    pub subject_id: i32,
    pub subject_name: String,
    pub commune_name: String,
    pub produced_on: String,
    pub expires_on: Option<String>,
    pub quantity: Option<String>,
    pub unit: Option<String>,
    pub origin_commune_name: Option<String>,
    pub origin_note: Option<String>,
    /// Oldest first: from raw material to pack.
    pub events: Vec<EventView>,
    /// The product's current certificate: (number, stars, status).
    pub certificate: Option<crate::models::producers::products::PublicCertificate>,
    /// The lot's GS1 Digital Link (products with a GTIN) and its QR code as SVG.
    pub digital_link: Option<String>,
    pub qr_svg: Option<String>,
    /// The producer may add events; the other lots of the subject they may name as inputs.
    pub may_edit: bool,
    pub other_lots: Vec<(i32, String)>,
    pub subject_commune_code: String,
    /// The server's "now" in Vietnam (`YYYY-MM-DDTHH:MM`), the event form's default time (the
    /// browser's clock is not read: wasm has none without extra bindings).
    pub now_local: String,
}
