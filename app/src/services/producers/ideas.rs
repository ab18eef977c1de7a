//! Product ideas: a producer registers one with the commune, the commune's officer accepts it
//! or declines it with a reason, and an accepted idea becomes a product of the subject. Each
//! step is audited and notifies the other side.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use crate::auth::{Actor, Denied, Role};
use crate::domain::product_idea::{self, IdeaInput, IdeaState};
use crate::entities::{notification, product_idea as idea, subject};
use crate::models::producers::ideas::IdeaRow;
use crate::models::producers::products::ProductInput;
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::guards::producer_subject;
use crate::services::input::invalid;
use crate::services::master_data::units::commune_names;
use crate::services::notifications::{self, Audience};

/// Registers an idea of the producer's subject with its commune; returns its id and the
/// notifications for the commune.
///
/// # Errors
/// `Denied` for anyone but a producer; `Invalid` naming the field.
pub async fn submit(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &IdeaInput,
    ip: Option<String>,
) -> Result<(i32, Vec<notification::Model>), ServiceError> {
    let subject_id = producer_subject(actor)?;
    let form = product_idea::parse(input).map_err(|(f, r)| invalid(f, r))?;
    let known_group = crate::entities::product_group::Entity::find()
        .filter(crate::entities::product_group::Column::Scheme.eq("148"))
        .filter(crate::entities::product_group::Column::Code.eq(form.group_code.as_str()))
        .one(db)
        .await?
        .is_some_and(|g| crate::services::master_data::units::group_in_use_today(&g));
    if !known_group {
        return Err(invalid("group_code", Reason::UnknownGroup));
    }
    let owner = subject::Entity::find_by_id(subject_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let txn = db.begin().await?;
    let row = idea::ActiveModel {
        subject_id: Set(owner.id),
        commune_code: Set(owner.commune_code.clone()),
        name: Set(form.name.clone()),
        group_code: Set(form.group_code),
        description: Set(form.description),
        raw_materials: Set(Some(form.raw_materials).filter(|r| !r.is_empty())),
        state: Set(IdeaState::Submitted),
        created_by: Set(actor.user_id().unwrap_or_default()),
        created_at: Set(crate::clock::now()),
        version: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        entry(
            actor,
            AuditAction::IdeaSubmit,
            row.id,
            form.name.clone(),
            ip,
        )
        .with("name", &form.name),
    )
    .await?;
    let audience = [Audience::CommuneOfficers(&owner.commune_code)];
    let notices =
        notifications::notify(&txn, actor, &audience, "idea.submit", None, &form.name).await?;
    txn.commit().await?;
    Ok((row.id, notices))
}

/// The ideas the actor works on: a producer its subject's, a commune officer its commune's,
/// a provincial officer all; newest first.
///
/// # Errors
/// `Denied` for anyone else.
pub async fn list(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<IdeaRow>, ServiceError> {
    let Actor::User {
        role,
        commune_code,
        subject_id,
        ..
    } = actor
    else {
        return Err(ServiceError::Denied(Denied::SignInRequired));
    };
    let query = idea::Entity::find().order_by_desc(idea::Column::Id);
    let query = match (role, subject_id, commune_code) {
        (Role::Producer, Some(s), _) => query.filter(idea::Column::SubjectId.eq(*s)),
        (Role::CommuneOfficer, _, Some(c)) => {
            query.filter(idea::Column::CommuneCode.eq(c.as_str()))
        }
        (Role::ProvincialOfficer, _, _) => query,
        _ => return Err(ServiceError::Denied(Denied::NotAllowed)),
    };
    let rows = query.all(db).await?;
    let subjects: std::collections::HashMap<i32, String> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(rows.iter().map(|r| r.subject_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let communes = commune_names(db).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let state = r.state;
            IdeaRow {
                id: r.id,
                version: r.version,
                may_decide: state == IdeaState::Submitted && is_officer_of(actor, &r.commune_code),
                may_make_product: state == IdeaState::Accepted
                    && r.product_id.is_none()
                    && *subject_id == Some(r.subject_id),
                subject_name: subjects.get(&r.subject_id).cloned().unwrap_or_default(),
                commune_name: communes.get(&r.commune_code).cloned().unwrap_or_default(),
                name: r.name,
                group_code: r.group_code,
                description: r.description,
                raw_materials: r.raw_materials.unwrap_or_default(),
                state,
                commune_comment: r.commune_comment,
                product_id: r.product_id,
                created_at: crate::domain::dates::day(r.created_at),
            }
        })
        .collect())
}

/// The commune accepts or declines (with a reason) an idea loaded at `version`.
///
/// # Errors
/// `NotFound`; `Denied` unless the actor is the idea's commune's officer; `Invalid`
/// (`comment`) for a decline without a reason; `Conflict(Reason::ChangedMeanwhile)`.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    idea_id: i32,
    version: i32,
    accept: bool,
    comment: &str,
    ip: Option<String>,
) -> Result<Vec<notification::Model>, ServiceError> {
    let row = find(db, actor, idea_id).await?;
    if !is_officer_of(actor, &row.commune_code) {
        return Err(ServiceError::Denied(Denied::NotAllowed));
    }
    let state = row.state;
    let to = match product_idea::decide(state, accept, comment) {
        Ok(to) => to,
        Err(("state", _)) => return Err(ServiceError::Conflict(Reason::ChangedMeanwhile)),
        Err((field, reason)) => return Err(invalid(field, reason)),
    };
    let comment = comment.trim().chars().take(4000).collect::<String>();
    let txn = db.begin().await?;
    let updated = idea::Entity::update_many()
        .col_expr(idea::Column::State, Expr::value(to))
        .col_expr(
            idea::Column::CommuneComment,
            Some(comment.clone()).filter(|c| !c.is_empty()).into(),
        )
        .col_expr(idea::Column::DecidedBy, actor.user_id().into())
        .col_expr(idea::Column::Version, (version + 1).into())
        .filter(idea::Column::Id.eq(row.id))
        .filter(idea::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    let action = if accept {
        AuditAction::IdeaAccept
    } else {
        AuditAction::IdeaDecline
    };
    audit::append(
        &txn,
        entry(
            actor,
            action,
            row.id,
            format!("{}: {comment}", row.name),
            ip,
        )
        .with("name", &row.name)
        .with("comment", &comment),
    )
    .await?;
    let audience = [Audience::SubjectMembers(row.subject_id)];
    let notices =
        notifications::notify(&txn, actor, &audience, action.as_str(), None, &row.name).await?;
    txn.commit().await?;
    Ok(notices)
}

/// Turns an accepted idea into a product of the subject (its name, group and description);
/// returns the product's id.
///
/// # Errors
/// `NotFound`; `Denied` unless the actor is a member of the idea's subject; `Conflict` if
/// it is not accepted or already a product.
pub async fn make_product(
    db: &DatabaseConnection,
    actor: &Actor,
    idea_id: i32,
    ip: Option<String>,
) -> Result<i32, ServiceError> {
    let row = find(db, actor, idea_id).await?;
    if producer_subject(actor)? != row.subject_id {
        return Err(ServiceError::Denied(Denied::NotAllowed));
    }
    if row.state != IdeaState::Accepted || row.product_id.is_some() {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    let input = ProductInput {
        name: row.name.clone(),
        group_code: row.group_code.clone(),
        description: row.description.clone(),
        raw_material_area: row.raw_materials.clone().unwrap_or_default(),
        ..Default::default()
    };
    let product_id = crate::services::producers::products::save_product(
        db,
        actor,
        row.subject_id,
        input,
        ip.clone(),
    )
    .await?;
    let updated = idea::Entity::update_many()
        .col_expr(idea::Column::ProductId, Some(product_id).into())
        .col_expr(idea::Column::Version, (row.version + 1).into())
        .filter(idea::Column::Id.eq(row.id))
        .filter(idea::Column::ProductId.is_null())
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    audit::append(
        db,
        entry(
            actor,
            AuditAction::IdeaToProduct,
            row.id,
            format!("{} → product #{product_id}", row.name),
            ip,
        )
        .with("name", &row.name),
    )
    .await?;
    Ok(product_id)
}

async fn find(
    db: &DatabaseConnection,
    actor: &Actor,
    idea_id: i32,
) -> Result<idea::Model, ServiceError> {
    if actor.user_id().is_none() {
        return Err(ServiceError::Denied(Denied::SignInRequired));
    }
    idea::Entity::find_by_id(idea_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

fn is_officer_of(actor: &Actor, commune: &str) -> bool {
    matches!(actor, Actor::User { role: Role::CommuneOfficer, commune_code: Some(c), .. } if c == commune)
}

fn entry(
    actor: &Actor,
    action: AuditAction,
    idea_id: i32,
    summary: String,
    ip: Option<String>,
) -> Entry<'static> {
    Entry {
        actor_user_id: actor.user_id(),
        action,
        target_type: "product_idea",
        target_id: Some(idea_id.to_string()),
        summary,
        ip,
        details: Default::default(),
    }
}
