//! Planning inspections: the province (any commune's products) or a commune's officer (their
//! commune's) puts certified products in a plan — periodic (the annual plan) or ad hoc — with a
//! date and a team; each product gets an inspection of its own.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};

use crate::auth::{Action, Actor, Resource, Role, allowed};
use crate::domain::audit_action::AuditAction;
use crate::domain::audit_details::Value;
use crate::domain::inspection::{InspectionKind, InspectionState};
use crate::domain::reason::Reason;
use crate::entities::{certificate as cert, inspection, product, subject};
use crate::models::inspections::{
    MAX_PRODUCTS_PER_PLAN, MAX_TEAM, MAX_TEXT, PlanCandidate, PlanInput,
};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::input::{Problems, invalid, required};
use crate::services::input::{optional_text, parse_date};
use crate::services::master_data::units::commune_names;
use crate::services::notifications::{Audience, notify};

/// The most candidates the planning form offers (a province certifies hundreds).
const MAX_CANDIDATES: u64 = 1000;

/// The commune an official plans for: `None` for the province (every commune).
///
/// # Errors
/// `Denied` for anyone who does not inspect.
pub(crate) fn scope(actor: &Actor) -> Result<Option<String>, ServiceError> {
    match actor {
        Actor::User {
            role: Role::CommuneOfficer,
            commune_code: Some(code),
            ..
        } => {
            allowed(actor, Action::Inspect, Resource::Commune(code))
                .map_err(ServiceError::Denied)?;
            Ok(Some(code.clone()))
        }
        _ => {
            allowed(actor, Action::Inspect, Resource::Nothing).map_err(ServiceError::Denied)?;
            Ok(None)
        }
    }
}

/// The products with a valid certificate the official may put in a plan, by commune and name.
///
/// # Errors
/// `Denied` for anyone who does not inspect.
pub async fn candidates(
    db: &DatabaseConnection,
    actor: &Actor,
    today: chrono::NaiveDate,
) -> Result<Vec<PlanCandidate>, ServiceError> {
    let commune = scope(actor)?;
    let mut query = cert::Entity::find()
        .filter(cert::Column::RevokedOn.is_null())
        .filter(cert::Column::SupersededBy.is_null())
        .filter(cert::Column::ValidUntil.gte(today))
        .order_by_desc(cert::Column::DecisionDate);
    if let Some(code) = &commune {
        let subjects: Vec<i32> = subject::Entity::find()
            .filter(subject::Column::CommuneCode.eq(code.as_str()))
            .select_only()
            .column(subject::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        query = query.filter(cert::Column::SubjectId.is_in(subjects));
    }
    let certs = query.limit(MAX_CANDIDATES).all(db).await?;
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
    let names = commune_names(db).await?;
    let mut out: Vec<PlanCandidate> = certs
        .into_iter()
        .filter_map(|c| {
            let p = products.get(&c.product_id)?;
            let s = subjects.get(&c.subject_id)?;
            Some(PlanCandidate {
                product_id: p.id,
                product_name: p.name.clone(),
                subject_name: s.name.clone(),
                commune_name: names.get(&s.commune_code).cloned().unwrap_or_default(),
                stars: u8::try_from(c.stars).unwrap_or_default(),
                certificate_number: c.number,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.commune_name.as_str(), a.product_name.as_str())
            .cmp(&(b.commune_name.as_str(), b.product_name.as_str()))
    });
    out.dedup_by_key(|c| c.product_id);
    Ok(out)
}

/// Plans one inspection per product; returns their ids.
///
/// # Errors
/// `Denied` for anyone who does not inspect, or a product of another commune; `NotFound` for
/// an unknown product; `Problems` naming each field that is wrong (`kind`, `product_ids`:
/// none, more than 50, or one without a valid certificate; `planned_on` more than a year away;
/// `team`; `purpose`).
pub async fn plan(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &PlanInput,
    today: chrono::NaiveDate,
) -> Result<Vec<i32>, ServiceError> {
    scope(actor)?;
    let by = actor.user_id().ok_or(ServiceError::NotFound)?;
    let mut problems = Problems::default();
    let kind = InspectionKind::parse(input.kind.trim());
    if kind.is_none() {
        problems.add("kind", Reason::Required);
    }
    let mut ids = input.product_ids.clone();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        problems.add("product_ids", Reason::ChooseProducts);
    } else if ids.len() > MAX_PRODUCTS_PER_PLAN {
        problems.add("product_ids", Reason::TooManyProducts);
    }
    let planned_on = problems.check(parse_date(&input.planned_on, "planned_on"));
    if let Some(day) = planned_on
        && (day - today).num_days().abs() > 366
    {
        problems.add("planned_on", Reason::PlanDateOutOfRange);
    }
    let team = problems.check(required(&input.team, "team", MAX_TEAM));
    let purpose = problems.check(optional_text(&input.purpose, "purpose", MAX_TEXT));
    // The products, each checked against the official and its certificate, only once the
    // form holds together (and is bounded).
    let mut planned = Vec::new();
    if ids.len() <= MAX_PRODUCTS_PER_PLAN {
        for id in &ids {
            // A product removed since the form was opened (an import undone) is the field's
            // problem, said beside it, not a missing page.
            let (p, s) = match crate::services::guards::product_and_subject(db, *id).await {
                Ok(found) => found,
                Err(ServiceError::NotFound) => {
                    problems.add("product_ids", Reason::NotCertified);
                    continue;
                }
                Err(other) => return Err(other),
            };
            allowed(actor, Action::Inspect, Resource::Commune(&s.commune_code))
                .map_err(ServiceError::Denied)?;
            match crate::services::certificates::register::current(db, p.id).await? {
                Some(c) if c.revoked_on.is_none() && c.valid_until >= today => {
                    planned.push((p, s, c));
                }
                _ => {
                    problems.add("product_ids", Reason::NotCertified);
                }
            }
        }
    }
    problems.finish()?;
    let (Some(kind), Some(planned_on), Some(team), Some(purpose)) =
        (kind, planned_on, team, purpose)
    else {
        return Err(invalid("kind", Reason::Required));
    };
    let txn = db.begin().await?;
    let mut out = Vec::new();
    for (p, s, c) in planned {
        let row = inspection::ActiveModel {
            product_id: Set(p.id),
            subject_id: Set(s.id),
            commune_code: Set(s.commune_code.clone()),
            certificate_id: Set(Some(c.id)),
            kind: Set(kind),
            planned_on: Set(planned_on),
            team: Set(team.clone()),
            purpose: Set(purpose.clone()),
            state: Set(InspectionState::Planned),
            planned_by: Set(by),
            created_at: Set(crate::clock::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let (kind_vi, kind_en) = kind.label();
        audit::append(
            &txn,
            Entry {
                actor_user_id: Some(by),
                action: AuditAction::InspectionPlan,
                target_type: "inspection",
                target_id: Some(row.id.to_string()),
                summary: format!("{} · {planned_on}", p.name),
                ip: None,
                details: Default::default(),
            }
            .with("kind", Value::both(kind_vi, kind_en))
            .with("product", &p.name)
            .with("date", crate::domain::dates::date(planned_on))
            .with("team", &team),
        )
        .await?;
        // The annual plan is announced to the producer; an ad hoc inspection may come
        // unannounced (on a complaint, say), so its producer hears of it at the visit.
        if kind == InspectionKind::Periodic {
            notify(
                &txn,
                actor,
                &[Audience::SubjectMembers(s.id)],
                "inspection.planned",
                None,
                &format!("{} — {}", p.name, crate::domain::dates::date(planned_on)),
            )
            .await?;
        }
        out.push(row.id);
    }
    txn.commit().await?;
    Ok(out)
}
