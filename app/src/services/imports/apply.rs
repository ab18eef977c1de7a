//! Carrying out a plan inside the import's transaction: subjects, products and certificates
//! created or changed row by row, each with an `import_record` (what it was before, what the
//! row said); then every product that got a certificate has its certificates chained by date
//! (an older one superseded by the next) and carries the latest one's stars.
use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Datelike, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;

use crate::domain::certificate;
use crate::domain::status::SubjectStatus;
use crate::domain::text::fold;
use crate::entities::{certificate as cert, import_record, product, subject};
use crate::services::ServiceError;
use crate::services::certificates::register::CertificateSettings;

use super::plan::{Act, Plan, PlannedRow, Ref};

/// Shown as the source of what an import created.
pub const DATA_SOURCE: &str = "import";

/// Certificate numbers handed out by this import: every number taken (read once) and the
/// next sequence number of each year (counted once per year), so each new certificate costs
/// no query of its own.
struct Numbers<'a> {
    format: &'a str,
    taken: HashSet<String>,
    next: HashMap<i32, u32>,
}

impl Numbers<'_> {
    async fn load<'a>(
        db: &impl ConnectionTrait,
        settings: &'a CertificateSettings,
    ) -> Result<Numbers<'a>, ServiceError> {
        let taken = cert::Entity::find()
            .select_only()
            .column(cert::Column::Number)
            .into_tuple::<String>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        Ok(Numbers {
            format: &settings.number_format,
            taken,
            next: HashMap::new(),
        })
    }

    async fn next(&mut self, db: &impl ConnectionTrait, year: i32) -> Result<String, ServiceError> {
        let seq = match self.next.get(&year) {
            Some(seq) => *seq,
            None => {
                let first = chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
                let last = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
                let count = cert::Entity::find()
                    .filter(cert::Column::DecisionDate.between(first, last))
                    .count(db)
                    .await?;
                u32::try_from(count).unwrap_or(u32::MAX - 1) + 1
            }
        };
        let mut seq = seq;
        let number = loop {
            let candidate = certificate::number(self.format, year, seq);
            seq = seq.saturating_add(1);
            if self.taken.insert(candidate.clone()) {
                break candidate;
            }
        };
        self.next.insert(year, seq);
        Ok(number)
    }
}

struct Ids {
    subjects: HashMap<usize, i32>,
    products: HashMap<usize, i32>,
    certificates: HashMap<usize, i32>,
}

impl Ids {
    fn subject(&self, r: Ref) -> Option<i32> {
        match r {
            Ref::Existing(id) => Some(id),
            Ref::Planned(n) => self.subjects.get(&n).copied(),
        }
    }

    fn product(&self, r: Ref) -> Option<i32> {
        match r {
            Ref::Existing(id) => Some(id),
            Ref::Planned(n) => self.products.get(&n).copied(),
        }
    }
}

fn lost() -> ServiceError {
    ServiceError::Db(sea_orm::DbErr::Custom("import plan out of order".into()))
}

/// Runs `plan` as batch `batch_id`.
///
/// # Errors
/// A database error.
pub async fn apply(
    db: &impl ConnectionTrait,
    plan: &Plan,
    batch_id: i32,
    settings: &CertificateSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let mut ids = Ids {
        subjects: HashMap::new(),
        products: HashMap::new(),
        certificates: HashMap::new(),
    };
    let mut touched = BTreeSet::new();
    let mut numbers = Numbers::load(db, settings).await?;
    // Numbers the file gives are reserved before any is generated.
    numbers
        .taken
        .extend(plan.certificates.values().filter_map(|c| c.number.clone()));
    for row in &plan.rows {
        let said = serde_json::to_string(&row.data.said).unwrap_or_default();
        let record = |entity: &str, id: i32, action: &str, before: Option<serde_json::Value>| {
            import_record::ActiveModel {
                batch_id: Set(batch_id),
                row_number: Set(i32::try_from(row.data.row).unwrap_or(i32::MAX)),
                sheet: Set(row.data.sheet.chars().take(64).collect()),
                entity: Set(entity.to_owned()),
                entity_id: Set(id),
                action: Set(action.to_owned()),
                before: Set(before.map(|b| b.to_string())),
                said: Set(said.clone()),
                ..Default::default()
            }
        };
        for act in &row.acts {
            let (entity, id, action, before) = match act {
                Act::NewSubject(n) => {
                    let (id, version) = new_subject(db, plan, *n, now).await?;
                    ids.subjects.insert(*n, id);
                    (
                        "subject",
                        id,
                        "created",
                        Some(json!({ "version_after": version })),
                    )
                }
                Act::UpdateSubject(id) => {
                    let before = update_subject(db, plan, *id).await?;
                    follow_commune(db, batch_id, row, *id, &before).await?;
                    ("subject", *id, "updated", Some(before))
                }
                Act::NewProduct(n) => {
                    let (id, version) = new_product(db, plan, &ids, *n, now).await?;
                    ids.products.insert(*n, id);
                    (
                        "product",
                        id,
                        "created",
                        Some(json!({ "version_after": version })),
                    )
                }
                Act::UpdateProduct(id) => {
                    let before = update_product(db, plan, *id).await?;
                    ("product", *id, "updated", Some(before))
                }
                Act::NewCertificate(n) => {
                    let c = new_certificate(db, plan, &ids, row, *n, &mut numbers, now).await?;
                    ids.certificates.insert(*n, c.id);
                    touched.insert(c.product_id);
                    ("certificate", c.id, "created", None)
                }
                Act::UpdateCertificate(id) => {
                    let (before, product_id) = update_certificate(db, plan, *id).await?;
                    touched.insert(product_id);
                    ("certificate", *id, "updated", Some(before))
                }
            };
            record(entity, id, action, before).insert(db).await?;
        }
    }
    for product_id in touched {
        chain(db, batch_id, product_id).await?;
    }
    Ok(())
}

async fn new_subject(
    db: &impl ConnectionTrait,
    plan: &Plan,
    n: usize,
    now: DateTime<Utc>,
) -> Result<(i32, i32), ServiceError> {
    let s = plan.subjects.get(&Ref::Planned(n)).ok_or_else(lost)?;
    Ok(subject::ActiveModel {
        name: Set(s.name.clone()),
        subject_type: Set(s.kind.clone()),
        commune_code: Set(s.commune_code.clone()),
        address: Set(s.address.clone()),
        tax_code: Set(s.tax_code.clone()),
        phone: Set(s.phone.clone()),
        legal_representative: Set(s.representative.clone()),
        data_source: Set(DATA_SOURCE.to_owned()),
        created_at: Set(now),
        status: Set(SubjectStatus::Active),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|s| (s.id, s.version))?)
}

async fn update_subject(
    db: &impl ConnectionTrait,
    plan: &Plan,
    id: i32,
) -> Result<serde_json::Value, ServiceError> {
    let s = plan.subjects.get(&Ref::Existing(id)).ok_or_else(lost)?;
    let model = subject::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let before = json!({
        "subject_type": model.subject_type,
        "commune_code": model.commune_code,
        "address": model.address,
        "tax_code": model.tax_code,
        "phone": model.phone,
        "legal_representative": model.legal_representative,
        "version_after": model.version + 1,
    });
    let version = model.version;
    let mut active: subject::ActiveModel = model.into();
    active.subject_type = Set(s.kind.clone());
    active.commune_code = Set(s.commune_code.clone());
    active.address = Set(s.address.clone());
    active.tax_code = Set(s.tax_code.clone());
    active.phone = Set(s.phone.clone());
    active.legal_representative = Set(s.representative.clone());
    active.version = Set(version + 1);
    active.update(db).await?;
    Ok(before)
}

async fn new_product(
    db: &impl ConnectionTrait,
    plan: &Plan,
    ids: &Ids,
    n: usize,
    now: DateTime<Utc>,
) -> Result<(i32, i32), ServiceError> {
    let p = plan.products.get(&Ref::Planned(n)).ok_or_else(lost)?;
    let s = plan.subjects.get(&p.subject).ok_or_else(lost)?;
    Ok(product::ActiveModel {
        name: Set(p.name.clone()),
        name_folded: Set(fold(&p.name)),
        subject_id: Set(ids.subject(p.subject).ok_or_else(lost)?),
        product_group_id: Set(p.group_id),
        commune_code: Set(s.commune_code.clone()),
        data_source: Set(DATA_SOURCE.to_owned()),
        note: Set(p.note.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|p| (p.id, p.version))?)
}

async fn update_product(
    db: &impl ConnectionTrait,
    plan: &Plan,
    id: i32,
) -> Result<serde_json::Value, ServiceError> {
    let p = plan.products.get(&Ref::Existing(id)).ok_or_else(lost)?;
    let model = product::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let before =
        json!({ "product_group_id": model.product_group_id, "version_after": model.version + 1 });
    let version = model.version;
    let mut active: product::ActiveModel = model.into();
    active.product_group_id = Set(p.group_id);
    active.version = Set(version + 1);
    active.update(db).await?;
    Ok(before)
}

async fn new_certificate(
    db: &impl ConnectionTrait,
    plan: &Plan,
    ids: &Ids,
    row: &PlannedRow,
    n: usize,
    numbers: &mut Numbers<'_>,
    now: DateTime<Utc>,
) -> Result<cert::Model, ServiceError> {
    let c = plan.certificates.get(&Ref::Planned(n)).ok_or_else(lost)?;
    let product_id = ids.product(c.product).ok_or_else(lost)?;
    let subject_id = row.subject.and_then(|s| ids.subject(s)).ok_or_else(lost)?;
    let number = match &c.number {
        Some(n) => {
            numbers.taken.insert(n.clone());
            n.clone()
        }
        None => numbers.next(db, c.decided.year()).await?,
    };
    let score = c.score.unwrap_or(0);
    Ok(cert::ActiveModel {
        number: Set(number),
        round_id: Set(None),
        dossier_id: Set(None),
        product_id: Set(product_id),
        subject_id: Set(subject_id),
        stars: Set(i16::from(c.stars)),
        score: Set(i32::try_from(score).unwrap_or(0)),
        decision_number: Set(c.decision_number.clone()),
        decision_date: Set(c.decided),
        valid_from: Set(c.decided),
        valid_until: Set(certificate::valid_until(c.decided)),
        national: Set(score >= 900 || c.stars == 5),
        // Only the Ministry certifies 5★: a row of the province's list saying so records it.
        by_ministry: Set(c.stars == 5),
        revoked_on: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

async fn update_certificate(
    db: &impl ConnectionTrait,
    plan: &Plan,
    id: i32,
) -> Result<(serde_json::Value, i32), ServiceError> {
    let c = plan.certificates.get(&Ref::Existing(id)).ok_or_else(lost)?;
    let model = cert::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let before = json!({
        "stars": model.stars,
        "score": model.score,
        "decision_number": model.decision_number,
        "decision_date": model.decision_date,
    });
    let product_id = model.product_id;
    let mut active: cert::ActiveModel = model.into();
    active.stars = Set(i16::from(c.stars));
    if let Some(score) = c.score {
        active.score = Set(i32::try_from(score).unwrap_or(0));
    }
    active.decision_number = Set(c.decision_number.clone());
    active.decision_date = Set(c.decided);
    active.valid_from = Set(c.decided);
    active.valid_until = Set(certificate::valid_until(c.decided));
    let after = active.update(db).await?;
    let mut before = before;
    before["after"] = left(&after);
    Ok((before, product_id))
}

/// What an update left on a certificate (undo checks nobody changed it since).
pub fn left(c: &cert::Model) -> serde_json::Value {
    json!({
        "stars": c.stars,
        "decision_number": c.decision_number,
        "decision_date": c.decision_date,
        "superseded_by": c.superseded_by,
    })
}

/// A subject moved to another commune takes along its products that were in the old one
/// (each recorded for undo).
async fn follow_commune(
    db: &impl ConnectionTrait,
    batch_id: i32,
    row: &PlannedRow,
    subject_id: i32,
    before: &serde_json::Value,
) -> Result<(), ServiceError> {
    let old = before
        .get("commune_code")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default();
    let Some(now) = subject::Entity::find_by_id(subject_id)
        .one(db)
        .await?
        .map(|s| s.commune_code)
    else {
        return Ok(());
    };
    if old == now {
        return Ok(());
    }
    for p in product::Entity::find()
        .filter(product::Column::SubjectId.eq(subject_id))
        .filter(product::Column::CommuneCode.eq(old))
        .all(db)
        .await?
    {
        let (id, version) = (p.id, p.version);
        let mut active: product::ActiveModel = p.into();
        active.commune_code = Set(now.clone());
        active.version = Set(version + 1);
        active.update(db).await?;
        import_record::ActiveModel {
            batch_id: Set(batch_id),
            row_number: Set(i32::try_from(row.data.row).unwrap_or(i32::MAX)),
            sheet: Set(row.data.sheet.chars().take(64).collect()),
            entity: Set("product".to_owned()),
            entity_id: Set(id),
            action: Set("updated".to_owned()),
            before: Set(Some(
                json!({ "commune_code": old, "version_after": version + 1 }).to_string(),
            )),
            said: Set("{}".to_owned()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Chains a product's certificates by decision date (each superseded by the next, where none
/// was set) and gives the product the latest one's stars and year; each change is recorded.
async fn chain(
    db: &impl ConnectionTrait,
    batch_id: i32,
    product_id: i32,
) -> Result<(), ServiceError> {
    let certs = cert::Entity::find()
        .filter(cert::Column::ProductId.eq(product_id))
        .filter(cert::Column::RevokedOn.is_null())
        .order_by_asc(cert::Column::DecisionDate)
        .order_by_asc(cert::Column::Id)
        .all(db)
        .await?;
    let record = |entity: &str, id: i32, before: serde_json::Value| import_record::ActiveModel {
        batch_id: Set(batch_id),
        row_number: Set(0),
        sheet: Set(String::new()),
        entity: Set(entity.to_owned()),
        entity_id: Set(id),
        action: Set("updated".to_owned()),
        before: Set(Some(before.to_string())),
        said: Set("{}".to_owned()),
        ..Default::default()
    };
    // Each certificate superseded by the next by date, the latest by none of them: rebuilt
    // whole, so a date moved by a corrected file cannot leave two pointing at each other.
    let ids: Vec<i32> = certs.iter().map(|c| c.id).collect();
    for (i, c) in certs.iter().enumerate() {
        let wanted = match certs.get(i + 1) {
            Some(next) => Some(next.id),
            // A latest certificate keeps a pointer to one outside this chain (a revoked one).
            None => c.superseded_by.filter(|s| !ids.contains(s)),
        };
        if c.superseded_by != wanted {
            let mut active: cert::ActiveModel = c.clone().into();
            active.superseded_by = Set(wanted);
            let after = active.update(db).await?;
            record(
                "certificate",
                c.id,
                json!({ "superseded_by": c.superseded_by, "after": left(&after) }),
            )
            .insert(db)
            .await?;
        }
    }
    let Some(latest) = certs.last() else {
        return Ok(());
    };
    let p = product::Entity::find_by_id(product_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let year = i16::try_from(latest.decision_date.year()).ok();
    if p.stars != Some(latest.stars) || p.certified_year != year {
        record(
            "product",
            p.id,
            json!({ "stars": p.stars, "certified_year": p.certified_year, "version_after": p.version }),
        )
        .insert(db)
        .await?;
        let mut active: product::ActiveModel = p.into();
        active.stars = Set(Some(latest.stars));
        active.certified_year = Set(year);
        active.update(db).await?;
    }
    Ok(())
}
