//! An OCOP certificate (`domain::certificate` for its validity).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certificate")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Printed on the certificate and in its QR code (`/certificates/{number}`).
    #[sea_orm(unique)]
    pub number: String,
    pub round_id: Option<i32>,
    pub dossier_id: Option<i32>,
    pub product_id: i32,
    pub subject_id: i32,
    pub stars: i16,
    /// Tenths of a point.
    pub score: i32,
    pub decision_number: String,
    pub decision_date: Date,
    pub valid_from: Date,
    pub valid_until: Date,
    /// 90 points or more: proposed for national (5★) evaluation.
    pub national: bool,
    pub revoked_on: Option<Date>,
    pub revoke_reason: Option<String>,
    pub revoke_decision: Option<String>,
    /// The certificate that replaced this one (re-recognition or upgrade).
    pub superseded_by: Option<i32>,
    /// When the holders were told it expires soon (the daily job tells them once).
    pub expiry_reminded_on: Option<Date>,
    pub created_at: DateTimeUtc,
    /// The Ministry's answer to a national proposal: its decision, its date and the stars it
    /// granted (recorded on the provincial certificate that proposed the product).
    pub ministry_decision: Option<String>,
    pub ministry_decision_date: Option<Date>,
    pub ministry_stars: Option<i16>,
    /// Issued on the Ministry's decision (5★), not the province's.
    pub by_ministry: bool,
    /// The inspection the revocation was based on, if any.
    pub revoke_inspection_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
