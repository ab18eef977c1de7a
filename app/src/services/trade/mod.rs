//! Trade promotion: events (`events`) and each product's participation with its results
//! (`participation`). Who organises an event: the province (its own events and any), or the
//! commune whose event it is; producers see the province's events and their commune's.
pub mod events;
pub mod participation;

use sea_orm::{ConnectionTrait, EntityTrait};

use crate::auth::{Action, Actor, Resource, Role, allowed};
use crate::entities::trade_event;
use crate::services::ServiceError;

/// Whether `actor` organises `event` (records participants and results).
pub(crate) fn organises(actor: &Actor, event: &trade_event::Model) -> bool {
    let resource = match &event.commune_code {
        Some(code) => Resource::Commune(code),
        None => Resource::Nothing,
    };
    allowed(actor, Action::PromoteTrade, resource).is_ok()
}

/// Whether `actor` sees `event`: its organisers, the province, and the producers and officers
/// of its commune (every commune, for the province's events).
pub(crate) fn sees(actor: &Actor, event: &trade_event::Model) -> bool {
    let Actor::User {
        role, commune_code, ..
    } = actor
    else {
        return false;
    };
    match role {
        Role::ProvincialOfficer => true,
        Role::Producer | Role::CommuneOfficer => {
            event.commune_code.is_none() || event.commune_code == *commune_code
        }
        _ => false,
    }
}

/// The event, if the actor sees it.
///
/// # Errors
/// `NotFound` otherwise (ids cannot be probed).
pub(crate) async fn visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<trade_event::Model, ServiceError> {
    trade_event::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|e| sees(actor, e))
        .ok_or(ServiceError::NotFound)
}
