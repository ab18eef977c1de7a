//! Product dossiers: opening one, the lists each party sees, one dossier with everything its
//! viewer may see, and the registration form. The state changes are in `dossier_flow`, the
//! documents in `dossier_documents`, the commune's comments and pre-assessment in
//! `commune_review`.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use crate::auth::{Actor, dossier_party};
use crate::domain::checklist::{self, Completeness};
use crate::domain::dossier::{self as rules, DossierState, Party};
use crate::domain::dossier_form::{self, DossierCycle, DossierFormInput};
use crate::entities::{
    dossier, dossier_checklist_item, dossier_document, product, product_group, subject,
};
use crate::models::dossiers::{
    DOSSIERS_PER_PAGE, DossierFilter, DossierList, DossierProductChoice, DossierRow,
};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::guards::producer_subject;
use crate::services::input::invalid;
use crate::services::master_data::units::commune_names;

pub use crate::services::dossiers::view::dossier_view;

/// A dossier with the viewer's part in it.
///
/// # Errors
/// `NotFound` when it does not exist; `Denied` when the actor has no part in it or may not
/// see it in its state (a commune does not see drafts, the province sees forwarded ones).
pub(crate) async fn load_for(
    db: &impl ConnectionTrait,
    actor: &Actor,
    dossier_id: i32,
) -> Result<(dossier::Model, Party, DossierState), ServiceError> {
    let d = dossier::Entity::find_by_id(dossier_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let state = d.state;
    let party = dossier_party(actor, d.subject_id, &d.commune_code)
        .filter(|p| rules::visible_to(*p, state))
        .ok_or(ServiceError::Denied(match actor {
            Actor::Anonymous => crate::auth::Denied::SignInRequired,
            Actor::User { .. } => crate::auth::Denied::NotAllowed,
        }))?;
    Ok((d, party, state))
}

/// The producer's products a dossier may be opened for.
///
/// # Errors
/// `Denied` for anyone but a producer.
pub async fn product_choices(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<DossierProductChoice>, ServiceError> {
    let subject_id = producer_subject(actor)?;
    Ok(product::Entity::find()
        .filter(product::Column::SubjectId.eq(subject_id))
        .order_by_asc(product::Column::NameFolded)
        .all(db)
        .await?
        .into_iter()
        .map(|p| DossierProductChoice {
            product_id: p.id,
            name: p.name,
            stars: p.stars,
        })
        .collect())
}

/// Opens a draft dossier for one of the producer's products; returns its id.
///
/// # Errors
/// `Denied` for anyone but a member of the product's subject; `Invalid` for an unknown cycle,
/// a re-recognition or upgrade of a product without stars, or a product that already has a
/// dossier under way (`dossier_open`).
pub async fn create_dossier(
    db: &DatabaseConnection,
    actor: &Actor,
    product_id: i32,
    cycle: &str,
    ip: Option<String>,
) -> Result<i32, ServiceError> {
    let subject_id = producer_subject(actor)?;
    let cycle = DossierCycle::parse(cycle).ok_or(invalid("cycle", Reason::Required))?;
    let p = product::Entity::find_by_id(product_id)
        .filter(product::Column::SubjectId.eq(subject_id))
        .one(db)
        .await?
        .ok_or(invalid("product_id", Reason::Required))?;
    if cycle.needs_certified_product() && p.stars.is_none() {
        return Err(invalid("cycle", Reason::CycleNeedsStars));
    }
    let under_way = dossier::Entity::find()
        .filter(dossier::Column::ProductId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .any(|d| d.state.under_way());
    if under_way {
        return Err(invalid("product_id", Reason::DossierOpen));
    }
    let owner = subject::Entity::find_by_id(subject_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let txn = db.begin().await?;
    let now = crate::clock::now();
    let row = dossier::ActiveModel {
        product_id: Set(p.id),
        subject_id: Set(subject_id),
        commune_code: Set(owner.commune_code.clone()),
        cycle: Set(cycle.as_str().to_owned()),
        state: Set(DossierState::Draft),
        form_json: Set(form_json(&DossierFormInput::default())),
        submission_no: Set(0),
        version: Set(0),
        created_by: Set(actor.user_id().unwrap_or_default()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        dossier_entry(
            actor,
            AuditAction::DossierCreate,
            row.id,
            format!("{} ({})", p.name, cycle.as_str()),
            ip,
        )
        .with("product", &p.name)
        .with("cycle", cycle),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Saves the registration form of a dossier in the producer's hands.
///
/// # Errors
/// `NotFound`; `Denied` unless the producer may edit it now; `Invalid` naming the field;
/// `Conflict(Reason::ChangedMeanwhile)` for a stale form.
pub async fn save_form(
    db: &DatabaseConnection,
    actor: &Actor,
    dossier_id: i32,
    version: i32,
    input: &DossierFormInput,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    let (d, party, state) = load_for(db, actor, dossier_id).await?;
    if party != Party::Owner || !state.editable_by_owner() {
        return Err(ServiceError::Denied(crate::auth::Denied::NotAllowed));
    }
    let form = dossier_form::parse(input).map_err(|(f, r)| invalid(f, r))?;
    let txn = db.begin().await?;
    bump(&txn, &d, version, |q| {
        q.col_expr(dossier::Column::FormJson, form_json(&form).into())
    })
    .await?;
    audit::append(
        &txn,
        dossier_entry(
            actor,
            AuditAction::DossierForm,
            d.id,
            "registration form saved".into(),
            ip,
        )
        .with("product", group_code_of(&txn, d.product_id).await?.0.name),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Applies a change to the dossier only if it is still at `version`, raising the version.
///
/// # Errors
/// `Conflict(Reason::ChangedMeanwhile)` when someone changed it since.
pub(crate) async fn bump(
    txn: &impl ConnectionTrait,
    d: &dossier::Model,
    version: i32,
    change: impl FnOnce(sea_orm::UpdateMany<dossier::Entity>) -> sea_orm::UpdateMany<dossier::Entity>,
) -> Result<(), ServiceError> {
    let update = dossier::Entity::update_many()
        .col_expr(dossier::Column::Version, (version + 1).into())
        .col_expr(dossier::Column::UpdatedAt, crate::clock::now().into())
        .filter(dossier::Column::Id.eq(d.id))
        .filter(dossier::Column::Version.eq(version));
    let updated = change(update).exec(txn).await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    Ok(())
}

/// The dossiers the actor works on: a producer their subject's, a commune officer their
/// commune's (drafts excluded), a provincial officer the forwarded ones; filtered, newest
/// change first. The scope is small (a province files hundreds a year), so it is folded in
/// memory after one query.
///
/// # Errors
/// `Denied` for anyone with no part in dossiers.
pub async fn browse(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &DossierFilter,
) -> Result<DossierList, ServiceError> {
    let Actor::User {
        role,
        commune_code,
        subject_id,
        ..
    } = actor
    else {
        return Err(ServiceError::Denied(crate::auth::Denied::SignInRequired));
    };
    use crate::auth::Role;
    let mut query = dossier::Entity::find().order_by_desc(dossier::Column::UpdatedAt);
    query = match (role, subject_id, commune_code) {
        (Role::Producer, Some(s), _) => query.filter(dossier::Column::SubjectId.eq(*s)),
        (Role::CommuneOfficer, _, Some(c)) => {
            query.filter(dossier::Column::CommuneCode.eq(c.as_str()))
        }
        (Role::ProvincialOfficer, _, _) => query,
        _ => return Err(ServiceError::Denied(crate::auth::Denied::NotAllowed)),
    };
    let all = query.all(db).await?;
    let products: HashMap<i32, product::Model> = by_id(
        product::Entity::find()
            .filter(product::Column::Id.is_in(all.iter().map(|d| d.product_id)))
            .all(db)
            .await?,
        |p| p.id,
    );
    let groups = crate::services::master_data::group_codes(db).await?;
    let group_of = |d: &dossier::Model| {
        products
            .get(&d.product_id)
            .and_then(|p| groups.get(&p.product_group_id))
            .cloned()
            .unwrap_or_default()
    };
    let visible: Vec<(dossier::Model, DossierState)> = all
        .into_iter()
        .filter_map(|d| {
            let state = d.state;
            let party = dossier_party(actor, d.subject_id, &d.commune_code)?;
            rules::visible_to(party, state).then_some((d, state))
        })
        .filter(|(d, _)| filter.commune_code.is_empty() || d.commune_code == filter.commune_code)
        .filter(|(d, _)| filter.cycle.is_empty() || d.cycle == filter.cycle)
        .filter(|(d, _)| {
            let code = group_of(d);
            filter.group_code.is_empty()
                || code == filter.group_code
                || code.starts_with(&format!("{}.", filter.group_code))
        })
        .collect();
    let mut counts: Vec<(DossierState, u64)> = Vec::new();
    for state in DossierState::ALL {
        let n = visible.iter().filter(|(_, s)| *s == state).count() as u64;
        if n > 0 {
            counts.push((state, n));
        }
    }
    let chosen: Vec<(dossier::Model, DossierState)> = visible
        .into_iter()
        .filter(|(_, s)| filter.state.is_empty() || s.as_str() == filter.state)
        .collect();
    let total = chosen.len();
    let pages = total.div_ceil(DOSSIERS_PER_PAGE).max(1);
    let page = filter.page.clamp(1, pages);
    let subjects: HashMap<i32, String> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(chosen.iter().map(|(d, _)| d.subject_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let communes = commune_names(db).await?;
    let rows = chosen
        .into_iter()
        .skip((page - 1) * DOSSIERS_PER_PAGE)
        .take(DOSSIERS_PER_PAGE)
        .map(|(d, state)| DossierRow {
            id: d.id,
            product_name: products
                .get(&d.product_id)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            subject_name: subjects.get(&d.subject_id).cloned().unwrap_or_default(),
            commune_name: communes.get(&d.commune_code).cloned().unwrap_or_default(),
            group_code: group_of(&d),
            cycle: DossierCycle::parse(&d.cycle).unwrap_or(DossierCycle::FirstRecognition),
            state,
            submission_no: d.submission_no,
            updated_at: crate::domain::dates::time(d.updated_at),
        })
        .collect();
    Ok(DossierList {
        rows,
        counts,
        total,
        page,
        pages,
    })
}

/// The checklist of a product group (`group_code` of the product), in order, as it stood the
/// day the dossier was `started` (a later change to the checklist does not move its goalposts).
pub(crate) async fn checklist_for(
    db: &impl ConnectionTrait,
    group_code: &str,
    started: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<dossier_checklist_item::Model>, ServiceError> {
    let day = crate::domain::dates::day_in_vietnam(started);
    crate::services::master_data::checklist_edits::checklist_on(db, group_code, day).await
}

/// Completeness of a dossier's current document set against its checklist.
pub(crate) async fn completeness_of(
    db: &impl ConnectionTrait,
    d: &dossier::Model,
    items: &[dossier_checklist_item::Model],
) -> Result<Completeness, ServiceError> {
    let documents = dossier_document::Entity::find()
        .filter(dossier_document::Column::DossierId.eq(d.id))
        .all(db)
        .await?;
    let present: Vec<&str> = documents.iter().map(|doc| doc.item_code.as_str()).collect();
    Ok(checklist::completeness(
        items.iter().map(|i| (i.code.as_str(), i.mandatory)),
        &present,
    ))
}

/// The product's group code ("I.1.a"), for its checklist.
pub(crate) async fn group_code_of(
    db: &impl ConnectionTrait,
    product_id: i32,
) -> Result<(product::Model, product_group::Model), ServiceError> {
    let p = product::Entity::find_by_id(product_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let g = product_group::Entity::find_by_id(p.product_group_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((p, g))
}

pub(crate) fn form_of(d: &dossier::Model) -> DossierFormInput {
    serde_json::from_str(&d.form_json).unwrap_or_default()
}

fn form_json(form: &DossierFormInput) -> String {
    serde_json::to_string(form).unwrap_or_else(|_| "{}".to_owned())
}

pub(crate) fn dossier_entry(
    actor: &Actor,
    action: AuditAction,
    dossier_id: i32,
    summary: String,
    ip: Option<String>,
) -> Entry<'static> {
    Entry {
        actor_user_id: actor.user_id(),
        action,
        target_type: "dossier",
        target_id: Some(dossier_id.to_string()),
        summary,
        ip,
        details: Default::default(),
    }
}

/// A checklist item by its name in each language, for an audit entry (its code if unknown).
pub(crate) fn item_name(
    items: &[dossier_checklist_item::Model],
    code: &str,
) -> crate::domain::audit_details::Value {
    items.iter().find(|i| i.code == code).map_or_else(
        || code.into(),
        |i| crate::domain::audit_details::Value::both(&i.name_vi, &i.name_en),
    )
}

pub(crate) fn by_id<T, K: std::hash::Hash + Eq>(
    rows: Vec<T>,
    key: impl Fn(&T) -> K,
) -> HashMap<K, T> {
    rows.into_iter().map(|r| (key(&r), r)).collect()
}
