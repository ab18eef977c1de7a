//! The dashboard: KPI tiles, charts, a list of the matching products and the viewer's to-do
//! list, for the province (any commune), a commune officer (their commune) or a producer
//! (their own products). Every figure obeys the same filters; the number of queries is fixed.
//! The charts are built in `dashboard_charts`, the to-do list in `dashboard_actions`.
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::auth::{Action, Actor, Resource, Role, allowed};
use crate::domain::report::Window;
use crate::entities::{product_group, report_target, subject};
use crate::models::reports::dashboard::{Dashboard, DashboardFilter, DashboardProduct, Tile};
use crate::models::reports::periodic::Text;
use crate::services::ServiceError;
use crate::services::master_data::units::{CURRENT_GROUP_SCHEME, in_force};
use crate::services::reports::dashboard_charts::{ChartContext, charts};
use crate::services::reports::dashboard_queries::{self as q, Scope};
use crate::services::reports::facts::PROVINCE_CODE;
use crate::services::reports::shared_runs::SharedRuns;
use crate::services::reports::unit_layout::{UnitLayout, layout};

/// The first year of the programme's certificates in Lạng Sơn.
pub(super) const FIRST_YEAR: i16 = 2019;
const LIST_SIZE: u64 = 50;
/// No list goes deeper than this page (a bound on the offset whatever the address asks).
const MAX_PAGE: u64 = 1000;
/// Dossiers still moving (not drafts, not withdrawn).
pub(super) const PIPELINE: [&str; 6] = [
    "submitted",
    "returned",
    "resubmitted",
    "checked",
    "forwarded",
    "in_evaluation",
];
/// Dossiers a round's decision has ended: counted as decided, not as moving.
pub(super) const DECIDED: [&str; 2] = ["certified", "not_reached"];

/// Whose dashboard it is: the level fixes what the filters may reach.
#[derive(Debug)]
pub(crate) enum Level {
    Province,
    Commune(String),
    Producer(i32),
}

fn level_of(actor: &Actor) -> Result<Level, ServiceError> {
    let level = match actor {
        Actor::User {
            role: Role::CommuneOfficer,
            commune_code: Some(code),
            ..
        } => Level::Commune(code.clone()),
        Actor::User {
            role: Role::Producer,
            subject_id: Some(id),
            ..
        } => Level::Producer(*id),
        _ => Level::Province,
    };
    let resource = match &level {
        Level::Province => Resource::Nothing,
        Level::Commune(code) => Resource::Commune(code),
        Level::Producer(id) => Resource::Subject {
            id: *id,
            commune_code: "",
        },
    };
    allowed(actor, Action::ViewDashboard, resource).map_err(ServiceError::Denied)?;
    Ok(level)
}

/// The filters as applied: the year shown and the scope every count obeys.
struct Applied {
    filter: DashboardFilter,
    year: i16,
    /// The last day counted: the year's end, or today in the current year.
    as_of: NaiveDate,
    year_start: NaiveDate,
    /// The commune the figures are narrowed to (the officer's own, or the province's choice).
    scope_code: Option<String>,
    scope: Scope,
}

/// The year the filter asks for (this year when none or unknown), its first day and the last
/// day counted (its end, or today in the current year).
fn chosen_year(filter: &DashboardFilter, today: NaiveDate) -> (i16, NaiveDate, NaiveDate) {
    let this_year = today.year() as i16;
    let year = filter
        .year
        .trim()
        .parse::<i16>()
        .ok()
        .filter(|y| (FIRST_YEAR..=this_year).contains(y))
        .unwrap_or(this_year);
    let as_of = NaiveDate::from_ymd_opt(i32::from(year), 12, 31)
        .unwrap_or(today)
        .min(today);
    let year_start = NaiveDate::from_ymd_opt(i32::from(year), 1, 1).unwrap_or(today);
    (year, year_start, as_of)
}

/// What the filters ask for, within what the level may see (an unknown year, unit or star
/// count is dropped, a commune officer always sees their commune). The province chooses among
/// the units of the year (`units`): a former district counts the communes that came from it.
fn apply(
    filter: &DashboardFilter,
    level: &Level,
    today: NaiveDate,
    groups: &[product_group::Model],
    units: &UnitLayout,
) -> Applied {
    let (year, year_start, as_of) = chosen_year(filter, today);
    let mut applied = filter.clone();
    applied.year = year.to_string();
    // The page is checked against the count once it is known.
    applied.page.clear();
    let (scope_code, subject_id) = match level {
        Level::Province => (
            units
                .rows
                .iter()
                .any(|(code, _)| code == filter.commune.trim())
                .then(|| filter.commune.trim().to_owned()),
            None,
        ),
        Level::Commune(code) => (Some(code.clone()), None),
        Level::Producer(id) => (None, Some(*id)),
    };
    let communes = scope_code.as_ref().map(|unit| match level {
        Level::Province => units
            .unit_of
            .iter()
            .filter(|(_, to)| *to == unit)
            .map(|(from, _)| from.clone())
            .chain(std::iter::once(unit.clone()))
            .collect(),
        _ => vec![unit.clone()],
    });
    applied.commune = scope_code.clone().unwrap_or_default();
    let group = filter.group.trim();
    let group_ids = (!group.is_empty()).then(|| {
        groups
            .iter()
            .filter(|g| g.code == group || g.code.starts_with(&format!("{group}.")))
            .map(|g| g.id)
            .collect::<Vec<i32>>()
    });
    let scope = Scope {
        communes,
        subject: subject_id,
        group_ids,
        stars: filter
            .stars
            .trim()
            .parse::<i16>()
            .ok()
            .filter(|s| (1..=5).contains(s)),
        kind: Some(filter.kind.trim().to_owned()).filter(|k| !k.is_empty()),
    };
    if scope.stars.is_none() {
        applied.stars.clear();
    }
    Applied {
        filter: applied,
        year,
        as_of,
        year_start,
        scope_code,
        scope,
    }
}

/// The grouped counts every tile and chart is drawn from: the certificates' from one pass
/// (`dashboard_queries::figures`), the dossiers' from one query.
pub(super) struct Counts {
    pub by_commune: Vec<(String, i64)>,
    pub by_group_id: Vec<(i32, i64)>,
    pub by_type: Vec<(String, i64)>,
    pub by_stars: Vec<(i16, i64)>,
    pub expiring: i64,
    pub new_3star: i64,
    pub by_day: Vec<(NaiveDate, i64)>,
    pub by_state: Vec<(String, i64)>,
    /// The year's target of new 3★+ products for the scope (none for a producer).
    pub target: Option<i64>,
    /// The certificates valid on the day: the list of products is paged from them.
    pub valid: Vec<q::ValidCertificate>,
}

async fn counts(
    db: &impl ConnectionTrait,
    a: &Applied,
    expiring_within_days: i64,
) -> Result<Counts, ServiceError> {
    let (scope, as_of) = (&a.scope, a.as_of);
    let target_scope = a
        .scope_code
        .clone()
        .unwrap_or_else(|| PROVINCE_CODE.to_owned());
    let target = report_target::Entity::find()
        .filter(report_target::Column::Year.eq(a.year))
        .filter(report_target::Column::ScopeCode.eq(target_scope))
        .one(db)
        .await?
        .filter(|_| scope.subject.is_none())
        .map(|t| i64::from(t.new_products_3star));
    let rows = q::scoped_certificates(db, scope).await?;
    let figures = q::figures(&rows, scope.stars, a.year_start, as_of);
    let valid = &figures.valid;
    let until = as_of + chrono::Days::new(u64::try_from(expiring_within_days).unwrap_or_default());
    let expiring = valid.iter().filter(|c| c.valid_until <= until);
    Ok(Counts {
        by_commune: q::products_by(valid, |c| c.commune_code.clone()),
        by_group_id: q::products_by(valid, |c| c.product_group_id),
        by_type: q::products_by(valid, |c| c.subject_type.clone()),
        by_stars: q::products_by(valid, |c| c.stars),
        expiring: q::products_by(expiring, |_| ())
            .first()
            .map_or(0, |(_, n)| *n),
        new_3star: figures.new_3star,
        by_day: figures.by_day,
        by_state: q::dossiers_by_state(db, scope).await?,
        target,
        valid: figures.valid,
    })
}

/// Counts by commune summed under the unit each leads to (the districts of an earlier year).
fn regroup(by_commune: &[(String, i64)], unit_of: &HashMap<String, String>) -> Vec<(String, i64)> {
    let mut sums: std::collections::BTreeMap<String, i64> = std::collections::BTreeMap::new();
    for (code, n) in by_commune {
        *sums
            .entry(unit_of.get(code).unwrap_or(code).clone())
            .or_default() += n;
    }
    sums.into_iter().collect()
}

impl Counts {
    fn valid(&self) -> i64 {
        self.by_stars.iter().map(|(_, n)| n).sum()
    }
}

/// Trade promotion: products taking part in the year's events, in the dashboard's scope.
async fn trade_tile(
    db: &impl ConnectionTrait,
    level: &Level,
    applied: &Applied,
) -> Result<Tile, ServiceError> {
    let subject = match level {
        Level::Producer(id) => Some(*id),
        _ => None,
    };
    Ok(Tile {
        key: "trade".into(),
        value: crate::services::trade::events::taking_part_in_year(
            db,
            i32::from(applied.year),
            applied.scope.communes.as_deref(),
            subject,
        )
        .await?,
        target: None,
        href: Some("/trade-events".into()),
    })
}

fn tiles(c: &Counts, level: &Level, dossiers_page: &str) -> Vec<Tile> {
    let certificates_page = match level {
        Level::Producer(_) => "/producer/certificates",
        _ => "/province/certificates?state=expiring",
    };
    let pipeline: i64 = c
        .by_state
        .iter()
        .filter(|(s, _)| PIPELINE.contains(&s.as_str()))
        .map(|(_, n)| n)
        .sum();
    let tile = |key: &str, value: i64, target: Option<i64>, href: Option<&str>| Tile {
        key: key.into(),
        value,
        target,
        href: href.map(str::to_owned),
    };
    vec![
        tile("valid", c.valid(), None, None),
        tile("new_this_year", c.new_3star, c.target, None),
        tile("expiring", c.expiring, None, Some(certificates_page)),
        tile("pipeline", pipeline, None, Some(dossiers_page)),
        tile(
            "communes",
            c.by_commune.iter().filter(|(_, n)| *n > 0).count() as i64,
            None,
            None,
        ),
    ]
}

/// The dashboard for `filter` seen on `today`; a certificate counts as expiring within
/// `expiring_within_days` of its end (`CERTIFICATE_EXPIRING_DAYS`).
///
/// # Errors
/// `Denied` for visitors and council members; a database error.
pub async fn dashboard(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &DashboardFilter,
    today: NaiveDate,
    expiring_within_days: i64,
) -> Result<Dashboard, ServiceError> {
    computed(db, level_of(actor)?, filter, today, expiring_within_days).await
}

/// `dashboard`, sharing the computation with the requests for the same dashboard under way
/// (`shared_runs`; `runs` belongs to the database `db` is of), read from one snapshot
/// (`db::snapshot`): its tiles, charts and lists agree with each other.
///
/// # Errors
/// As `dashboard`.
pub async fn shared_dashboard(
    runs: &SharedRuns<Dashboard>,
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    filter: &DashboardFilter,
    today: NaiveDate,
    expiring_within_days: i64,
) -> Result<Dashboard, ServiceError> {
    let level = level_of(actor)?;
    // What the dashboard depends on besides the data: the same key, the same dashboard.
    let key = format!("{level:?} {filter:?} {today} {expiring_within_days}");
    runs.run(key, || async move {
        let snapshot = crate::db::snapshot(db).await?;
        let dashboard = computed(&snapshot, level, filter, today, expiring_within_days).await?;
        snapshot.commit().await?;
        Ok(dashboard)
    })
    .await
}

async fn computed(
    db: &impl ConnectionTrait,
    level: Level,
    filter: &DashboardFilter,
    today: NaiveDate,
    expiring_within_days: i64,
) -> Result<Dashboard, ServiceError> {
    let groups = product_group::Entity::find()
        .filter(product_group::Column::Scheme.eq(CURRENT_GROUP_SCHEME))
        .order_by_asc(product_group::Column::Code)
        .all(db)
        .await?;
    let communes = in_force(db, &["commune"]).await?;
    // The units of the chosen year: the former districts before July 2025.
    let (_, year_start, as_of) = chosen_year(filter, today);
    let units = layout(
        db,
        Window {
            start: year_start,
            end: as_of,
        },
    )
    .await?;
    let commune_names: HashMap<&str, &str> = communes
        .iter()
        .chain(units.rows.iter())
        .map(|(c, n)| (c.as_str(), n.as_str()))
        .collect();
    let applied = apply(filter, &level, today, &groups, &units);
    let mut counts = counts(db, &applied, expiring_within_days).await?;
    if matches!(level, Level::Province) {
        counts.by_commune = regroup(&counts.by_commune, &units.unit_of);
    }
    let pages = u64::try_from(counts.valid())
        .unwrap_or(0)
        .div_ceil(LIST_SIZE)
        .clamp(1, MAX_PAGE);
    let page = filter
        .page
        .trim()
        .parse::<u64>()
        .unwrap_or(1)
        .clamp(1, pages);
    let list = q::list_page(&counts.valid, (page - 1) * LIST_SIZE, LIST_SIZE);
    let names = q::product_names(db, list.iter().map(|c| c.product_id).collect()).await?;
    let dossiers_page = match &level {
        Level::Province => "/province/dossiers",
        Level::Commune(_) => "/commune/dossiers",
        Level::Producer(_) => "/producer/dossiers",
    };
    let province = matches!(level, Level::Province);
    let charts = charts(
        &counts,
        &ChartContext {
            applied: &applied.filter,
            groups: &groups,
            commune_names: &commune_names,
            year: applied.year,
            dossiers_page,
            province,
        },
    );
    let (scope_name, level_name) = match &level {
        Level::Province => ("Tỉnh Lạng Sơn".to_owned(), "province"),
        Level::Commune(code) => (
            commune_names
                .get(code.as_str())
                .unwrap_or(&code.as_str())
                .to_string(),
            "commune",
        ),
        Level::Producer(id) => (
            subject::Entity::find_by_id(*id)
                .one(db)
                .await?
                .map(|s| s.name)
                .unwrap_or_default(),
            "producer",
        ),
    };
    let scope = &applied.scope;
    let only_communes = scope.subject.is_none()
        && scope.group_ids.is_none()
        && scope.stars.is_none()
        && scope.kind.is_none();
    let actions = crate::services::reports::dashboard_actions::actions(
        db,
        &level,
        scope.communes.as_deref(),
        today,
        expiring_within_days,
        (only_communes && applied.as_of == today).then_some(counts.expiring),
    )
    .await?;
    let mut tiles = tiles(&counts, &level, dossiers_page);
    tiles.push(trade_tile(db, &level, &applied).await?);
    Ok(Dashboard {
        tiles,
        charts,
        filter: applied.filter,
        scope_name,
        level: level_name.into(),
        as_of: applied.as_of.to_string(),
        years: (FIRST_YEAR..=today.year() as i16).rev().collect(),
        districts: province && units.districts,
        communes: if province {
            units.rows.clone()
        } else {
            Vec::new()
        },
        groups: groups
            .iter()
            .filter(|g| g.code.matches('.').count() <= 1)
            .map(|g| {
                (
                    g.code.clone(),
                    Text::new(g.name_vi.clone(), g.name_en.clone()),
                )
            })
            .collect(),
        products: list
            .into_iter()
            .map(|c| DashboardProduct {
                id: c.product_id,
                name: names.get(&c.product_id).cloned().unwrap_or_default(),
                commune_name: commune_names
                    .get(c.commune_code.as_str())
                    .map_or(c.commune_code.clone(), |n| (*n).to_owned()),
                stars: c.stars,
                valid_until: c.valid_until.to_string(),
            })
            .collect(),
        product_count: counts.valid(),
        page: usize::try_from(page).unwrap_or(1),
        pages: usize::try_from(pages).unwrap_or(1),
        actions,
        expiring_days: expiring_within_days,
    })
}
