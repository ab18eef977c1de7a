//! Product labels: a subject's members enter the label's content item by item and upload its
//! artwork (every version kept); the subject's commune officers and the province read the same
//! page and see the same check in the dossier. The check is `domain::label` against the
//! label checklist (master data, `label_checklist`).
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::status::SubjectStatus;
use std::collections::BTreeMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use crate::auth::{Action, Actor};
use crate::domain::certificate;
use crate::domain::label::{self as rules, CertificateFacts, MarkClaim};
use crate::entities::{label_artwork, product, product_group, product_label, stored_file, subject};
use crate::models::traceability::labels::{
    ArtworkView, LabelCertificate, LabelItemView, LabelSummary, ProductLabelView,
};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::certificates::register::CertificateSettings;
use crate::services::files::store::FileStore;
use crate::services::files::uploads::{self, Purpose, Upload, UploadLimits};
use crate::services::guards::subject as check;
use crate::services::input::invalid;
use crate::services::traceability::label_checklist::{self, ActiveItem};

/// Longest text of one label item.
const MAX_ITEM_CHARS: usize = 1000;

struct Loaded {
    product: product::Model,
    subject: subject::Model,
    group: Option<product_group::Model>,
}

async fn load(db: &impl ConnectionTrait, product_id: i32) -> Result<Loaded, ServiceError> {
    let (product, subject) = product::Entity::find_by_id(product_id)
        .find_also_related(subject::Entity)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let subject = subject.ok_or(ServiceError::NotFound)?;
    let group = product_group::Entity::find_by_id(product.product_group_id)
        .one(db)
        .await?;
    Ok(Loaded {
        product,
        subject,
        group,
    })
}

/// What the label check needs of a product: its items with values, and the mark's result.
struct Checked {
    items: Vec<(ActiveItem, String, rules::Status)>,
    label: Option<product_label::Model>,
    certificate: Option<LabelCertificate>,
    facts: Option<CertificateFacts>,
    mark: rules::MarkCheck,
}

async fn checked(
    db: &impl ConnectionTrait,
    loaded: &Loaded,
    today: chrono::NaiveDate,
    settings: &CertificateSettings,
) -> Result<Checked, ServiceError> {
    let group_code = loaded.group.as_ref().map_or("", |g| g.code.as_str());
    let label = product_label::Entity::find_by_id(loaded.product.id)
        .one(db)
        .await?;
    let content = label.as_ref().map(content_of).unwrap_or_default();
    let items = label_checklist::active(db)
        .await?
        .into_iter()
        .filter(|a| rules::applies_to(&a.item.groups, group_code))
        .map(|a| {
            let value = content.get(&a.item.code).cloned().unwrap_or_default();
            let status = rules::check_value(&a.item, &value);
            (a, value, status)
        })
        .collect();
    let current = crate::services::certificates::register::current(db, loaded.product.id).await?;
    let facts = current.as_ref().map(|c| CertificateFacts {
        stars: u8::try_from(c.stars).unwrap_or_default(),
        validity: certificate::validity(
            c.valid_until,
            c.revoked_on.is_some(),
            today,
            settings.expiring_within_days,
        ),
    });
    let claim = MarkClaim {
        shows_mark: label.as_ref().is_some_and(|l| l.shows_ocop_mark),
        stars: label
            .as_ref()
            .and_then(|l| l.shown_stars)
            .and_then(|s| u8::try_from(s).ok()),
    };
    let certificate = current.zip(facts).map(|(c, f)| LabelCertificate {
        number: c.number,
        stars: f.stars,
        status: f.validity.as_str().to_owned(),
        valid_until: crate::domain::dates::date(c.valid_until),
    });
    Ok(Checked {
        items,
        label,
        certificate,
        facts,
        mark: rules::mark_check(claim, facts),
    })
}

fn content_of(label: &product_label::Model) -> BTreeMap<String, String> {
    serde_json::from_str(&label.content_json).unwrap_or_default()
}

/// A product's label page.
///
/// # Errors
/// `Denied` for anyone but the subject's members, its commune's officers and the province;
/// `NotFound`.
pub async fn for_product(
    db: &DatabaseConnection,
    actor: &Actor,
    product_id: i32,
    today: chrono::NaiveDate,
    settings: &CertificateSettings,
    limits: &UploadLimits,
) -> Result<ProductLabelView, ServiceError> {
    let loaded = load(db, product_id).await?;
    check(actor, Action::ViewSubject, &loaded.subject)?;
    let may_edit = check(actor, Action::EditSubject, &loaded.subject).is_ok()
        && loaded.subject.status == SubjectStatus::Active;
    let c = checked(db, &loaded, today, settings).await?;
    Ok(ProductLabelView {
        product_id,
        product_name: loaded.product.name.clone(),
        group_code: loaded
            .group
            .as_ref()
            .map(|g| g.code.clone())
            .unwrap_or_default(),
        group_name: loaded.group.map(|g| g.name_vi).unwrap_or_default(),
        items: c
            .items
            .into_iter()
            .map(|(a, value, status)| LabelItemView {
                item: a.item,
                basis: a.basis,
                value,
                status,
            })
            .collect(),
        shows_mark: c.label.as_ref().is_some_and(|l| l.shows_ocop_mark),
        shown_stars: c
            .label
            .as_ref()
            .and_then(|l| l.shown_stars)
            .and_then(|s| u8::try_from(s).ok()),
        certificate: c.certificate,
        certificate_facts: c.facts,
        mark: c.mark,
        artworks: artworks(db, product_id).await?,
        version: c.label.map_or(0, |l| l.version),
        may_edit,
        documents: crate::services::traceability::public_documents::choices(db, actor, product_id)
            .await?,
        max_upload_mb: limits.max_bytes / (1024 * 1024),
    })
}

async fn artworks(
    db: &impl ConnectionTrait,
    product_id: i32,
) -> Result<Vec<ArtworkView>, ServiceError> {
    let rows = label_artwork::Entity::find()
        .filter(label_artwork::Column::ProductId.eq(product_id))
        .order_by_desc(label_artwork::Column::VersionNo)
        .find_also_related(stored_file::Entity)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(a, file)| ArtworkView {
            file_id: a.file_id,
            version_no: a.version_no,
            name: file
                .as_ref()
                .map(|f| f.original_name.clone())
                .unwrap_or_default(),
            is_image: file.is_some_and(|f| f.media_type.starts_with("image/")),
            uploaded_at: crate::domain::dates::time(a.uploaded_at),
        })
        .collect())
}

/// The label's result for a dossier of the product (the caller has checked access).
///
/// # Errors
/// `NotFound`; a database error.
pub async fn summary(
    db: &impl ConnectionTrait,
    product_id: i32,
    today: chrono::NaiveDate,
    settings: &CertificateSettings,
) -> Result<LabelSummary, ServiceError> {
    let loaded = load(db, product_id).await?;
    let c = checked(db, &loaded, today, settings).await?;
    let names = |wanted: fn(rules::Status) -> bool| {
        c.items
            .iter()
            .filter(|(_, _, status)| wanted(*status))
            .map(|(a, _, _)| (a.item.name_vi.clone(), a.item.name_en.clone()))
            .collect::<Vec<_>>()
    };
    Ok(LabelSummary {
        product_id,
        entered: c.label.is_some(),
        applicable: c.items.len(),
        missing: names(|s| s == rules::Status::Missing),
        malformed: names(|s| matches!(s, rules::Status::Malformed(_))),
        mark: c.mark,
        artwork_versions: usize::try_from(
            label_artwork::Entity::find()
                .filter(label_artwork::Column::ProductId.eq(product_id))
                .count(db)
                .await?,
        )
        .unwrap_or(usize::MAX),
    })
}

/// What the public product page shows of the label: the items filled in, in checklist order,
/// as (Vietnamese name, English name, text).
///
/// # Errors
/// A database error.
pub async fn public_facts(
    db: &impl ConnectionTrait,
    product: &product::Model,
) -> Result<Vec<(String, String, String)>, ServiceError> {
    let Some(label) = product_label::Entity::find_by_id(product.id)
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let items = label_checklist::active(db)
        .await?
        .into_iter()
        .map(|a| (a.item.code, a.item.name_vi, a.item.name_en));
    Ok(facts_shown(&label.content_json, items))
}

/// The items of the label's content (`content_json`) filled in, in the order of the active
/// checklist `items` — (code, Vietnamese name, English name) — as (Vietnamese name, English
/// name, text).
pub fn facts_shown(
    content_json: &str,
    items: impl IntoIterator<Item = (String, String, String)>,
) -> Vec<(String, String, String)> {
    let content: BTreeMap<String, String> = serde_json::from_str(content_json).unwrap_or_default();
    items
        .into_iter()
        .filter_map(|(code, name_vi, name_en)| {
            let value = content.get(&code)?.trim().to_owned();
            (!value.is_empty()).then_some((name_vi, name_en, value))
        })
        .collect()
}

/// What a producer sends from the label form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelInput {
    /// Item code → text; codes that do not apply to the product are dropped.
    pub content: BTreeMap<String, String>,
    pub shows_mark: bool,
    /// As typed; required (1–5) when the mark is shown.
    pub shown_stars: String,
    /// The version the form was loaded with (0 for a first save).
    pub version: i32,
}

/// Saves the label's content; returns the new version. Faults of the checklist are not
/// refused — they are what the page reports — but texts are bounded.
///
/// # Errors
/// `Denied` unless the actor is an active member of the subject; `NotFound`; `Invalid`
/// (`shown_stars`, `content`); `Conflict(Reason::ChangedMeanwhile)` when the label changed since the form loaded.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    product_id: i32,
    input: LabelInput,
) -> Result<i32, ServiceError> {
    let loaded = load(db, product_id).await?;
    check(actor, Action::EditSubject, &loaded.subject)?;
    let stars = match (input.shows_mark, input.shown_stars.trim()) {
        (false, _) => None,
        (true, "") => return Err(invalid("shown_stars", Reason::Required)),
        (true, s) => Some(
            s.parse::<i16>()
                .ok()
                .filter(|n| (1..=5).contains(n))
                .ok_or_else(|| invalid("shown_stars", Reason::StarsRange))?,
        ),
    };
    if input
        .content
        .values()
        .any(|v| v.chars().count() > MAX_ITEM_CHARS)
    {
        return Err(invalid("content", Reason::TooLong));
    }
    let group_code = loaded.group.as_ref().map_or("", |g| g.code.as_str());
    let applicable: Vec<String> = label_checklist::active(db)
        .await?
        .into_iter()
        .filter(|a| rules::applies_to(&a.item.groups, group_code))
        .map(|a| a.item.code)
        .collect();
    let content: BTreeMap<String, String> = input
        .content
        .into_iter()
        .filter(|(code, value)| applicable.contains(code) && !value.trim().is_empty())
        .map(|(code, value)| (code, value.trim().to_owned()))
        .collect();
    let content_json =
        serde_json::to_string(&content).map_err(|_| invalid("content", Reason::Invalid))?;
    let by = actor.user_id();
    let txn = db.begin().await?;
    let existing = product_label::Entity::find_by_id(product_id)
        .one(&txn)
        .await?;
    let version = match existing {
        Some(old) if old.version != input.version => {
            return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
        }
        None if input.version != 0 => return Err(ServiceError::Conflict(Reason::ChangedMeanwhile)),
        Some(old) => {
            let version = old.version + 1;
            let mut row: product_label::ActiveModel = old.into();
            row.content_json = Set(content_json);
            row.shows_ocop_mark = Set(input.shows_mark);
            row.shown_stars = Set(stars);
            row.version = Set(version);
            row.updated_by = Set(by);
            row.updated_at = Set(crate::clock::now());
            row.update(&txn).await?;
            version
        }
        None => {
            product_label::ActiveModel {
                product_id: Set(product_id),
                content_json: Set(content_json),
                shows_ocop_mark: Set(input.shows_mark),
                shown_stars: Set(stars),
                version: Set(1),
                updated_by: Set(by),
                updated_at: Set(crate::clock::now()),
            }
            .insert(&txn)
            .await?;
            1
        }
    };
    audit::append(
        &txn,
        entry(
            actor,
            AuditAction::LabelSave,
            product_id,
            format!("{}: label v{version}", loaded.product.name),
        )
        .with("product", &loaded.product.name)
        .with("version", version),
    )
    .await?;
    txn.commit().await?;
    Ok(version)
}

/// Adds a version of the label artwork (image or PDF); returns its number.
///
/// # Errors
/// As `save`; `Invalid` (`file`) for a refused file.
pub async fn add_artwork(
    db: &DatabaseConnection,
    files: &dyn FileStore,
    limits: &UploadLimits,
    actor: &Actor,
    product_id: i32,
    upload: Upload,
) -> Result<i32, ServiceError> {
    let loaded = load(db, product_id).await?;
    check(actor, Action::EditSubject, &loaded.subject)?;
    // The file first (an image is decoded and encoded again): no transaction is open yet.
    let file = uploads::store(
        db,
        files,
        limits,
        upload,
        (loaded.subject.id, actor.user_id()),
        Purpose::LabelArtwork,
    )
    .await?;
    let txn = db.begin().await?;
    let last = label_artwork::Entity::find()
        .filter(label_artwork::Column::ProductId.eq(product_id))
        .order_by_desc(label_artwork::Column::VersionNo)
        .one(&txn)
        .await?
        .map_or(0, |a| a.version_no);
    let version_no = last + 1;
    label_artwork::ActiveModel {
        product_id: Set(product_id),
        file_id: Set(file.id),
        version_no: Set(version_no),
        uploaded_by: Set(actor.user_id()),
        uploaded_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        entry(
            actor,
            AuditAction::LabelArtworkAdd,
            product_id,
            format!(
                "{}: artwork v{version_no} {}",
                loaded.product.name, file.original_name
            ),
        )
        .with("product", &loaded.product.name)
        .with("file", &file.original_name),
    )
    .await?;
    txn.commit().await?;
    Ok(version_no)
}

fn entry(actor: &Actor, action: AuditAction, product_id: i32, summary: String) -> Entry<'static> {
    Entry {
        actor_user_id: actor.user_id(),
        action,
        target_type: "product",
        target_id: Some(product_id.to_string()),
        summary,
        ip: None,
        details: Default::default(),
    }
}
