//! Subjects (chủ thể): the public facts of an active subject, and its member accounts for those
//! who may see them (its members, its commune's officers, the province).
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::auth::{Action, Actor, Resource, Role, allowed};
use crate::entities::{admin_unit, subject, user_account};
use crate::models::subjects::{SubjectMember, SubjectView};
use crate::services::ServiceError;

/// A subject's page. An active subject is public; a pending or rejected one is shown only to
/// those who may see its members (anyone else gets `NotFound`, not a hint that it exists).
///
/// # Errors
/// `NotFound`; a database error.
pub async fn subject_view(
    db: &DatabaseConnection,
    actor: &Actor,
    subject_id: i32,
) -> Result<SubjectView, ServiceError> {
    let s = subject::Entity::find_by_id(subject_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let resource = Resource::Subject {
        id: s.id,
        commune_code: &s.commune_code,
    };
    let may_view_members = allowed(actor, Action::ViewSubject, resource).is_ok();
    if s.status != "active" && !may_view_members {
        return Err(ServiceError::NotFound);
    }
    let commune_name = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(s.commune_code.as_str()))
        .one(db)
        .await?
        .map(|u| u.name)
        .unwrap_or_else(|| s.commune_code.clone());
    Ok(SubjectView {
        id: s.id,
        name: s.name,
        subject_type: s.subject_type,
        commune_code: s.commune_code,
        commune_name,
        address: s.address,
        tax_code: s.tax_code,
        status: s.status,
        may_view_members,
    })
}

/// The accounts acting for a subject, by name.
///
/// # Errors
/// `Denied` unless the actor is a member, an officer of its commune or provincial; `NotFound`.
pub async fn subject_members(
    db: &DatabaseConnection,
    actor: &Actor,
    subject_id: i32,
) -> Result<Vec<SubjectMember>, ServiceError> {
    let s = subject::Entity::find_by_id(subject_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let resource = Resource::Subject {
        id: s.id,
        commune_code: &s.commune_code,
    };
    allowed(actor, Action::ViewSubject, resource).map_err(ServiceError::Denied)?;
    Ok(user_account::Entity::find()
        .filter(user_account::Column::SubjectId.eq(subject_id))
        .order_by_asc(user_account::Column::FullName)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| {
            Some(SubjectMember {
                user_id: a.id,
                role: Role::parse(&a.role)?,
                full_name: a.full_name,
                status: a.status,
                joined: a.created_at.format("%d/%m/%Y").to_string(),
            })
        })
        .collect())
}
