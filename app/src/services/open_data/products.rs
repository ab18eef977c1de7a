//! Certified products for partners: every product that has a certificate (valid, expiring,
//! expired or revoked — `listed` and the certificate's `status` say which), filtered by commune,
//! group, stars, validity on a day and time of last change, in pages by id.
use std::collections::HashMap;

use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::schema::{Certificate, Group, ProducerRef, Product, ProductPage, UnitRef};
use super::{Cursor, ListQuery, SYNC_MARGIN_MS, instant, paged};
use crate::domain::certificate::{EXPIRING_WITHIN_DAYS, validity};
use crate::domain::digital_link;
use crate::domain::status::SubjectStatus;
use crate::entities::{
    admin_unit, certificate as cert, product, product_change, product_group, product_photo, subject,
};
use crate::services::ServiceError;

/// A page of certified products matching `query`, as of `today`, with links on `base`.
///
/// # Errors
/// `Invalid` naming a wrong parameter; a database error.
pub async fn list(
    db: &DatabaseConnection,
    base: &str,
    query: &ListQuery,
    today: chrono::NaiveDate,
) -> Result<ProductPage, ServiceError> {
    let (commune, group, stars) = (query.commune()?, query.group()?, query.stars()?);
    let (valid_on, changed_since) = (query.valid_on()?, query.changed_since_ms()?);
    let (cursor, limit) = (query.cursor()?, query.limit()?);
    let tx = crate::db::snapshot(db).await?;
    let groups = product_group::Entity::find().all(&tx).await?;
    let certified = Query::select()
        .column(cert::Column::ProductId)
        .from(cert::Entity)
        .to_owned();
    let mut select = product::Entity::find()
        .filter(product::Column::Id.in_subquery(certified))
        .filter(product::Column::Id.gt(cursor.after));
    if let Some(commune) = &commune {
        select = select.filter(product::Column::CommuneCode.eq(commune.as_str()));
    }
    if let Some(group) = &group {
        let ids: Vec<i32> = groups
            .iter()
            .filter(|g| g.code == *group || g.code.starts_with(&format!("{group}.")))
            .map(|g| g.id)
            .collect();
        select = select.filter(product::Column::ProductGroupId.is_in(ids));
    }
    if let Some(stars) = stars {
        select = select.filter(product::Column::Stars.eq(stars));
    }
    if let Some(day) = valid_on {
        let valid = Query::select()
            .column(cert::Column::ProductId)
            .from(cert::Entity)
            .and_where(cert::Column::ValidFrom.lte(day))
            .and_where(cert::Column::ValidUntil.gte(day))
            .cond_where(
                Condition::any()
                    .add(cert::Column::RevokedOn.is_null())
                    .add(cert::Column::RevokedOn.gt(day)),
            )
            .to_owned();
        select = select.filter(product::Column::Id.in_subquery(valid));
    }
    if let Some(ms) = changed_since {
        // What changed by a write, and what the calendar changed: a certificate that expired
        // or entered its expiring window since then (a few more than changed, never fewer).
        let since_day = instant(ms).date_naive();
        let by_date = Query::select()
            .column(cert::Column::ProductId)
            .from(cert::Entity)
            .and_where(cert::Column::SupersededBy.is_null())
            .and_where(cert::Column::ValidUntil.gte(since_day - chrono::Days::new(1)))
            .and_where(
                cert::Column::ValidUntil
                    .lt(today + chrono::Days::new(EXPIRING_WITHIN_DAYS.unsigned_abs() + 1)),
            )
            .to_owned();
        select = select.filter(
            Condition::any()
                .add(
                    product::Column::Id.in_subquery(
                        Query::select()
                            .column(product_change::Column::ProductId)
                            .from(product_change::Entity)
                            .and_where(product_change::Column::ChangedMs.gte(ms))
                            .to_owned(),
                    ),
                )
                .add(product::Column::Id.in_subquery(by_date)),
        );
    }
    let rows = select
        .order_by_asc(product::Column::Id)
        .limit(limit + 1)
        .all(&tx)
        .await?;
    let (rows, next) = paged(rows, limit, |p| p.id);
    // The first page fixes where the next sync starts; later pages carry it in the cursor.
    let since_ms = match cursor.since_ms {
        Some(ms) => ms,
        None => newest_change(&tx)
            .await?
            .map_or(changed_since.unwrap_or(0), |newest| {
                (newest - SYNC_MARGIN_MS).max(0)
            }),
    };
    let data = described(&tx, base, rows, &groups, today).await?;
    tx.commit().await?;
    Ok(ProductPage {
        data,
        next_cursor: next.map(|after| {
            Cursor {
                after,
                since_ms: Some(since_ms),
            }
            .encode()
        }),
        next_changed_since: instant(since_ms),
    })
}

/// The newest change of any product (one step down an index).
async fn newest_change(db: &impl ConnectionTrait) -> Result<Option<i64>, ServiceError> {
    Ok(product_change::Entity::find()
        .select_only()
        .column(product_change::Column::ChangedMs)
        .order_by_desc(product_change::Column::ChangedMs)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?)
}

/// Every certified product, by id, read from one snapshot in chunks (the bulk files).
///
/// # Errors
/// A database error.
pub async fn all(
    db: &DatabaseConnection,
    base: &str,
    today: chrono::NaiveDate,
) -> Result<Vec<Product>, ServiceError> {
    const CHUNK: u64 = 500;
    let tx = crate::db::snapshot(db).await?;
    let groups = product_group::Entity::find().all(&tx).await?;
    let mut found = Vec::new();
    let mut after = 0;
    loop {
        let certified = Query::select()
            .column(cert::Column::ProductId)
            .from(cert::Entity)
            .to_owned();
        let rows = product::Entity::find()
            .filter(product::Column::Id.in_subquery(certified))
            .filter(product::Column::Id.gt(after))
            .order_by_asc(product::Column::Id)
            .limit(CHUNK)
            .all(&tx)
            .await?;
        let Some(last) = rows.last().map(|p| p.id) else {
            break;
        };
        after = last;
        found.extend(described(&tx, base, rows, &groups, today).await?);
    }
    tx.commit().await?;
    Ok(found)
}

/// What the bulk files are made from, as one value: the newest change and how many products
/// there are (a product deleted changes the count). Equal versions, equal files (on one day).
///
/// # Errors
/// A database error.
pub async fn version(db: &DatabaseConnection) -> Result<(i64, u64), ServiceError> {
    use sea_orm::PaginatorTrait;
    let newest = newest_change(db).await?.unwrap_or(0);
    Ok((newest, product::Entity::find().count(db).await?))
}

/// One certified product by id.
///
/// # Errors
/// `NotFound` for an unknown product or one never certified; a database error.
pub async fn one(
    db: &DatabaseConnection,
    base: &str,
    id: i32,
    today: chrono::NaiveDate,
) -> Result<Product, ServiceError> {
    let tx = crate::db::snapshot(db).await?;
    let row = product::Entity::find_by_id(id)
        .one(&tx)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let groups = product_group::Entity::find().all(&tx).await?;
    let found = described(&tx, base, vec![row], &groups, today).await?;
    tx.commit().await?;
    found
        .into_iter()
        .find(|p| p.certificate.is_some())
        .ok_or(ServiceError::NotFound)
}

/// The products of a page, with what they name, in a fixed number of queries.
async fn described(
    db: &impl ConnectionTrait,
    base: &str,
    rows: Vec<product::Model>,
    groups: &[product_group::Model],
    today: chrono::NaiveDate,
) -> Result<Vec<Product>, ServiceError> {
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let subjects: HashMap<i32, subject::Model> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(rows.iter().map(|p| p.subject_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let communes = unit_names(db, rows.iter().map(|p| p.commune_code.clone())).await?;
    let mut current: HashMap<i32, cert::Model> = HashMap::new();
    for c in cert::Entity::find()
        .filter(cert::Column::ProductId.is_in(ids.clone()))
        .filter(cert::Column::SupersededBy.is_null())
        .order_by_asc(cert::Column::DecisionDate)
        .order_by_asc(cert::Column::Id)
        .all(db)
        .await?
    {
        current.insert(c.product_id, c);
    }
    let changed: HashMap<i32, i64> = product_change::Entity::find()
        .filter(product_change::Column::ProductId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.product_id, c.changed_ms))
        .collect();
    let mut photos: HashMap<i32, Vec<String>> = HashMap::new();
    for photo in product_photo::Entity::find()
        .filter(product_photo::Column::ProductId.is_in(ids))
        .order_by_desc(product_photo::Column::IsCover)
        .order_by_asc(product_photo::Column::Sort)
        .order_by_asc(product_photo::Column::Id)
        .all(db)
        .await?
    {
        photos
            .entry(photo.product_id)
            .or_default()
            .push(format!("{base}/files/{}", photo.file_id));
    }
    Ok(rows
        .into_iter()
        .map(|p| {
            let producer = subjects.get(&p.subject_id);
            let public = producer.is_some_and(|s| s.status == SubjectStatus::Active);
            let certificate = current.remove(&p.id).map(|c| certificate(base, c, today));
            let photos = photos.remove(&p.id).unwrap_or_default();
            let found = Product {
                id: p.id,
                public,
                description: p.description,
                group: groups
                    .iter()
                    .find(|g| g.id == p.product_group_id)
                    .map(group),
                commune: UnitRef {
                    name: communes.get(&p.commune_code).cloned(),
                    code: p.commune_code,
                },
                producer: ProducerRef {
                    id: p.subject_id,
                    name: producer.map(|s| s.name.clone()).unwrap_or_default(),
                    kind: producer.map(|s| s.subject_type.clone()).unwrap_or_default(),
                },
                stars: p.stars,
                listed: p.listed_until.is_some_and(|until| until >= today),
                certificate,
                digital_link: p
                    .gtin
                    .as_deref()
                    .and_then(|g| digital_link::for_gtin(g).ok())
                    .map(|l| digital_link::build(base, &l)),
                gtin: p.gtin,
                url: format!("{base}/products/{}", p.id),
                photos,
                net_quantity: p.net_quantity,
                packaging: p.packaging,
                shelf_life: p.shelf_life,
                price_min: p.price_min,
                price_max: p.price_max,
                changed_at: instant(changed.get(&p.id).copied().unwrap_or(0)),
                name: p.name,
            };
            if public { found } else { withheld(found) }
        })
        .collect())
}

/// A product whose producer is hidden: what identifies it and its standing, nothing else.
fn withheld(p: Product) -> Product {
    Product {
        id: p.id,
        public: false,
        name: String::new(),
        description: None,
        group: None,
        commune: UnitRef {
            code: p.commune.code,
            name: None,
        },
        producer: ProducerRef {
            id: p.producer.id,
            name: String::new(),
            kind: String::new(),
        },
        stars: p.stars,
        listed: false,
        certificate: p.certificate,
        gtin: None,
        digital_link: None,
        url: p.url,
        photos: Vec::new(),
        net_quantity: None,
        packaging: None,
        shelf_life: None,
        price_min: None,
        price_max: None,
        changed_at: p.changed_at,
    }
}

/// The names of the units with these codes (the first unit of a code, as the catalogue does).
pub(super) async fn unit_names(
    db: &impl ConnectionTrait,
    codes: impl Iterator<Item = String>,
) -> Result<HashMap<String, String>, ServiceError> {
    let mut codes: Vec<String> = codes.collect();
    codes.sort();
    codes.dedup();
    let mut names = HashMap::new();
    for unit in admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.is_in(codes))
        .order_by_desc(admin_unit::Column::Id)
        .all(db)
        .await?
    {
        names.insert(unit.code, unit.name);
    }
    Ok(names)
}

pub(super) fn group(g: &product_group::Model) -> Group {
    Group {
        code: g.code.clone(),
        name_vi: g.name_vi.clone(),
        name_en: g.name_en.clone(),
        parent_code: g.parent_code.clone(),
    }
}

/// A certificate as published, its status as of `day`.
pub(super) fn certificate(base: &str, c: cert::Model, day: chrono::NaiveDate) -> Certificate {
    let revoked = c.revoked_on.is_some_and(|on| on <= day);
    Certificate {
        status: validity(c.valid_until, revoked, day, EXPIRING_WITHIN_DAYS)
            .as_str()
            .to_owned(),
        url: format!("{base}/certificates/{}", c.number),
        product_id: c.product_id,
        stars: c.stars,
        decision_number: c.decision_number,
        decision_date: c.decision_date,
        valid_from: c.valid_from,
        valid_until: c.valid_until,
        revoked_on: c.revoked_on,
        superseded: c.superseded_by.is_some(),
        number: c.number,
    }
}
