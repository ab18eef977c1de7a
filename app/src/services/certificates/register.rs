//! Certificates after they are issued: the public check behind the QR code, the officers'
//! lists (valid, expiring, expired, revoked, superseded), a producer's own with reminders, and
//! revocation.
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::certificate;
use crate::entities::{admin_unit, certificate as cert, product, product_group, subject};
use crate::models::evaluation::rounds::{
    CERTIFICATES_PER_PAGE, CertificateCheck, CertificateFilter, CertificatePage, CertificateRow,
};
use crate::services::ServiceError;
pub use crate::services::certificates::revocation::{revoke, revoke_on_inspection};

/// How certificates are numbered and when they count as expiring.
#[derive(Clone, Debug)]
pub struct CertificateSettings {
    /// `{year}` and `{seq}` are replaced (`domain::certificate::number`).
    pub number_format: String,
    pub expiring_within_days: i64,
}

impl Default for CertificateSettings {
    fn default() -> Self {
        CertificateSettings {
            number_format: certificate::DEFAULT_NUMBER_FORMAT.to_owned(),
            expiring_within_days: certificate::EXPIRING_WITHIN_DAYS,
        }
    }
}

fn status(c: &cert::Model, today: chrono::NaiveDate, window: i64) -> String {
    if c.superseded_by.is_some() && c.revoked_on.is_none() {
        return "superseded".to_owned();
    }
    certificate::validity(c.valid_until, c.revoked_on.is_some(), today, window)
        .as_str()
        .to_owned()
}

/// Certificates as rows, with their product, subject, commune and the certificate that
/// replaced each (five queries whatever the number).
async fn rows(
    db: &impl ConnectionTrait,
    certs: Vec<cert::Model>,
    today: chrono::NaiveDate,
    window: i64,
) -> Result<Vec<CertificateRow>, ServiceError> {
    let products: HashMap<i32, product::Model> = product::Entity::find()
        .filter(product::Column::Id.is_in(certs.iter().map(|c| c.product_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let subjects: HashMap<i32, subject::Model> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(certs.iter().map(|c| c.subject_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let communes: HashMap<String, String> = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.is_in(subjects.values().map(|s| s.commune_code.clone())))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.code, u.name))
        .collect();
    let successors: HashMap<i32, String> = cert::Entity::find()
        .filter(cert::Column::Id.is_in(certs.iter().filter_map(|c| c.superseded_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.number))
        .collect();
    Ok(certs
        .into_iter()
        .map(|c| {
            let subject = subjects.get(&c.subject_id);
            let status = status(&c, today, window);
            let awaiting_ministry = c.national
                && !c.by_ministry
                && c.ministry_decision.is_none()
                && matches!(status.as_str(), "valid" | "expiring");
            CertificateRow {
                replaced_by: c.superseded_by.and_then(|id| successors.get(&id).cloned()),
                status,
                awaiting_ministry,
                by_ministry: c.by_ministry,
                ministry_decision: c.ministry_decision,
                ministry_decision_date: c.ministry_decision_date.map(|d| d.to_string()),
                ministry_stars: c.ministry_stars.and_then(|s| u8::try_from(s).ok()),
                product_name: products
                    .get(&c.product_id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                subject_name: subject.map(|s| s.name.clone()).unwrap_or_default(),
                commune_name: subject
                    .and_then(|s| communes.get(&s.commune_code))
                    .cloned()
                    .unwrap_or_default(),
                number: c.number,
                product_id: c.product_id,
                stars: u8::try_from(c.stars).unwrap_or_default(),
                score: u32::try_from(c.score).unwrap_or_default(),
                decision_number: c.decision_number,
                decision_date: c.decision_date.to_string(),
                valid_until: c.valid_until.to_string(),
                national: c.national,
                revoke_reason: c.revoke_reason,
            }
        })
        .collect())
}

/// The public check of a certificate by its number (what its QR code opens).
///
/// # Errors
/// The product's current certificate: the newest one not replaced by another (valid or not:
/// callers judge its validity).
///
/// # Errors
/// A database error.
pub async fn current(
    db: &impl sea_orm::ConnectionTrait,
    product_id: i32,
) -> Result<Option<cert::Model>, ServiceError> {
    Ok(cert::Entity::find()
        .filter(cert::Column::ProductId.eq(product_id))
        .filter(cert::Column::SupersededBy.is_null())
        .order_by_desc(cert::Column::DecisionDate)
        .one(db)
        .await?)
}

/// `NotFound` for an unknown number.
pub async fn check(
    db: &DatabaseConnection,
    number: &str,
    today: chrono::NaiveDate,
    settings: &CertificateSettings,
) -> Result<CertificateCheck, ServiceError> {
    let found = cert::Entity::find()
        .filter(cert::Column::Number.eq(number.trim()))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let p = product::Entity::find_by_id(found.product_id)
        .one(db)
        .await?;
    let group_name = match p {
        Some(p) => product_group::Entity::find_by_id(p.product_group_id)
            .one(db)
            .await?
            .map(|g| g.name_vi)
            .unwrap_or_default(),
        None => String::new(),
    };
    let address = subject::Entity::find_by_id(found.subject_id)
        .one(db)
        .await?
        .and_then(|s| s.address);
    let row = rows(db, vec![found], today, settings.expiring_within_days)
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)?;
    Ok(CertificateCheck {
        row,
        subject_address: address,
        group_name,
    })
}

/// Certificates in one state ("valid", "expiring", "expired", "revoked", "superseded",
/// "national" for those awaiting the Ministry's answer, or "" for all), newest decision
/// first: the provincial officers' lists; a producer gets their subject's certificates
/// whatever the filter.
///
/// # Errors
/// `Denied` for others.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    state: &str,
    today: chrono::NaiveDate,
    settings: &CertificateSettings,
) -> Result<Vec<CertificateRow>, ServiceError> {
    let query = cert::Entity::find().order_by_desc(cert::Column::DecisionDate);
    let (query, state) = match actor {
        Actor::User {
            subject_id: Some(subject_id),
            role: crate::auth::Role::Producer,
            ..
        } => (query.filter(cert::Column::SubjectId.eq(*subject_id)), ""),
        _ => {
            allowed(actor, Action::ViewCertificates, Resource::Nothing)
                .map_err(ServiceError::Denied)?;
            (query, state)
        }
    };
    let all = rows(
        db,
        query.all(db).await?,
        today,
        settings.expiring_within_days,
    )
    .await?;
    Ok(all
        .into_iter()
        .filter(|r| {
            state.is_empty() || r.status == state || (state == "national" && r.awaiting_ministry)
        })
        .collect())
}

/// One page of `list`, narrowed to the certificates whose number, product, producer or commune
/// hold every word of the search (diacritics optional). Filtered in memory: a province issues
/// hundreds of certificates, not millions.
///
/// # Errors
/// As `list`.
pub async fn browse(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &CertificateFilter,
    today: chrono::NaiveDate,
    settings: &CertificateSettings,
) -> Result<CertificatePage, ServiceError> {
    let words: Vec<String> = crate::domain::text::fold(&filter.query)
        .split_whitespace()
        .take(8)
        .map(str::to_owned)
        .collect();
    let matching: Vec<CertificateRow> = list(db, actor, &filter.state, today, settings)
        .await?
        .into_iter()
        .filter(|row| {
            let text = crate::domain::text::fold(&format!(
                "{} {} {} {}",
                row.number, row.product_name, row.subject_name, row.commune_name
            ));
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect();
    let total = matching.len();
    let pages = total.div_ceil(CERTIFICATES_PER_PAGE).max(1);
    let page = filter.page.clamp(1, pages);
    let rows = matching
        .into_iter()
        .skip((page - 1) * CERTIFICATES_PER_PAGE)
        .take(CERTIFICATES_PER_PAGE)
        .collect();
    Ok(CertificatePage {
        rows,
        total,
        page,
        pages,
    })
}
