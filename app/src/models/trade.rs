//! What the trade-promotion pages receive and send (`domain::trade_event` for the rules).
use serde::{Deserialize, Serialize};

use crate::domain::trade_event::{EventKind, Participation};

/// The longest name, place or organiser.
pub const MAX_NAME: usize = 300;
/// The longest note.
pub const MAX_NOTE: usize = 2000;
/// Sales above this (in đồng) are a typing mistake.
pub const MAX_SALES_VND: i64 = 1_000_000_000_000;
pub const MAX_CONTRACTS: i32 = 10_000;
/// Events listed at most (newest first).
pub const MAX_EVENTS: u64 = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TradeEventRow {
    pub id: i32,
    pub name: String,
    pub kind: EventKind,
    pub starts_on: String,
    pub ends_on: String,
    pub place: String,
    pub organiser: String,
    /// The commune whose event it is; empty for the province's.
    pub commune_name: String,
    /// Products taking part (not recorded as absent), and their recorded sales in đồng — the
    /// sales for the event's organisers only (a producer could work out another's).
    pub taking_part: usize,
    pub sales_vnd: Option<i64>,
    /// Producers may still apply.
    pub open: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TradeEventsPage {
    pub events: Vec<TradeEventRow>,
    /// An official who may record events (the form below the list).
    pub may_organise: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantRow {
    pub id: i32,
    pub product_id: i32,
    pub product_name: String,
    pub subject_name: String,
    pub state: Participation,
    pub note: Option<String>,
    pub participated: Option<bool>,
    pub sales_vnd: Option<i64>,
    pub contracts: Option<i32>,
}

/// A certified product a form offers (to apply with, or to invite).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductChoice {
    pub product_id: i32,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TradeEventView {
    pub event: TradeEventRow,
    pub note: Option<String>,
    /// The organiser sees every participant; a producer their own.
    pub participants: Vec<ParticipantRow>,
    pub as_organiser: bool,
    pub as_producer: bool,
    /// The products the form offers: the producer's to apply with, or those the organiser may
    /// invite; none once applications close.
    pub choices: Vec<ProductChoice>,
    /// Results may be recorded (the event has started).
    pub results_open: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TradeEventInput {
    pub name: String,
    /// `EventKind::as_str`.
    pub kind: String,
    pub starts_on: String,
    pub ends_on: String,
    pub place: String,
    pub organiser: String,
    #[serde(default)]
    pub note: String,
}

/// One action on a participation: "apply" or "invite" (`product_id`), "accept" or "decline"
/// (`participation_id`), "record" (`participation_id`, `participated`, `sales`, `contracts`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipationInput {
    pub event_id: i32,
    pub action: String,
    #[serde(default)]
    pub product_id: String,
    #[serde(default)]
    pub participation_id: String,
    #[serde(default)]
    pub note: String,
    /// "yes" or "no".
    #[serde(default)]
    pub participated: String,
    /// In đồng, digits (dots and spaces allowed).
    #[serde(default)]
    pub sales: String,
    #[serde(default)]
    pub contracts: String,
}
