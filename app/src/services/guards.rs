//! Shared guards: load a resource and check that the actor may touch it. Every capability
//! folder uses these, so they live here rather than in one of them (which would make its
//! neighbours import each other in circles).
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::auth::{Action, Actor, Denied, Resource, Role, allowed};
use crate::entities::{product, subject};
use crate::services::ServiceError;

/// A product with its subject.
///
/// # Errors
/// `NotFound` when either is missing.
pub(crate) async fn product_and_subject(
    db: &impl ConnectionTrait,
    product_id: i32,
) -> Result<(product::Model, subject::Model), ServiceError> {
    let (p, s) = product::Entity::find_by_id(product_id)
        .find_also_related(subject::Entity)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((p, s.ok_or(ServiceError::NotFound)?))
}

/// Whether `actor` may do `action` on subject `s` (view: its members, its commune's officers
/// and the province; edit: its members).
///
/// # Errors
/// `Denied` when not.
pub(crate) fn subject(
    actor: &Actor,
    action: Action,
    s: &subject::Model,
) -> Result<(), ServiceError> {
    allowed(
        actor,
        action,
        Resource::Subject {
            id: s.id,
            commune_code: &s.commune_code,
        },
    )
    .map_err(ServiceError::Denied)
}

/// The subject, if the actor is one of its members (the right to keep its products).
///
/// # Errors
/// `NotFound`; `Denied` for anyone but its members.
pub(crate) async fn member_subject(
    db: &impl ConnectionTrait,
    actor: &Actor,
    subject_id: i32,
) -> Result<subject::Model, ServiceError> {
    subject_for(db, actor, Action::EditSubject, subject_id).await
}

/// The subject, if the actor may do `action` on it.
///
/// # Errors
/// `NotFound`; `Denied` when not.
pub(crate) async fn subject_for(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: Action,
    subject_id: i32,
) -> Result<subject::Model, ServiceError> {
    let found = subject::Entity::find_by_id(subject_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    subject(actor, action, &found)?;
    Ok(found)
}

/// The subject a producer acts for.
///
/// # Errors
/// `Denied` for anyone who is not a producer with a subject.
pub(crate) fn producer_subject(actor: &Actor) -> Result<i32, ServiceError> {
    match actor {
        Actor::Anonymous => Err(ServiceError::Denied(Denied::SignInRequired)),
        Actor::User {
            role: Role::Producer,
            subject_id: Some(id),
            ..
        } => Ok(*id),
        Actor::User { .. } => Err(ServiceError::Denied(Denied::NotAllowed)),
    }
}

/// The provincial officer who runs evaluation rounds and certificates: their user id.
///
/// # Errors
/// `Denied` for anyone else.
pub(crate) fn manage_rounds(actor: &Actor) -> Result<i32, ServiceError> {
    allowed(actor, Action::ManageRounds, Resource::Nothing).map_err(ServiceError::Denied)?;
    actor
        .user_id()
        .ok_or(ServiceError::Denied(Denied::SignInRequired))
}

/// The commune an official does `action` for: a commune officer's own (`Some`), or the
/// province's (`None`) for whoever may do it province-wide.
///
/// # Errors
/// `Denied` for anyone who may do neither.
pub(crate) fn commune_or_province(
    actor: &Actor,
    action: Action,
) -> Result<Option<String>, ServiceError> {
    match actor {
        Actor::User {
            role: Role::CommuneOfficer,
            commune_code: Some(code),
            ..
        } => {
            allowed(actor, action, Resource::Commune(code)).map_err(ServiceError::Denied)?;
            Ok(Some(code.clone()))
        }
        _ => {
            allowed(actor, action, Resource::Nothing).map_err(ServiceError::Denied)?;
            Ok(None)
        }
    }
}
