//! The facts a report or the dashboard counts, loaded for a locality in a fixed number of
//! queries whatever the data's size (products, subjects, groups, certificates, dossiers, their
//! first submissions, ideas): the counting itself is `domain::report`'s, in memory.
use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::domain::report::{CertFact, CertKind, Received};
use crate::domain::trade_event::{Participation, TradeFact};
use crate::entities::{
    certificate, dossier, dossier_version, product, product_group, product_idea, subject,
    trade_event, trade_participation,
};
use crate::services::ServiceError;

pub use crate::domain::report::PROVINCE_CODE;

/// A certificate with the commune and group of its product.
#[derive(Clone, Debug)]
pub struct CertRecord {
    pub commune: String,
    pub product_id: i32,
    pub fact: CertFact,
}

#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub certificates: Vec<CertRecord>,
    /// Ideas by the day they were filed; dossiers by the day first submitted.
    pub ideas: Vec<(String, Received)>,
    pub dossiers: Vec<(String, Received)>,
    /// Active subjects: commune, type, day registered.
    pub subjects: Vec<(String, String, NaiveDate)>,
    /// Products' places at trade-promotion events, by the product's commune.
    pub trade: Vec<(String, TradeFact)>,
}

impl Facts {
    /// The facts split by commune, in one pass.
    pub fn by_commune(&self) -> HashMap<String, Facts> {
        self.by_unit(&HashMap::new())
    }

    /// The facts split by the unit each commune leads to in `unit_of` (a commune not in it
    /// stands for itself), in one pass.
    pub fn by_unit(&self, unit_of: &HashMap<String, String>) -> HashMap<String, Facts> {
        let key = |commune: &String| unit_of.get(commune).unwrap_or(commune).clone();
        let mut split: HashMap<String, Facts> = HashMap::new();
        for c in &self.certificates {
            split
                .entry(key(&c.commune))
                .or_default()
                .certificates
                .push(c.clone());
        }
        for (commune, r) in &self.ideas {
            split
                .entry(key(commune))
                .or_default()
                .ideas
                .push((commune.clone(), r.clone()));
        }
        for (commune, r) in &self.dossiers {
            split
                .entry(key(commune))
                .or_default()
                .dossiers
                .push((commune.clone(), r.clone()));
        }
        for s in &self.subjects {
            split.entry(key(&s.0)).or_default().subjects.push(s.clone());
        }
        for (commune, t) in &self.trade {
            split
                .entry(key(commune))
                .or_default()
                .trade
                .push((commune.clone(), t.clone()));
        }
        split
    }

    pub fn cert_facts(&self) -> Vec<CertFact> {
        self.certificates.iter().map(|c| c.fact.clone()).collect()
    }

    pub fn received(list: &[(String, Received)]) -> Vec<Received> {
        list.iter().map(|(_, r)| r.clone()).collect()
    }

    pub fn trade_facts(&self) -> Vec<TradeFact> {
        self.trade.iter().map(|(_, t)| t.clone()).collect()
    }

    pub fn subject_dates(&self) -> Vec<(String, NaiveDate)> {
        self.subjects
            .iter()
            .map(|(_, kind, day)| (kind.clone(), *day))
            .collect()
    }
}

/// A product's commune and group by id, and each group's top group and sub-group.
type ProductsAndGroups = (HashMap<i32, (String, i32)>, HashMap<i32, (String, String)>);

async fn products_and_groups(
    db: &impl ConnectionTrait,
    commune: Option<&str>,
) -> Result<ProductsAndGroups, ServiceError> {
    let mut products = product::Entity::find()
        .select_only()
        .column(product::Column::Id)
        .column(product::Column::CommuneCode)
        .column(product::Column::ProductGroupId);
    if let Some(code) = commune {
        products = products.filter(product::Column::CommuneCode.eq(code));
    }
    let products: HashMap<i32, (String, i32)> = products
        .into_tuple::<(i32, String, i32)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, commune, group)| (id, (commune, group)))
        .collect();
    let groups: HashMap<i32, (String, String)> = product_group::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|g| {
            // Codes are paths: "I.1.a" is in sub-group "I.1" of group "I".
            let top = g.code.split('.').next().unwrap_or_default().to_owned();
            let sub = g.code.split('.').take(2).collect::<Vec<_>>().join(".");
            (g.id, (top, sub))
        })
        .collect();

    Ok((products, groups))
}

/// A subject: id, commune, kind, registered at, status.
type SubjectRow = (i32, String, String, chrono::DateTime<chrono::Utc>, String);

/// The subjects of `commune` (and those elsewhere with a product there), or all.
async fn subjects_of(
    db: &impl ConnectionTrait,
    commune: Option<&str>,
) -> Result<Vec<SubjectRow>, ServiceError> {
    let mut subjects = subject::Entity::find()
        .select_only()
        .column(subject::Column::Id)
        .column(subject::Column::CommuneCode)
        .column(subject::Column::SubjectType)
        .column(subject::Column::CreatedAt)
        .column(subject::Column::Status);
    if let Some(code) = commune {
        // Its own subjects, and those elsewhere with a product here.
        subjects = subjects.filter(
            Condition::any()
                .add(subject::Column::CommuneCode.eq(code))
                .add(
                    subject::Column::Id.in_subquery(
                        Query::select()
                            .column(product::Column::SubjectId)
                            .from(product::Entity)
                            .and_where(product::Column::CommuneCode.eq(code))
                            .to_owned(),
                    ),
                ),
        );
    }
    Ok(subjects.into_tuple().all(db).await?)
}

/// A participation: event, product, state, participated, sales, contracts.
type ParticipationRow = (i32, i32, String, Option<bool>, Option<i64>, Option<i32>);

/// The places at trade events of `products` (those of the scope), by the product's commune.
async fn trade_of(
    db: &impl ConnectionTrait,
    commune: Option<&str>,
    products: &HashMap<i32, (String, i32)>,
) -> Result<Vec<(String, TradeFact)>, ServiceError> {
    let mut rows = trade_participation::Entity::find()
        .select_only()
        .column(trade_participation::Column::EventId)
        .column(trade_participation::Column::ProductId)
        .column(trade_participation::Column::State)
        .column(trade_participation::Column::Participated)
        .column(trade_participation::Column::SalesVnd)
        .column(trade_participation::Column::Contracts);
    if let Some(code) = commune {
        rows = rows.filter(
            trade_participation::Column::ProductId.in_subquery(
                Query::select()
                    .column(product::Column::Id)
                    .from(product::Entity)
                    .and_where(product::Column::CommuneCode.eq(code))
                    .to_owned(),
            ),
        );
    }
    let rows: Vec<ParticipationRow> = rows.into_tuple().all(db).await?;
    // Events are few (tens a year): all of their start days at once.
    let starts: HashMap<i32, NaiveDate> = trade_event::Entity::find()
        .select_only()
        .column(trade_event::Column::Id)
        .column(trade_event::Column::StartsOn)
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(
            |(event_id, product_id, state, participated, sales_vnd, contracts)| {
                let (commune, _) = products.get(&product_id)?;
                Some((
                    commune.clone(),
                    TradeFact {
                        event_id,
                        product_id,
                        starts_on: *starts.get(&event_id)?,
                        state: Participation::parse(&state)?,
                        participated,
                        sales_vnd,
                        contracts,
                    },
                ))
            },
        )
        .collect())
}

/// Loads the facts of `scope`: a commune's code, or `PROVINCE_CODE` for all.
///
/// # Errors
/// A database error.
pub async fn load(db: &impl ConnectionTrait, scope: &str) -> Result<Facts, ServiceError> {
    let commune = (scope != PROVINCE_CODE).then_some(scope);
    let (products, groups) = products_and_groups(db, commune).await?;
    let subjects = subjects_of(db, commune).await?;
    let trade = trade_of(db, commune, &products).await?;
    let subject_types: HashMap<i32, String> = subjects
        .iter()
        .map(|(id, _, kind, _, _)| (*id, kind.clone()))
        .collect();

    let mut certificates = certificate::Entity::find();
    let mut dossiers = dossier::Entity::find()
        .select_only()
        .column(dossier::Column::Id)
        .column(dossier::Column::CommuneCode)
        .column(dossier::Column::State)
        .column(dossier::Column::Cycle);
    let mut ideas = product_idea::Entity::find()
        .select_only()
        .column(product_idea::Column::CommuneCode)
        .column(product_idea::Column::CreatedAt)
        .column(product_idea::Column::State);
    let mut first_versions = dossier_version::Entity::find()
        .select_only()
        .column(dossier_version::Column::DossierId)
        .column(dossier_version::Column::CreatedAt)
        .filter(dossier_version::Column::Number.eq(1));
    if let Some(code) = commune {
        certificates = certificates.filter(
            certificate::Column::ProductId.in_subquery(
                Query::select()
                    .column(product::Column::Id)
                    .from(product::Entity)
                    .and_where(product::Column::CommuneCode.eq(code))
                    .to_owned(),
            ),
        );
        dossiers = dossiers.filter(dossier::Column::CommuneCode.eq(code));
        ideas = ideas.filter(product_idea::Column::CommuneCode.eq(code));
        first_versions = first_versions.filter(
            dossier_version::Column::DossierId.in_subquery(
                Query::select()
                    .column(dossier::Column::Id)
                    .from(dossier::Entity)
                    .and_where(dossier::Column::CommuneCode.eq(code))
                    .to_owned(),
            ),
        );
    }
    let certificates = certificates.all(db).await?;
    let dossiers: Vec<(i32, String, String, String)> = dossiers.into_tuple().all(db).await?;
    let first_versions: HashMap<i32, chrono::DateTime<chrono::Utc>> = first_versions
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let ideas: Vec<(String, chrono::DateTime<chrono::Utc>, String)> =
        ideas.into_tuple().all(db).await?;

    let cycles: HashMap<i32, &str> = dossiers
        .iter()
        .map(|(id, _, _, cycle)| (*id, cycle.as_str()))
        .collect();
    // The stars of the certificate each one replaced.
    let replaced: HashMap<i32, i16> = certificates
        .iter()
        .filter_map(|c| c.superseded_by.map(|next| (next, c.stars)))
        .collect();
    let certificates = certificates
        .iter()
        .filter_map(|c| {
            let (commune, group_id) = products.get(&c.product_id)?;
            let (group, subgroup) = groups.get(group_id).cloned().unwrap_or_default();
            let cycle = c.dossier_id.and_then(|d| cycles.get(&d).copied());
            Some(CertRecord {
                commune: commune.clone(),
                product_id: c.product_id,
                fact: CertFact {
                    stars: c.stars,
                    kind: CertKind::of(c.stars, replaced.get(&c.id).copied(), cycle),
                    group,
                    subgroup,
                    subject_type: subject_types
                        .get(&c.subject_id)
                        .cloned()
                        .unwrap_or_default(),
                    decided: c.decision_date,
                    valid_until: c.valid_until,
                    revoked_on: c.revoked_on,
                    superseded: c.superseded_by.is_some(),
                    national: c.national,
                },
            })
        })
        .collect();
    Ok(Facts {
        certificates,
        ideas: ideas
            .into_iter()
            .map(|(commune, at, state)| {
                (
                    commune,
                    Received {
                        on: crate::domain::dates::day_in_vietnam(at),
                        state,
                    },
                )
            })
            .collect(),
        dossiers: dossiers
            .into_iter()
            .filter_map(|(id, commune, state, _)| {
                let first = first_versions.get(&id)?;
                Some((
                    commune,
                    Received {
                        on: crate::domain::dates::day_in_vietnam(*first),
                        state,
                    },
                ))
            })
            .collect(),
        subjects: subjects
            .into_iter()
            .filter(|(_, commune_code, _, _, status)| {
                status == "active" && commune.is_none_or(|c| c == commune_code)
            })
            .map(|(_, commune, kind, at, _)| {
                (commune, kind, crate::domain::dates::day_in_vietnam(at))
            })
            .collect(),
        trade,
    })
}
