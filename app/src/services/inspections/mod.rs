//! Monitoring certified products: planning inspections (`plan`), the visit and the steps after
//! it (`steps`), photos (`photos`) and what each party sees (`view`). The rules are
//! `domain::inspection`'s; who is which party is `access::inspection_parties`.
pub mod photos;
pub mod plan;
pub mod steps;
pub mod view;

use sea_orm::{ConnectionTrait, EntityTrait};

use crate::auth::{Actor, inspection_parties};
use crate::domain::inspection::Party;
use crate::entities::{inspection, product};
use crate::services::ServiceError;

/// The inspection and the sides `actor` is on for it.
///
/// # Errors
/// `NotFound` when it does not exist or the actor has no part in it (so ids cannot be probed).
pub(crate) async fn load_for(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<(inspection::Model, Vec<Party>), ServiceError> {
    let found = inspection::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let parties = inspection_parties(actor, found.subject_id, &found.commune_code);
    if parties.is_empty() || (parties == [Party::Producer] && unannounced(&found)) {
        return Err(ServiceError::NotFound);
    }
    Ok((found, parties))
}

/// An ad hoc inspection not yet visited: its producer does not hear of it in advance.
pub(crate) fn unannounced(found: &inspection::Model) -> bool {
    found.kind == crate::domain::inspection::InspectionKind::AdHoc
        && found.state == crate::domain::inspection::InspectionState::Planned
}

/// The product's name, for notices and the log.
pub(crate) async fn product_name(
    db: &impl ConnectionTrait,
    product_id: i32,
) -> Result<String, ServiceError> {
    Ok(product::Entity::find_by_id(product_id)
        .one(db)
        .await?
        .map(|p| p.name)
        .unwrap_or_default())
}
