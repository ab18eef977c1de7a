//! The GS1 resolver's policy: which product a Digital Link names (by its GTIN padded to 14
//! digits, one indexed equality), and what the client gets — the link set, or where a person
//! is sent (`domain::digital_link` decides which link answers which `linkType`). The HTTP
//! handler in `server/` only adapts requests and answers.
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::domain::digital_link::{self, DigitalLink, LinkSet, Target};
use crate::domain::status::SubjectStatus;
use crate::entities::{product, subject};
use crate::services::ServiceError;

/// What the resolver answers a well-formed link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// No product of an active subject has that GTIN.
    Unknown,
    /// The RFC 9264 link set, for machines.
    LinkSet(LinkSet),
    /// Send the person to this path.
    Redirect(String),
    /// The item has no link of the type asked for.
    NoSuchLink,
}

/// The product whose GTIN, padded to 14 digits, is `gtin14`, if its subject is active.
///
/// # Errors
/// A database error.
pub async fn by_gtin14(
    db: &DatabaseConnection,
    gtin14: &str,
) -> Result<Option<Target>, ServiceError> {
    if gtin14.len() != 14 || !gtin14.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let Some(p) = product::Entity::find()
        .filter(product::Column::Gtin14.eq(gtin14))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let active = subject::Entity::find_by_id(p.subject_id)
        .one(db)
        .await?
        .is_some_and(|s| s.status == SubjectStatus::Active);
    if !active {
        return Ok(None);
    }
    let certificate = crate::services::certificates::register::current(db, p.id)
        .await?
        .map(|c| c.number);
    Ok(Some(Target {
        product_id: p.id,
        name: p.name,
        certificate,
        lot_page: None,
    }))
}

/// What `link` answers on `base`, for a request asking `link_type` with `accept`.
///
/// # Errors
/// A database error.
pub async fn resolve(
    db: &DatabaseConnection,
    base: &str,
    link: &DigitalLink,
    link_type: Option<&str>,
    accept: Option<&str>,
) -> Result<Answer, ServiceError> {
    let Some(mut target) = by_gtin14(db, &link.gtin14).await? else {
        return Ok(Answer::Unknown);
    };
    // A lot the producer recorded has its trace page.
    if let Some(code) = &link.lot {
        target.lot_page =
            crate::services::traceability::lots::by_code(db, target.product_id, code).await?;
    }
    if digital_link::wants_linkset(link_type, accept) {
        return Ok(Answer::LinkSet(digital_link::link_set(base, link, &target)));
    }
    Ok(digital_link::redirect_path(&target, link, link_type)
        .map_or(Answer::NoSuchLink, Answer::Redirect))
}
