//! Training sessions (`domain::training`): the Department's (the province records them) and
//! each commune's (its officers and the province). Commune officers see the Department's
//! sessions too, read-only; nobody else sees any (`sessions`, `attendance`).
pub mod attendance;
pub mod sessions;

use sea_orm::{ConnectionTrait, EntityTrait};

use crate::auth::{Action, Actor, Resource, Role, allowed};
use crate::entities::training_session;
use crate::services::ServiceError;

fn resource(session: &training_session::Model) -> Resource<'_> {
    match &session.commune_code {
        Some(code) => Resource::Commune(code),
        None => Resource::Nothing,
    }
}

/// Whether `actor` runs `session` (lists and ticks its attendees).
pub(crate) fn organises(actor: &Actor, session: &training_session::Model) -> bool {
    allowed(actor, Action::RunTraining, resource(session)).is_ok()
}

/// Whether `actor` sees `session`: its organisers, and a commune's officers the Department's.
pub(crate) fn sees(actor: &Actor, session: &training_session::Model) -> bool {
    organises(actor, session)
        || matches!(
            actor,
            Actor::User {
                role: Role::CommuneOfficer,
                ..
            }
        ) && session.commune_code.is_none()
}

/// The session, if the actor sees it.
///
/// # Errors
/// `NotFound` otherwise (ids cannot be probed).
pub(crate) async fn visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<training_session::Model, ServiceError> {
    training_session::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|s| sees(actor, s))
        .ok_or(ServiceError::NotFound)
}

/// The session, if the actor runs it.
///
/// # Errors
/// `NotFound` if they do not see it; `Denied` if they only see it.
pub(crate) async fn organised(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<training_session::Model, ServiceError> {
    let session = visible(db, actor, id).await?;
    allowed(actor, Action::RunTraining, resource(&session)).map_err(ServiceError::Denied)?;
    Ok(session)
}

/// The commune an official runs sessions for: `None` for the province.
///
/// # Errors
/// `Denied` for anyone who runs no training.
pub(crate) fn organiser_scope(actor: &Actor) -> Result<Option<String>, ServiceError> {
    crate::services::guards::commune_or_province(actor, Action::RunTraining)
}

/// How an official's unit reads on a list and the sign-in sheet.
pub(crate) fn official_unit(role: Role, commune: Option<&str>) -> String {
    let commune = commune.unwrap_or_default();
    match role {
        Role::CommuneOfficer => format!("Cán bộ {commune}").trim().to_owned(),
        Role::ProvincialOfficer => "Sở Nông nghiệp và Môi trường".to_owned(),
        Role::CouncilMember => "Hội đồng đánh giá OCOP tỉnh".to_owned(),
        Role::AdvisoryMember => "Tổ tư vấn OCOP tỉnh".to_owned(),
        Role::Administrator => "Quản trị hệ thống".to_owned(),
        Role::Producer => String::new(),
    }
}
