//! Whether producers keep their information complete (`domain::completeness`): each subject's
//! profile and products checked in a fixed number of queries, whatever the number of
//! subjects — the producer's home lists the gaps, the adoption figures count the subjects.
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::auth::{Actor, Denied, Role};
use crate::domain::completeness::{
    ProductFacts, ProductGap, SubjectFacts, SubjectGap, product_gaps, subject_gaps,
};
use crate::domain::dates::day_in_vietnam;
use crate::domain::label::check_label;
use crate::entities::{product, product_label, product_photo, subject};
use crate::models::producers::completeness::{CompletenessView, GapView, ProductGapsView};
use crate::models::reports::periodic::Text;
use crate::services::ServiceError;
use crate::services::traceability::label_checklist;

/// A subject's gaps, and each of its products' (in name order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubjectCompleteness {
    pub name: String,
    pub subject: Vec<SubjectGap>,
    pub products: Vec<(i32, String, Vec<ProductGap>)>,
}

impl SubjectCompleteness {
    pub fn complete(&self) -> bool {
        let products: Vec<Vec<ProductGap>> =
            self.products.iter().map(|(_, _, g)| g.clone()).collect();
        crate::domain::completeness::complete(&self.subject, &products)
    }
}

/// The gaps of subjects `ids`, or of every subject.
///
/// # Errors
/// A database error.
pub async fn of_subjects(
    db: &impl ConnectionTrait,
    ids: Option<&[i32]>,
    today: NaiveDate,
) -> Result<HashMap<i32, SubjectCompleteness>, ServiceError> {
    let mut subjects = subject::Entity::find();
    let mut products = product::Entity::find().order_by_asc(product::Column::Name);
    if let Some(ids) = ids {
        subjects = subjects.filter(subject::Column::Id.is_in(ids.to_vec()));
        products = products.filter(product::Column::SubjectId.is_in(ids.to_vec()));
    }
    let subjects = subjects.all(db).await?;
    let products = products.all(db).await?;
    let product_ids: Vec<i32> = products.iter().map(|p| p.id).collect();
    let photos: HashMap<i32, u32> = product_photo::Entity::find()
        .select_only()
        .column(product_photo::Column::ProductId)
        .filter(product_photo::Column::ProductId.is_in(product_ids.clone()))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .fold(HashMap::new(), |mut counts, id| {
            *counts.entry(id).or_default() += 1;
            counts
        });
    let labels: HashMap<i32, product_label::Model> = product_label::Entity::find()
        .filter(product_label::Column::ProductId.is_in(product_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.product_id, l))
        .collect();
    let groups = crate::services::master_data::group_codes(db).await?;
    let items: Vec<_> = label_checklist::active(db)
        .await?
        .into_iter()
        .map(|a| a.item)
        .collect();

    let mut out: HashMap<i32, SubjectCompleteness> = subjects
        .into_iter()
        .map(|s| {
            let facts = SubjectFacts {
                subject_type: s.subject_type.clone(),
                address: s.address.clone(),
                phone: s.phone.clone(),
                email: s.email.clone(),
                legal_representative: s.legal_representative.clone(),
                introduction: s.introduction.clone(),
            };
            let gaps = SubjectCompleteness {
                name: s.name.clone(),
                subject: subject_gaps(&facts),
                products: Vec::new(),
            };
            (s.id, gaps)
        })
        .collect();
    for p in products {
        let label = labels.get(&p.id);
        let group = groups.get(&p.product_group_id).map_or("", String::as_str);
        let content: BTreeMap<String, String> = label
            .map(|l| serde_json::from_str(&l.content_json).unwrap_or_default())
            .unwrap_or_default();
        let checks = check_label(&items, group, &content);
        let faults = checks.iter().filter(|c| c.status.is_fault()).count();
        // A group no label item applies to (tourism services) needs no label.
        let label_faults = (label.is_some() || checks.is_empty())
            .then(|| u32::try_from(faults).unwrap_or(u32::MAX));
        // The latest of the product's own change and its label's.
        let updated = [
            Some(p.created_at),
            p.updated_at,
            label.map(|l| l.updated_at),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(p.created_at);
        let facts = ProductFacts {
            description: p.description.clone(),
            photos: photos.get(&p.id).copied().unwrap_or(0),
            gtin: p.gtin.clone(),
            label_faults,
            updated_on: day_in_vietnam(updated),
        };
        if let Some(s) = out.get_mut(&p.subject_id) {
            s.products.push((p.id, p.name, product_gaps(&facts, today)));
        }
    }
    Ok(out)
}

fn gap_view(key: &str, (vi, en): (&str, &str), href: String) -> GapView {
    GapView {
        key: key.to_owned(),
        label: Text::new(vi, en),
        href,
    }
}

/// What the signed-in producer's subject and products lack.
///
/// # Errors
/// `Denied` for anyone but a producer with a subject; `NotFound`; a database error.
pub async fn mine(
    db: &impl ConnectionTrait,
    actor: &Actor,
    today: NaiveDate,
) -> Result<CompletenessView, ServiceError> {
    let subject_id = match actor {
        Actor::User {
            role: Role::Producer,
            subject_id: Some(id),
            ..
        } => *id,
        Actor::User { .. } => return Err(ServiceError::Denied(Denied::NotAllowed)),
        Actor::Anonymous => return Err(ServiceError::Denied(Denied::SignInRequired)),
    };
    let mut all = of_subjects(db, Some(&[subject_id]), today).await?;
    let s = all.remove(&subject_id).ok_or(ServiceError::NotFound)?;
    let products_total = s.products.len();
    Ok(CompletenessView {
        subject_name: s.name,
        subject: s
            .subject
            .iter()
            .map(|g| {
                gap_view(
                    g.as_str(),
                    g.label(),
                    format!("/producer/subject#{}", g.field()),
                )
            })
            .collect(),
        products: s
            .products
            .into_iter()
            .filter(|(_, _, gaps)| !gaps.is_empty())
            .map(|(id, name, gaps)| ProductGapsView {
                id,
                name,
                gaps: gaps
                    .iter()
                    .map(|g| gap_view(g.as_str(), g.label(), g.href(id)))
                    .collect(),
            })
            .collect(),
        products_total,
    })
}
