//! What the open data API answers, as types: each is serialised as JSON and described in the
//! OpenAPI document (`ToSchema`), so the document cannot drift from the answers. These are the
//! province's public facts only: no tax code, phone, e-mail or person's name of a producer,
//! nothing of a dossier.
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

/// A product group of the OCOP programme (Decision 148/QĐ-TTg).
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Group {
    /// E.g. `1.2` (a subgroup), `1` (a group).
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    /// The group a subgroup belongs to.
    pub parent_code: Option<String>,
}

/// An administrative unit of Lạng Sơn (province, commune or ward).
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Unit {
    /// The national code of the unit.
    pub code: String,
    pub name: String,
    /// `province`, `commune`…
    pub level: String,
    /// `xã`, `phường`…
    pub kind: String,
    pub parent_code: Option<String>,
    /// The first day it exists under this code, if known.
    pub valid_from: Option<NaiveDate>,
    /// Its last day, when it was merged away.
    pub valid_to: Option<NaiveDate>,
    /// The unit that took over its area, when it was merged away.
    pub successor_code: Option<String>,
}

/// A unit named by code, with its name.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct UnitRef {
    pub code: String,
    pub name: Option<String>,
}

/// A producer (cooperative, firm, household business) as the public catalogue shows it.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Producer {
    pub id: i32,
    pub name: String,
    /// `cooperative`, `company`, `household`…
    #[serde(rename = "type")]
    pub kind: String,
    pub commune: UnitRef,
    pub website: Option<String>,
    pub introduction: Option<String>,
    pub founded_year: Option<i16>,
}

/// A producer named on a product.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ProducerRef {
    pub id: i32,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
}

/// An OCOP certificate. `status` is as of the day asked (`valid_on`, else today).
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Certificate {
    pub number: String,
    pub product_id: i32,
    /// 3 or 4 (provincial); 5 when the Ministry certified it.
    pub stars: i16,
    pub decision_number: String,
    pub decision_date: NaiveDate,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    /// `valid`, `expiring` (within 90 days), `expired` or `revoked`.
    pub status: String,
    pub revoked_on: Option<NaiveDate>,
    /// Whether a later certificate replaced it.
    pub superseded: bool,
    /// The public page checking it.
    pub url: String,
}

/// A certified product: its public facts, its current certificate and where to see it.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Product {
    pub id: i32,
    /// False when its producer is no longer public (set inactive): then only its id, `listed`
    /// (false), its certificate and `changed_at` are given, so a partner can take it down.
    pub public: bool,
    pub name: String,
    pub description: Option<String>,
    pub group: Option<Group>,
    pub commune: UnitRef,
    pub producer: ProducerRef,
    /// The stars of its current certificate.
    pub stars: Option<i16>,
    /// Whether it is in the public catalogue today (a certificate valid today, an active
    /// producer). An expired or revoked product is still listed here, flagged by this.
    pub listed: bool,
    /// Its current certificate (the newest not replaced by another).
    pub certificate: Option<Certificate>,
    /// GTIN-8/12/13/14 as the producer registered it.
    pub gtin: Option<String>,
    /// Its GS1 Digital Link (what its QR code carries).
    pub digital_link: Option<String>,
    /// Its public page.
    pub url: String,
    /// Its photos, the cover first.
    pub photos: Vec<String>,
    pub net_quantity: Option<String>,
    pub packaging: Option<String>,
    pub shelf_life: Option<String>,
    /// Retail prices in đồng.
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    /// When anything published here last changed.
    pub changed_at: DateTime<Utc>,
}

/// A trade promotion event (fair, exhibition, market) the province runs or joins.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct TradeEvent {
    pub id: i32,
    pub name: String,
    pub kind: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub place: String,
    pub organiser: String,
    pub commune_code: Option<String>,
}

/// A page of products. Ask again with `cursor` = `next_cursor` until it is null; keep the
/// first page's `next_changed_since` and ask `changed_since` = it next time to get only what
/// changed (a change may come twice, none is missed).
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ProductPage {
    pub data: Vec<Product>,
    pub next_cursor: Option<String>,
    pub next_changed_since: DateTime<Utc>,
}

/// A page of certificates (`next_cursor` as for products).
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct CertificatePage {
    pub data: Vec<Certificate>,
    pub next_cursor: Option<String>,
}

/// A page of producers.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ProducerPage {
    pub data: Vec<Producer>,
    pub next_cursor: Option<String>,
}

/// A page of trade events.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct TradeEventPage {
    pub data: Vec<TradeEvent>,
    pub next_cursor: Option<String>,
}

/// All product groups.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct GroupList {
    pub data: Vec<Group>,
}

/// All administrative units.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct UnitList {
    pub data: Vec<Unit>,
}

/// A dossier's state, for the national OCOP system (no form, no documents).
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct DossierState {
    pub id: i32,
    pub product_id: i32,
    pub producer_id: i32,
    pub commune_code: String,
    /// The evaluation cycle (year).
    pub cycle: String,
    /// `draft`, `submitted`, `returned`, `resubmitted`, `checked`, `forwarded`,
    /// `in_evaluation`, `withdrawn`, `certified` or `not_reached`.
    pub state: String,
    /// How many times it was submitted.
    pub submission_no: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A page of dossiers' states.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct DossierStatePage {
    pub data: Vec<DossierState>,
    pub next_cursor: Option<String>,
}

/// A periodic report of a commune or the province (6-month, annual).
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Report {
    pub id: i32,
    /// `half_year`, `year`…
    pub period_kind: String,
    pub year: i16,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub due_on: NaiveDate,
    /// The unit it reports for.
    pub scope_code: String,
    /// `draft`, `submitted`, `returned` or `accepted`.
    pub state: String,
    pub results: String,
    pub difficulties: String,
    pub proposals: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewed_at: Option<DateTime<Utc>>,
}

/// A page of reports.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ReportPage {
    pub data: Vec<Report>,
    pub next_cursor: Option<String>,
}
