//! Production lots and their events: a subject's members record lots of their products and add
//! events to the timeline (from a phone, in a few taps); the subject's commune officers and the
//! province read them; anyone reads the public trace of a lot of an active subject.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::status::SubjectStatus;
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use crate::auth::{Action, Actor, Denied};
use crate::domain::{digital_link, lot as rules};
use crate::entities::{admin_unit, lot, lot_event, lot_event_input, subject};
use crate::models::traceability::lots::{
    EventInput, EventView, LotInput, LotRow, LotView, ProductLots,
};
use crate::services::audit::{self, Entry};
use crate::services::input::invalid;
use crate::services::{ServiceError, guards};

async fn lot_and_subject(
    db: &DatabaseConnection,
    lot_id: i32,
) -> Result<(lot::Model, subject::Model), ServiceError> {
    let found = lot::Entity::find_by_id(lot_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (_, s) = guards::product_and_subject(db, found.product_id).await?;
    Ok((found, s))
}

fn entry(by: i32, action: AuditAction, lot_id: i32, summary: String) -> Entry<'static> {
    Entry {
        actor_user_id: Some(by),
        action,
        target_type: "lot",
        target_id: Some(lot_id.to_string()),
        summary,
        ip: None,
        details: Default::default(),
    }
}

/// The lots of a product, newest first.
///
/// # Errors
/// `Denied` for anyone who may not view the subject; `NotFound`.
pub async fn for_product(
    db: &DatabaseConnection,
    actor: &Actor,
    product_id: i32,
) -> Result<ProductLots, ServiceError> {
    let (p, s) = guards::product_and_subject(db, product_id).await?;
    guards::subject(actor, Action::ViewSubject, &s)?;
    let lots = lot::Entity::find()
        .filter(lot::Column::ProductId.eq(product_id))
        .order_by_desc(lot::Column::ProducedOn)
        .order_by_desc(lot::Column::Id)
        .all(db)
        .await?;
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for e in lot_event::Entity::find()
        .filter(lot_event::Column::LotId.is_in(lots.iter().map(|l| l.id)))
        .all(db)
        .await?
    {
        *counts.entry(e.lot_id).or_default() += 1;
    }
    let may_edit = guards::subject(actor, Action::EditSubject, &s).is_ok();
    let communes = if may_edit {
        crate::services::master_data::units::list_units(
            db,
            crate::models::master_data::units::UnitFilter::CurrentCommunes,
            "",
        )
        .await?
        .into_iter()
        .map(|u| (u.code, u.name))
        .collect()
    } else {
        Vec::new()
    };
    Ok(ProductLots {
        product_id,
        communes,
        product_name: p.name,
        commune_code: s.commune_code.clone(),
        may_edit,
        lots: lots
            .into_iter()
            .map(|l| LotRow {
                event_count: counts.get(&l.id).copied().unwrap_or(0),
                id: l.id,
                code: l.code,
                produced_on: crate::domain::dates::date(l.produced_on),
                expires_on: l.expires_on.map(crate::domain::dates::date),
                quantity: l.quantity,
                unit: l.unit,
            })
            .collect(),
    })
}

/// Records a lot of a product of the actor's subject; returns its id.
///
/// # Errors
/// `Denied` for anyone but the subject's active members; `NotFound`; `Invalid` for a wrong
/// field, `code`/`lot_taken` when the product already has a lot of that code, or
/// `origin_commune_code`/`unknown_commune`.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    product_id: i32,
    input: &LotInput,
) -> Result<i32, ServiceError> {
    let (p, s) = guards::product_and_subject(db, product_id).await?;
    guards::subject(actor, Action::EditSubject, &s)?;
    let by = actor
        .user_id()
        .ok_or(ServiceError::Denied(Denied::SignInRequired))?;
    let facts = rules::parse_lot(input).map_err(|(f, r)| invalid(f, r))?;
    if let Some(code) = &facts.origin_commune_code
        && admin_unit::Entity::find()
            .filter(admin_unit::Column::Code.eq(code))
            .one(db)
            .await?
            .is_none()
    {
        return Err(invalid("origin_commune_code", Reason::UnknownCommune));
    }
    let taken = lot::Entity::find()
        .filter(lot::Column::ProductId.eq(product_id))
        .filter(lot::Column::Code.eq(&facts.code))
        .one(db)
        .await?
        .is_some();
    if taken {
        return Err(invalid("code", Reason::LotTaken));
    }
    let txn = db.begin().await?;
    let created = lot::ActiveModel {
        product_id: Set(p.id),
        subject_id: Set(s.id),
        code: Set(facts.code.clone()),
        produced_on: Set(facts.produced_on),
        expires_on: Set(facts.expires_on),
        quantity: Set(facts.quantity),
        unit: Set(facts.unit),
        origin_commune_code: Set(facts.origin_commune_code),
        origin_note: Set(facts.origin_note),
        created_by: Set(by),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let summary = format!("{} — {}", p.name, facts.code);
    audit::append(
        &txn,
        entry(by, AuditAction::LotCreate, created.id, summary)
            .with("code", &facts.code)
            .with("product", &p.name),
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Adds an event to a lot of the actor's subject; returns its id.
///
/// # Errors
/// `Denied` for anyone but the subject's active members; `NotFound`; `Invalid` for a wrong
/// field or `inputs`/`unknown_lot` when an input is not another lot of the same subject.
pub async fn add_event(
    db: &DatabaseConnection,
    actor: &Actor,
    lot_id: i32,
    input: &EventInput,
) -> Result<i32, ServiceError> {
    let (found, s) = lot_and_subject(db, lot_id).await?;
    guards::subject(actor, Action::EditSubject, &s)?;
    let by = actor
        .user_id()
        .ok_or(ServiceError::Denied(Denied::SignInRequired))?;
    let facts = rules::parse_event(input).map_err(|(f, r)| invalid(f, r))?;
    if !facts.inputs.is_empty() {
        let inputs = lot::Entity::find()
            .filter(lot::Column::Id.is_in(facts.inputs.iter().copied()))
            .filter(lot::Column::SubjectId.eq(s.id))
            .all(db)
            .await?;
        if inputs.len() != facts.inputs.len() || facts.inputs.contains(&lot_id) {
            return Err(invalid("inputs", Reason::UnknownLot));
        }
    }
    let happened_at = crate::domain::dates::from_local(facts.happened_at);
    let txn = db.begin().await?;
    let event = lot_event::ActiveModel {
        lot_id: Set(lot_id),
        kind: Set(facts.kind.as_str().to_owned()),
        happened_at: Set(happened_at),
        commune_code: Set(facts.commune_code),
        place: Set(facts.place),
        actor_name: Set(facts.actor_name),
        note: Set(facts.note),
        created_by: Set(by),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for input_lot in &facts.inputs {
        lot_event_input::ActiveModel {
            event_id: Set(event.id),
            input_lot_id: Set(*input_lot),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let summary = format!("{} {}", found.code, facts.kind.as_str());
    audit::append(
        &txn,
        entry(by, AuditAction::LotEvent, lot_id, summary)
            .with("event", facts.kind)
            .with("code", &found.code),
    )
    .await?;
    txn.commit().await?;
    Ok(event.id)
}

/// A lot with its timeline for those who may view its subject (the producer may add events).
///
/// # Errors
/// `Denied`; `NotFound`.
pub async fn detail(
    db: &DatabaseConnection,
    actor: &Actor,
    lot_id: i32,
    base: &str,
    today: chrono::NaiveDate,
    settings: &crate::services::certificates::register::CertificateSettings,
) -> Result<LotView, ServiceError> {
    let (found, s) = lot_and_subject(db, lot_id).await?;
    guards::subject(actor, Action::ViewSubject, &s)?;
    let mut view = view_of(db, found, base, today, settings).await?;
    view.may_edit = guards::subject(actor, Action::EditSubject, &s).is_ok();
    view.subject_commune_code = s.commune_code.clone();
    if view.may_edit {
        view.other_lots = lot::Entity::find()
            .filter(lot::Column::SubjectId.eq(s.id))
            .filter(lot::Column::Id.ne(lot_id))
            .order_by_desc(lot::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|l| (l.id, l.code))
            .collect();
    }
    Ok(view)
}

/// The public trace of a lot (what a lot's QR stamp opens).
///
/// # Errors
/// `NotFound` for an unknown lot or one of a subject that is not active.
pub async fn public_trace(
    db: &DatabaseConnection,
    lot_id: i32,
    base: &str,
    today: chrono::NaiveDate,
    settings: &crate::services::certificates::register::CertificateSettings,
) -> Result<LotView, ServiceError> {
    let (found, s) = lot_and_subject(db, lot_id).await?;
    if s.status != SubjectStatus::Active {
        return Err(ServiceError::NotFound);
    }
    view_of(db, found, base, today, settings).await
}

/// The lot of `product_id` with `code` (for the resolver).
///
/// # Errors
/// A database error.
pub async fn by_code(
    db: &DatabaseConnection,
    product_id: i32,
    code: &str,
) -> Result<Option<i32>, ServiceError> {
    Ok(lot::Entity::find()
        .filter(lot::Column::ProductId.eq(product_id))
        .filter(lot::Column::Code.eq(code))
        .one(db)
        .await?
        .map(|l| l.id))
}

async fn view_of(
    db: &DatabaseConnection,
    l: lot::Model,
    base: &str,
    today: chrono::NaiveDate,
    settings: &crate::services::certificates::register::CertificateSettings,
) -> Result<LotView, ServiceError> {
    let page = crate::services::traceability::public_product::product(
        db,
        l.product_id,
        base,
        today,
        settings,
    )
    .await;
    // The product page exists for active subjects; a pending one still shows its own lots.
    let (product_name, subject_name, commune_name, certificate, gtin) = match page {
        Ok(p) => (
            p.name,
            p.subject_name,
            p.commune_name,
            p.certificate,
            p.gtin,
        ),
        Err(ServiceError::NotFound) => {
            let (p, s) = guards::product_and_subject(db, l.product_id).await?;
            (p.name, s.name, String::new(), None, p.gtin)
        }
        Err(e) => return Err(e),
    };
    let events = lot_event::Entity::find()
        .filter(lot_event::Column::LotId.eq(l.id))
        .order_by_asc(lot_event::Column::HappenedAt)
        .order_by_asc(lot_event::Column::Id)
        .all(db)
        .await?;
    let inputs = lot_event_input::Entity::find()
        .filter(lot_event_input::Column::EventId.is_in(events.iter().map(|e| e.id)))
        .all(db)
        .await?;
    let input_codes: HashMap<i32, String> = lot::Entity::find()
        .filter(lot::Column::Id.is_in(inputs.iter().map(|i| i.input_lot_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|x| (x.id, x.code))
        .collect();
    let mut photos =
        crate::services::traceability::lot_photos::of_events(db, events.iter().map(|e| e.id))
            .await?;
    let codes = events
        .iter()
        .filter_map(|e| e.commune_code.clone())
        .chain(l.origin_commune_code.clone());
    let communes: HashMap<String, String> = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.is_in(codes))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.code, u.name))
        .collect();
    let link = gtin
        .as_deref()
        .and_then(|g| digital_link::for_gtin(g).ok())
        .map(|product| {
            digital_link::build(
                base,
                &digital_link::DigitalLink {
                    lot: Some(l.code.clone()),
                    ..product
                },
            )
        });
    Ok(LotView {
        max_upload_mb: crate::services::files::uploads::UploadLimits::default().max_bytes
            / (1024 * 1024),
        id: l.id,
        product_id: l.product_id,
        product_name,
        subject_id: l.subject_id,
        subject_name,
        commune_name,
        produced_on: crate::domain::dates::date(l.produced_on),
        expires_on: l.expires_on.map(crate::domain::dates::date),
        quantity: l.quantity,
        unit: l.unit,
        origin_commune_name: l
            .origin_commune_code
            .as_ref()
            .and_then(|c| communes.get(c).cloned()),
        origin_note: l.origin_note,
        events: events
            .into_iter()
            .map(|e| EventView {
                inputs: inputs
                    .iter()
                    .filter(|i| i.event_id == e.id)
                    .filter_map(|i| input_codes.get(&i.input_lot_id).cloned())
                    .collect(),
                photos: photos.remove(&e.id).unwrap_or_default(),
                id: e.id,
                kind: e.kind,
                happened_at: crate::domain::dates::time(e.happened_at),
                commune_name: e
                    .commune_code
                    .as_ref()
                    .and_then(|c| communes.get(c).cloned()),
                place: e.place,
                actor_name: e.actor_name,
                note: e.note,
            })
            .collect(),
        certificate,
        qr_svg: link.as_deref().and_then(crate::documents::qr::svg),
        digital_link: link,
        may_edit: false,
        other_lots: Vec::new(),
        code: l.code,
        subject_commune_code: String::new(),
        now_local: crate::domain::dates::local(crate::clock::now())
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
    })
}

/// The lot's sheet of QR stamps (PDF) and its file name. The QR code carries the lot's Digital
/// Link, or the lot's page for a product without a GTIN; the OCOP mark only while the
/// product's certificate is valid.
///
/// # Errors
/// As `detail`.
pub async fn stamps(
    db: &DatabaseConnection,
    actor: &Actor,
    lot_id: i32,
    base: &str,
    today: chrono::NaiveDate,
    settings: &crate::services::certificates::register::CertificateSettings,
    layout: crate::documents::stamp_sheet::Layout,
) -> Result<(String, Vec<u8>), ServiceError> {
    let view = detail(db, actor, lot_id, base, today, settings).await?;
    let stars = view
        .certificate
        .as_ref()
        .filter(|c| matches!(c.status.as_str(), "valid" | "expiring"))
        .map(|c| c.stars);
    let stamp = crate::documents::stamp_sheet::Stamp {
        link: view
            .digital_link
            .clone()
            .unwrap_or_else(|| format!("{base}/lots/{lot_id}")),
        product_name: view.product_name,
        lot_code: view.code.clone(),
        expires_on: view.expires_on,
        stars,
    };
    let bytes = crate::documents::stamp_sheet::render(&stamp, layout)?;
    Ok((
        format!("tem-qr-lo-{}.pdf", view.code.replace(['/', ' '], "-")),
        bytes,
    ))
}
