//! Certificates after they are issued: the public check behind the QR code, the officers'
//! lists (valid, expiring, expired, revoked, superseded), a producer's own with reminders, and
//! revocation.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use std::collections::HashMap;

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::certificate;
use crate::entities::{admin_unit, certificate as cert, product, product_group, subject};
use crate::models::evaluation::rounds::{
    CERTIFICATES_PER_PAGE, CertificateCheck, CertificateFilter, CertificatePage, CertificateRow,
};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::guards::manage_rounds;
use crate::services::input::invalid;

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

/// Revokes a certificate (thu hồi) with a reason, decision number and date.
///
/// # Errors
/// `Denied`; `NotFound`; `Conflict(Reason::Revoked)` when already revoked; `Invalid` for an empty
/// reason or decision, or a wrong date.
pub async fn revoke(
    db: &DatabaseConnection,
    actor: &Actor,
    number: &str,
    reason: &str,
    decision: &str,
    date: &str,
) -> Result<(), ServiceError> {
    manage_rounds(actor)?;
    let found = cert::Entity::find()
        .filter(cert::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    revoke_found(db, actor, found, (reason, decision, date), None).await
}

/// Revokes the product's current certificate on the basis of an inspection that proposed it;
/// returns the certificate's number.
///
/// # Errors
/// As `revoke`; `NotFound` for an inspection the actor has no part in or a product with no
/// certificate; `Conflict(ChangedMeanwhile)` when the inspection no longer proposes it.
pub async fn revoke_on_inspection(
    db: &DatabaseConnection,
    actor: &Actor,
    inspection_id: i32,
    reason: &str,
    decision: &str,
    date: &str,
) -> Result<String, ServiceError> {
    manage_rounds(actor)?;
    let inspection = crate::entities::inspection::Entity::find_by_id(inspection_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let parties =
        crate::auth::inspection_parties(actor, inspection.subject_id, &inspection.commune_code);
    crate::domain::inspection::transition(
        inspection.state,
        crate::domain::inspection::InspectionAction::Revoke,
        &parties,
    )
    .map_err(|_| ServiceError::Conflict(Reason::ChangedMeanwhile))?;
    let found = current(db, inspection.product_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let number = found.number.clone();
    revoke_found(
        db,
        actor,
        found,
        (reason, decision, date),
        Some(inspection.id),
    )
    .await?;
    Ok(number)
}

/// Revokes `found` with (reason, decision, date); every inspection proposing to revoke its
/// product ends with it, `basis` named on the certificate.
async fn revoke_found(
    db: &DatabaseConnection,
    actor: &Actor,
    found: cert::Model,
    (reason, decision, date): (&str, &str, &str),
    basis: Option<i32>,
) -> Result<(), ServiceError> {
    let by = manage_rounds(actor)?;
    let number = found.number.clone();
    let number = number.as_str();
    if found.revoked_on.is_some() {
        return Err(ServiceError::Conflict(Reason::Revoked));
    }
    let (reason, decision) = (reason.trim(), decision.trim());
    if reason.is_empty() {
        return Err(invalid("reason", Reason::Required));
    }
    if decision.is_empty() {
        return Err(invalid("decision", Reason::Required));
    }
    let date = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map_err(|_| invalid("date", Reason::InvalidDate))?;
    let txn = db.begin().await?;
    let mut active: cert::ActiveModel = found.clone().into();
    active.revoked_on = Set(Some(date));
    active.revoke_reason = Set(Some(reason.to_owned()));
    active.revoke_decision = Set(Some(decision.to_owned()));
    active.revoke_inspection_id = Set(basis);
    sea_orm::ActiveModelTrait::update(active, &txn).await?;
    // The inspections that proposed it end here, whichever page the officer revoked from.
    let ended = crate::entities::inspection::Entity::update_many()
        .col_expr(
            crate::entities::inspection::Column::State,
            sea_orm::sea_query::Expr::value(
                crate::domain::inspection::InspectionState::Revoked.as_str(),
            ),
        )
        .col_expr(
            crate::entities::inspection::Column::ClosedOn,
            sea_orm::sea_query::Expr::value(date),
        )
        .filter(crate::entities::inspection::Column::ProductId.eq(found.product_id))
        .filter(
            crate::entities::inspection::Column::State
                .eq(crate::domain::inspection::InspectionState::RevocationProposed),
        )
        .exec(&txn)
        .await?;
    if basis.is_some() && ended.rows_affected == 0 {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    product::Entity::update_many()
        .col_expr(product::Column::Stars, Option::<i16>::None.into())
        .filter(product::Column::Id.eq(found.product_id))
        .exec(&txn)
        .await?;
    // The producer must take the OCOP mark off labels and stamps at once: tell them.
    let product_name = product::Entity::find_by_id(found.product_id)
        .one(&txn)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    crate::services::notifications::notify(
        &txn,
        actor,
        &[crate::services::notifications::Audience::SubjectMembers(
            found.subject_id,
        )],
        "certificate.revoked",
        None,
        &format!("{product_name} — {number} ({decision}): {reason}"),
    )
    .await?;
    audit::append(
        &txn,
        Entry {
            actor_user_id: Some(by),
            action: AuditAction::CertificateRevoke,
            target_type: "certificate",
            target_id: Some(number.to_owned()),
            summary: format!("{decision}: {reason}"),
            ip: None,
            details: Default::default(),
        }
        .with("number", number)
        .with("decision", decision)
        .with("reason", reason),
    )
    .await?;
    if let Some(inspection_id) = basis {
        audit::append(
            &txn,
            Entry {
                actor_user_id: Some(by),
                action: AuditAction::InspectionStep,
                target_type: "inspection",
                target_id: Some(inspection_id.to_string()),
                summary: format!("{number} ({decision})"),
                ip: None,
                details: Default::default(),
            }
            .with(
                "step",
                crate::domain::audit_details::Value::both(
                    format!("thu hồi giấy chứng nhận {number} theo {decision}"),
                    format!("revoked the certificate {number} by {decision}"),
                ),
            )
            .with("product", &product_name)
            .with("note", reason),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
