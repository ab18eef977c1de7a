//! Reminders that a certificate expires soon: a job the server runs every few hours tells the
//! holders (the subject's active producer accounts) of each valid certificate entering the
//! expiring window, once per certificate, so they file for re-recognition in time.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};

use crate::auth::Actor;
use crate::entities::{certificate, product};
use crate::services::ServiceError;
use crate::services::certificates::register::CertificateSettings;
use crate::services::notifications::{self, Audience};

/// The kind of notification written (translated on the notifications page).
pub const KIND: &str = "certificate.expiring";

/// Notifies the holders of every certificate that is valid on `today`, expires within the
/// window and was not announced yet; returns how many certificates were announced.
///
/// # Errors
/// A database error (nothing is marked as announced then).
pub async fn remind_expiring(
    db: &DatabaseConnection,
    today: chrono::NaiveDate,
    settings: &CertificateSettings,
) -> Result<usize, ServiceError> {
    let until = today + chrono::Duration::days(settings.expiring_within_days);
    let due = certificate::Entity::find()
        .filter(certificate::Column::RevokedOn.is_null())
        .filter(certificate::Column::SupersededBy.is_null())
        .filter(certificate::Column::ExpiryRemindedOn.is_null())
        .filter(certificate::Column::ValidUntil.gte(today))
        .filter(certificate::Column::ValidUntil.lte(until))
        .all(db)
        .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let names: HashMap<i32, String> = product::Entity::find()
        .filter(product::Column::Id.is_in(due.iter().map(|c| c.product_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let txn = db.begin().await?;
    for c in &due {
        let about = format!(
            "{} — {} ({})",
            names.get(&c.product_id).cloned().unwrap_or_default(),
            c.number,
            crate::domain::dates::date(c.valid_until)
        );
        notifications::notify(
            &txn,
            &Actor::Anonymous,
            &[Audience::SubjectMembers(c.subject_id)],
            KIND,
            None,
            &about,
        )
        .await?;
    }
    certificate::Entity::update_many()
        .col_expr(certificate::Column::ExpiryRemindedOn, Some(today).into())
        .filter(certificate::Column::Id.is_in(due.iter().map(|c| c.id)))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(due.len())
}
