//! Taking an imported batch back as a whole, while nothing has been built on it: no account
//! joined a subject it created, no dossier, lot, label or photo was made for a product it
//! created, none of its certificates was revoked, and nobody has edited what it changed since.
//! Changes are undone newest first, then what it created is deleted.
use std::collections::{HashMap, HashSet};

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use serde_json::Value;

use crate::entities::{
    certificate as cert, dossier, import_record, label_artwork, lot, product, product_idea,
    product_label, product_photo, public_document, stored_file, subject, user_account,
};
use crate::services::ServiceError;

/// Why a batch cannot be undone (none: it can).
///
/// # Errors
/// A database error.
pub async fn blockers(
    db: &impl ConnectionTrait,
    batch_id: i32,
) -> Result<Vec<String>, ServiceError> {
    let records = import_record::Entity::find()
        .filter(import_record::Column::BatchId.eq(batch_id))
        .order_by_asc(import_record::Column::Id)
        .all(db)
        .await?;
    let created = |entity: &str| -> HashSet<i32> {
        records
            .iter()
            .filter(|r| r.entity == entity && r.action == "created")
            .map(|r| r.entity_id)
            .collect()
    };
    let (subjects, products, certs) = (
        created("subject"),
        created("product"),
        created("certificate"),
    );
    let mut why = Vec::new();
    if !subjects.is_empty() {
        let accounts = user_account::Entity::find()
            .filter(user_account::Column::SubjectId.is_in(subjects.iter().copied()))
            .count(db)
            .await?;
        if accounts > 0 {
            why.push(format!("accounts:{accounts}"));
        }
        let ideas = product_idea::Entity::find()
            .filter(product_idea::Column::SubjectId.is_in(subjects.iter().copied()))
            .count(db)
            .await?;
        if ideas > 0 {
            why.push(format!("ideas:{ideas}"));
        }
        let files = stored_file::Entity::find()
            .filter(stored_file::Column::SubjectId.is_in(subjects.iter().copied()))
            .count(db)
            .await?;
        if files > 0 {
            why.push(format!("files:{files}"));
        }
        let others = product::Entity::find()
            .filter(product::Column::SubjectId.is_in(subjects.iter().copied()))
            .filter(product::Column::Id.is_not_in(products.iter().copied()))
            .count(db)
            .await?;
        if others > 0 {
            why.push(format!("products:{others}"));
        }
    }
    if !products.is_empty() {
        let ids = || products.iter().copied();
        let built = dossier::Entity::find()
            .filter(dossier::Column::ProductId.is_in(ids()))
            .count(db)
            .await?
            + lot::Entity::find()
                .filter(lot::Column::ProductId.is_in(ids()))
                .count(db)
                .await?
            + product_label::Entity::find()
                .filter(product_label::Column::ProductId.is_in(ids()))
                .count(db)
                .await?
            + product_photo::Entity::find()
                .filter(product_photo::Column::ProductId.is_in(ids()))
                .count(db)
                .await?
            + label_artwork::Entity::find()
                .filter(label_artwork::Column::ProductId.is_in(ids()))
                .count(db)
                .await?
            + public_document::Entity::find()
                .filter(public_document::Column::ProductId.is_in(ids()))
                .count(db)
                .await?
            + cert::Entity::find()
                .filter(cert::Column::ProductId.is_in(ids()))
                .filter(cert::Column::Id.is_not_in(certs.iter().copied()))
                .count(db)
                .await?;
        if built > 0 {
            why.push(format!("product_records:{built}"));
        }
    }
    if !certs.is_empty() {
        let revoked = cert::Entity::find()
            .filter(cert::Column::Id.is_in(certs.iter().copied()))
            .filter(cert::Column::RevokedOn.is_not_null())
            .count(db)
            .await?;
        if revoked > 0 {
            why.push(format!("revoked:{revoked}"));
        }
    }
    why.extend(edited_since(db, &records).await?);
    Ok(why)
}

/// Records the batch wrote that someone changed since: for each record, the newest entry of
/// the batch says what it left (a subject's or product's version, a certificate's fields).
async fn edited_since(
    db: &impl ConnectionTrait,
    records: &[import_record::Model],
) -> Result<Vec<String>, ServiceError> {
    let mut left: HashMap<(&str, i32), Value> = HashMap::new();
    for r in records {
        if let Some(b) = r
            .before
            .as_deref()
            .and_then(|b| serde_json::from_str::<Value>(b).ok())
        {
            left.insert((r.entity.as_str(), r.entity_id), b);
        }
    }
    let ids = |entity: &str| -> Vec<i32> {
        left.keys()
            .filter(|(e, _)| *e == entity)
            .map(|(_, id)| *id)
            .collect()
    };
    let mut now: HashMap<(&str, i32), Value> = HashMap::new();
    for s in subject::Entity::find()
        .filter(subject::Column::Id.is_in(ids("subject")))
        .all(db)
        .await?
    {
        now.insert(("subject", s.id), serde_json::json!(s.version));
    }
    for p in product::Entity::find()
        .filter(product::Column::Id.is_in(ids("product")))
        .all(db)
        .await?
    {
        now.insert(("product", p.id), serde_json::json!(p.version));
    }
    for c in cert::Entity::find()
        .filter(cert::Column::Id.is_in(ids("certificate")))
        .all(db)
        .await?
    {
        now.insert(
            ("certificate", c.id),
            crate::services::imports::apply::left(&c),
        );
    }
    Ok(left
        .iter()
        .filter_map(|((entity, id), b)| {
            let expected = if *entity == "certificate" {
                b.get("after")
            } else {
                b.get("version_after")
            }?;
            let current = now.get(&(*entity, *id))?;
            (current != expected).then(|| format!("edited:{entity}:{id}"))
        })
        .collect())
}

/// Undoes batch `batch_id` (the caller checked the actor, the state and `blockers`).
///
/// # Errors
/// A database error.
pub async fn undo(db: &impl ConnectionTrait, batch_id: i32) -> Result<(), ServiceError> {
    let records = import_record::Entity::find()
        .filter(import_record::Column::BatchId.eq(batch_id))
        .order_by_desc(import_record::Column::Id)
        .all(db)
        .await?;
    for r in records.iter().filter(|r| r.action == "updated") {
        let before: Value = r
            .before
            .as_deref()
            .and_then(|b| serde_json::from_str(b).ok())
            .unwrap_or(Value::Null);
        restore(db, &r.entity, r.entity_id, &before).await?;
    }
    for entity in ["certificate", "product", "subject"] {
        let ids: Vec<i32> = records
            .iter()
            .filter(|r| r.entity == entity && r.action == "created")
            .map(|r| r.entity_id)
            .collect();
        if ids.is_empty() {
            continue;
        }
        match entity {
            "certificate" => {
                // Another certificate of the product may point at one going away.
                cert::Entity::update_many()
                    .col_expr(
                        cert::Column::SupersededBy,
                        sea_orm::sea_query::Expr::value(Option::<i32>::None),
                    )
                    .filter(cert::Column::SupersededBy.is_in(ids.clone()))
                    .exec(db)
                    .await?;
                cert::Entity::delete_many()
                    .filter(cert::Column::Id.is_in(ids))
                    .exec(db)
                    .await?;
            }
            "product" => {
                product::Entity::delete_many()
                    .filter(product::Column::Id.is_in(ids))
                    .exec(db)
                    .await?;
            }
            _ => {
                subject::Entity::delete_many()
                    .filter(subject::Column::Id.is_in(ids))
                    .exec(db)
                    .await?;
            }
        }
    }
    Ok(())
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn int(v: &Value, key: &str) -> Option<i64> {
    v.get(key).and_then(Value::as_i64)
}

/// Puts back the columns `before` holds, and the version the record had before the batch
/// wrote it (a form opened before the import saves again once it is undone).
async fn restore(
    db: &impl ConnectionTrait,
    entity: &str,
    id: i32,
    before: &Value,
) -> Result<(), ServiceError> {
    let has = |key: &str| before.get(key).is_some();
    let back = |version: i32| {
        int(before, "version_after")
            .and_then(|v| i32::try_from(v - 1).ok())
            .unwrap_or(version + 1)
    };
    match entity {
        "subject" => {
            let Some(s) = subject::Entity::find_by_id(id).one(db).await? else {
                return Ok(());
            };
            let version = s.version;
            let mut a: subject::ActiveModel = s.into();
            if let Some(kind) = text(before, "subject_type") {
                a.subject_type = Set(kind);
            }
            if let Some(code) = text(before, "commune_code") {
                a.commune_code = Set(code);
            }
            a.address = Set(text(before, "address"));
            a.tax_code = Set(text(before, "tax_code"));
            a.phone = Set(text(before, "phone"));
            a.legal_representative = Set(text(before, "legal_representative"));
            a.version = Set(back(version));
            a.update(db).await?;
        }
        "product" => {
            let Some(p) = product::Entity::find_by_id(id).one(db).await? else {
                return Ok(());
            };
            let version = p.version;
            let mut a: product::ActiveModel = p.into();
            if let Some(group) = int(before, "product_group_id").and_then(|g| i32::try_from(g).ok())
            {
                a.product_group_id = Set(group);
                a.version = Set(back(version));
            }
            if let Some(code) = text(before, "commune_code") {
                a.commune_code = Set(code);
                a.version = Set(back(version));
            }
            if has("stars") {
                a.stars = Set(int(before, "stars").and_then(|s| i16::try_from(s).ok()));
                a.certified_year =
                    Set(int(before, "certified_year").and_then(|y| i16::try_from(y).ok()));
            }
            a.update(db).await?;
        }
        _ => {
            let Some(c) = cert::Entity::find_by_id(id).one(db).await? else {
                return Ok(());
            };
            let mut a: cert::ActiveModel = c.into();
            if has("superseded_by") {
                a.superseded_by =
                    Set(int(before, "superseded_by").and_then(|s| i32::try_from(s).ok()));
            }
            if let Some(stars) = int(before, "stars").and_then(|s| i16::try_from(s).ok()) {
                a.stars = Set(stars);
            }
            if let Some(score) = int(before, "score").and_then(|s| i32::try_from(s).ok()) {
                a.score = Set(score);
            }
            if let Some(number) = text(before, "decision_number") {
                a.decision_number = Set(number);
            }
            if let Some(day) =
                text(before, "decision_date").and_then(|d| d.parse::<chrono::NaiveDate>().ok())
            {
                a.decision_date = Set(day);
                a.valid_from = Set(day);
                a.valid_until = Set(crate::domain::certificate::valid_until(day));
            }
            a.update(db).await?;
        }
    }
    Ok(())
}
