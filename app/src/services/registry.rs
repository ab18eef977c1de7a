//! The officials' registries: the subjects and products of a commune (its officers) or of any
//! commune (the province), searched without diacritics, filtered by certificate status, paged,
//! and exported as XLSX. A fixed number of queries whatever the size.
use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::auth::{Action, Actor, Resource, Role, allowed};
use crate::domain::certificate;
use crate::domain::text::fold;
use crate::entities::{certificate as cert, product, subject, user_account};
use crate::models::registry::{
    ProductEntry, REGISTRY_PAGE, RegistryFilter, RegistryPage, SubjectEntry,
};
use crate::services::ServiceError;
use crate::services::master_data::units::in_force;

/// The commune the lists are narrowed to: a commune officer's own whatever is asked; the
/// province's choice (none: every commune). Checks the actor may see it.
fn scope(actor: &Actor, filter: &RegistryFilter) -> Result<Option<String>, ServiceError> {
    let code = match actor {
        Actor::User {
            role: Role::CommuneOfficer,
            commune_code: Some(code),
            ..
        } => Some(code.clone()),
        _ => Some(filter.commune.trim().to_owned()).filter(|c| !c.is_empty()),
    };
    let resource = code.as_deref().map_or(Resource::Nothing, Resource::Commune);
    allowed(actor, Action::ViewRegistry, resource).map_err(ServiceError::Denied)?;
    Ok(code)
}

fn matches(words: &[String], text: &str) -> bool {
    let text = fold(text);
    words.iter().all(|w| text.contains(w.as_str()))
}

fn words(query: &str) -> Vec<String> {
    fold(query)
        .split_whitespace()
        .take(8)
        .map(str::to_owned)
        .collect()
}

fn page_of<T>(
    rows: Vec<T>,
    filter: RegistryFilter,
    communes: Vec<(String, String)>,
    scope_name: String,
) -> RegistryPage<T> {
    let total = rows.len();
    let pages = total.div_ceil(REGISTRY_PAGE).max(1);
    let page = filter.page.clamp(1, pages);
    RegistryPage {
        rows: rows
            .into_iter()
            .skip((page - 1) * REGISTRY_PAGE)
            .take(REGISTRY_PAGE)
            .collect(),
        total,
        page,
        pages,
        filter: RegistryFilter { page, ..filter },
        communes,
        scope_name,
    }
}

struct Scope {
    code: Option<String>,
    names: HashMap<String, String>,
    communes: Vec<(String, String)>,
    /// A commune officer (no choice of commune).
    officer: bool,
}

async fn load_scope(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &RegistryFilter,
) -> Result<Scope, ServiceError> {
    let code = scope(actor, filter)?;
    let communes = in_force(db, &["commune"]).await?;
    let names = communes.iter().cloned().collect();
    Ok(Scope {
        code,
        names,
        communes,
        officer: matches!(
            actor,
            Actor::User {
                role: Role::CommuneOfficer,
                ..
            }
        ),
    })
}

/// Every product matching the filter, by name (for the page and the export); `Denied` for
/// anyone but the province and the commune's own officers.
async fn product_entries(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &RegistryFilter,
    today: NaiveDate,
    window: i64,
) -> Result<(Vec<ProductEntry>, Scope), ServiceError> {
    let scope = load_scope(db, actor, filter).await?;
    let mut query = product::Entity::find().order_by_asc(product::Column::NameFolded);
    if let Some(code) = &scope.code {
        query = query.filter(product::Column::CommuneCode.eq(code.clone()));
    }
    let products = query.all(db).await?;
    let subjects: HashMap<i32, subject::Model> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(products.iter().map(|p| p.subject_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let groups = crate::services::master_data::group_codes(db).await?;
    // The latest certificate of each product (by decision date).
    let mut latest: HashMap<i32, cert::Model> = HashMap::new();
    for c in cert::Entity::find()
        .filter(cert::Column::ProductId.is_in(products.iter().map(|p| p.id)))
        .order_by_asc(cert::Column::DecisionDate)
        .order_by_asc(cert::Column::Id)
        .all(db)
        .await?
    {
        latest.insert(c.product_id, c);
    }
    let words = words(&filter.query);
    let rows = products
        .into_iter()
        .filter_map(|p| {
            let s = subjects.get(&p.subject_id)?;
            let c = latest.get(&p.id);
            let status = c.map_or("none", |c| {
                certificate::validity(c.valid_until, c.revoked_on.is_some(), today, window).as_str()
            });
            let wanted = match filter.status.as_str() {
                "certified" => matches!(status, "valid" | "expiring"),
                "lapsed" => matches!(status, "expired" | "revoked"),
                "none" => status == "none",
                _ => true,
            };
            let text = format!(
                "{} {} {}",
                p.name,
                s.name,
                s.tax_code.as_deref().unwrap_or_default()
            );
            (wanted && matches(&words, &text)).then(|| ProductEntry {
                id: p.id,
                commune_name: scope
                    .names
                    .get(&p.commune_code)
                    .cloned()
                    .unwrap_or_else(|| p.commune_code.clone()),
                group_code: groups.get(&p.product_group_id).cloned().unwrap_or_default(),
                stars: c.map(|c| c.stars),
                status: status.to_owned(),
                valid_until: c
                    .map(|c| crate::domain::dates::date(c.valid_until))
                    .unwrap_or_default(),
                certificate: c.map(|c| c.number.clone()).unwrap_or_default(),
                subject_id: s.id,
                subject_name: s.name.clone(),
                source: p.data_source.clone(),
                name: p.name,
            })
        })
        .collect();
    Ok((rows, scope))
}

/// A page of the products registry.
///
/// # Errors
/// As `product_entries`.
pub async fn products(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: RegistryFilter,
    today: NaiveDate,
    window: i64,
) -> Result<RegistryPage<ProductEntry>, ServiceError> {
    let (rows, scope) = product_entries(db, actor, &filter, today, window).await?;
    Ok(finish(rows, filter, scope))
}

fn finish<T>(rows: Vec<T>, mut filter: RegistryFilter, scope: Scope) -> RegistryPage<T> {
    filter.commune = scope.code.clone().unwrap_or_default();
    let scope_name = scope.code.as_ref().map_or_else(
        || "Tỉnh Lạng Sơn".to_owned(),
        |c| scope.names.get(c).cloned().unwrap_or_default(),
    );
    let communes = if scope.officer {
        Vec::new()
    } else {
        scope.communes
    };
    page_of(rows, filter, communes, scope_name)
}

/// A page of the subjects registry.
///
/// # Errors
/// As `product_entries`.
pub async fn subjects(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: RegistryFilter,
    today: NaiveDate,
) -> Result<RegistryPage<SubjectEntry>, ServiceError> {
    let scope = load_scope(db, actor, &filter).await?;
    let mut query = subject::Entity::find().order_by_asc(subject::Column::Name);
    if let Some(code) = &scope.code {
        query = query.filter(subject::Column::CommuneCode.eq(code.clone()));
    }
    let subjects = query.all(db).await?;
    let ids: Vec<i32> = subjects.iter().map(|s| s.id).collect();
    let products = product::Entity::find()
        .filter(product::Column::SubjectId.is_in(ids.clone()))
        .all(db)
        .await?;
    let mut counts: HashMap<i32, (usize, usize)> = HashMap::new();
    for p in &products {
        let entry = counts.entry(p.subject_id).or_default();
        entry.0 += 1;
        if p.listed_until.is_some_and(|until| until >= today) {
            entry.1 += 1;
        }
    }
    let mut members: HashMap<i32, usize> = HashMap::new();
    for a in user_account::Entity::find()
        .filter(user_account::Column::SubjectId.is_in(ids))
        .all(db)
        .await?
    {
        if let Some(s) = a.subject_id {
            *members.entry(s).or_default() += 1;
        }
    }
    let words = words(&filter.query);
    let rows = subjects
        .into_iter()
        .filter(|s| {
            let text = format!("{} {}", s.name, s.tax_code.as_deref().unwrap_or_default());
            matches(&words, &text)
        })
        .map(|s| {
            let (n, certified) = counts.get(&s.id).copied().unwrap_or_default();
            SubjectEntry {
                id: s.id,
                kind: s.subject_type.clone(),
                commune_name: scope
                    .names
                    .get(&s.commune_code)
                    .cloned()
                    .unwrap_or_else(|| s.commune_code.clone()),
                tax_code: s.tax_code.clone().unwrap_or_default(),
                phone: s.phone.clone().unwrap_or_default(),
                products: n,
                certified,
                members: members.get(&s.id).copied().unwrap_or_default(),
                source: s.data_source.clone(),
                status: s.status.as_str().to_owned(),
                name: s.name,
            }
        })
        .collect();
    Ok(finish(rows, filter, scope))
}

/// The products matching the filter as an XLSX file: its name and bytes.
///
/// # Errors
/// As `product_entries`.
pub async fn export_products(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &RegistryFilter,
    today: NaiveDate,
    window: i64,
) -> Result<(String, Vec<u8>), ServiceError> {
    let (rows, scope) = product_entries(db, actor, filter, today, window).await?;
    let bytes = crate::documents::registry_xlsx::products(&rows).map_err(|e| {
        tracing::error!(error = %e, "registry xlsx");
        ServiceError::Db(sea_orm::DbErr::Custom("xlsx".into()))
    })?;
    let place = scope.code.unwrap_or_else(|| "tinh".to_owned());
    Ok((format!("san-pham-ocop-{place}-{today}.xlsx"), bytes))
}
