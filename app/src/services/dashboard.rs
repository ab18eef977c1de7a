//! The dashboard: KPI tiles, charts, a list of the matching products and the viewer's to-do
//! list, for the province (any commune), a commune officer (their commune) or a producer
//! (their own products). Every figure obeys the same filters; the number of queries is fixed.
use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::auth::{Action, Actor, Resource, Role, allowed};
use crate::domain::chart::ChartItem;
use crate::entities::{
    certificate as cert, dossier, product, product_group, product_idea, report, report_period,
    report_target, subject, user_account,
};
use crate::models::dashboard::{
    ActionItem, Chart, Dashboard, DashboardFilter, DashboardProduct, Tile,
};
use crate::models::reports::Text;
use crate::services::ServiceError;
use crate::services::dashboard_queries::{self as q, Scope};
use crate::services::report_facts::PROVINCE_CODE;
use crate::services::report_figures::subject_type_name;

/// The first year of the programme's certificates in Lạng Sơn.
const FIRST_YEAR: i16 = 2019;
const LIST_SIZE: u64 = 50;
/// Dossiers still moving (not drafts, not withdrawn).
const PIPELINE: [&str; 6] = [
    "submitted",
    "returned",
    "resubmitted",
    "checked",
    "forwarded",
    "in_evaluation",
];

enum Level {
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

/// The dashboard for `filter` seen on `today`.
///
/// # Errors
/// `Denied` for visitors and council members; a database error.
pub async fn dashboard(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &DashboardFilter,
    today: NaiveDate,
) -> Result<Dashboard, ServiceError> {
    let level = level_of(actor)?;
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

    let groups = product_group::Entity::find()
        .filter(product_group::Column::Scheme.eq(crate::services::units::CURRENT_GROUP_SCHEME))
        .order_by_asc(product_group::Column::Code)
        .all(db)
        .await?;
    let communes = crate::services::units::in_force(db, &["commune"]).await?;
    let commune_names: HashMap<&str, &str> = communes
        .iter()
        .map(|(c, n)| (c.as_str(), n.as_str()))
        .collect();

    let mut applied = filter.clone();
    applied.year = year.to_string();
    let (scope_code, subject_id) = match &level {
        Level::Province => (
            commune_names
                .contains_key(filter.commune.trim())
                .then(|| filter.commune.trim().to_owned()),
            None,
        ),
        Level::Commune(code) => (Some(code.clone()), None),
        Level::Producer(id) => (None, Some(*id)),
    };
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
        commune: scope_code.clone(),
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

    let by_commune: Vec<(String, i64)> =
        q::valid_by(db, &scope, as_of, product::Column::CommuneCode).await?;
    let by_group_id: Vec<(i32, i64)> =
        q::valid_by(db, &scope, as_of, product::Column::ProductGroupId).await?;
    let by_type: Vec<(String, i64)> =
        q::valid_by(db, &scope, as_of, subject::Column::SubjectType).await?;
    let by_stars: Vec<(i16, i64)> = q::valid_by(db, &scope, as_of, cert::Column::Stars).await?;
    let expiring = q::expiring(db, &scope, as_of, 90).await?;
    let new_3star = q::new_3star(db, &scope, year_start, as_of).await?;
    let by_day = q::decided_by_day(db, &scope, as_of).await?;
    let by_state = q::dossiers_by_state(db, &scope).await?;
    let list = q::valid_products(db, &scope, as_of, LIST_SIZE).await?;
    let target_scope = scope_code
        .clone()
        .unwrap_or_else(|| PROVINCE_CODE.to_owned());
    let target = report_target::Entity::find()
        .filter(report_target::Column::Year.eq(year))
        .filter(report_target::Column::ScopeCode.eq(target_scope))
        .one(db)
        .await?
        .filter(|_| subject_id.is_none())
        .map(|t| i64::from(t.new_products_3star));

    let valid: i64 = by_stars.iter().map(|(_, n)| n).sum();
    let pipeline: i64 = by_state
        .iter()
        .filter(|(s, _)| PIPELINE.contains(&s.as_str()))
        .map(|(_, n)| n)
        .sum();
    let dossiers_page = match &level {
        Level::Province => "/province/dossiers",
        Level::Commune(_) => "/commune/dossiers",
        Level::Producer(_) => "/producer/dossiers",
    };
    let certificates_page = match &level {
        Level::Producer(_) => "/producer/certificates",
        _ => "/province/certificates?state=expiring",
    };
    let tiles = vec![
        Tile {
            key: "valid".into(),
            value: valid,
            target: None,
            href: None,
        },
        Tile {
            key: "new_this_year".into(),
            value: new_3star,
            target,
            href: None,
        },
        Tile {
            key: "expiring".into(),
            value: expiring,
            target: None,
            href: Some(certificates_page.into()),
        },
        Tile {
            key: "pipeline".into(),
            value: pipeline,
            target: None,
            href: Some(dossiers_page.into()),
        },
        Tile {
            key: "communes".into(),
            value: by_commune.iter().filter(|(_, n)| *n > 0).count() as i64,
            target: None,
            href: None,
        },
    ];

    let mut commune_items: Vec<ChartItem> = by_commune
        .iter()
        .map(|(code, n)| ChartItem {
            key: code.clone(),
            label: commune_names
                .get(code.as_str())
                .unwrap_or(&code.as_str())
                .to_string(),
            value: *n,
            href: Some(applied.with("commune", code)),
        })
        .collect();
    commune_items.sort_by(|a, b| b.value.cmp(&a.value).then(a.label.cmp(&b.label)));
    commune_items.truncate(20);
    // Codes are paths: "I.1.a" belongs to group "I".
    let top_of: HashMap<i32, &str> = groups
        .iter()
        .map(|g| (g.id, g.code.split('.').next().unwrap_or_default()))
        .collect();
    let mut per_group: BTreeMap<&str, i64> = BTreeMap::new();
    for (id, n) in &by_group_id {
        *per_group
            .entry(top_of.get(id).copied().unwrap_or("?"))
            .or_default() += n;
    }
    let group_names: HashMap<&str, &str> = groups
        .iter()
        .map(|g| (g.code.as_str(), g.name_vi.as_str()))
        .collect();
    let group_items = per_group
        .into_iter()
        .map(|(code, n)| ChartItem {
            key: code.to_owned(),
            label: format!("{code} {}", group_names.get(code).unwrap_or(&"")),
            value: n,
            href: Some(applied.with("group", code)),
        })
        .collect();
    let type_items = by_type
        .iter()
        .map(|(code, n)| ChartItem {
            key: code.clone(),
            label: subject_type_name(code).vi,
            value: *n,
            href: Some(applied.with("kind", code)),
        })
        .collect();
    let star_items = (3..=5)
        .map(|s: i16| ChartItem {
            key: s.to_string(),
            label: format!("{s} ★"),
            value: by_stars
                .iter()
                .filter(|(k, _)| *k == s)
                .map(|(_, n)| n)
                .sum(),
            href: Some(applied.with("stars", &s.to_string())),
        })
        .collect();
    let mut per_year: BTreeMap<i16, i64> = (FIRST_YEAR..=year).map(|y| (y, 0)).collect();
    for (day, n) in &by_day {
        *per_year.entry(day.year() as i16).or_default() += n;
    }
    let year_items = per_year
        .into_iter()
        .map(|(y, n)| ChartItem {
            key: y.to_string(),
            label: y.to_string(),
            value: n,
            href: Some(applied.with("year", &y.to_string())),
        })
        .collect();
    let state_items = PIPELINE
        .iter()
        .map(|s| ChartItem {
            key: (*s).to_owned(),
            label: crate::domain::dossier::DossierState::parse(s)
                .map_or_else(|| (*s).to_owned(), |st| state_label(st).to_owned()),
            value: by_state
                .iter()
                .filter(|(k, _)| k == s)
                .map(|(_, n)| n)
                .sum(),
            href: Some(format!("{dossiers_page}?state={s}")),
        })
        .collect();
    let mut charts = vec![
        Chart {
            key: "by_stars".into(),
            items: star_items,
        },
        Chart {
            key: "by_group".into(),
            items: group_items,
        },
        Chart {
            key: "by_type".into(),
            items: type_items,
        },
        Chart {
            key: "by_year".into(),
            items: year_items,
        },
        Chart {
            key: "by_state".into(),
            items: state_items,
        },
    ];
    if matches!(level, Level::Province) {
        charts.insert(
            0,
            Chart {
                key: "by_commune".into(),
                items: commune_items,
            },
        );
    }

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
    let actions = actions(db, &level, today).await?;
    Ok(Dashboard {
        filter: applied,
        scope_name,
        level: level_name.into(),
        as_of: as_of.to_string(),
        years: (FIRST_YEAR..=this_year).rev().collect(),
        communes: if matches!(level, Level::Province) {
            communes.clone()
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
        tiles,
        charts,
        products: list
            .into_iter()
            .map(|(id, name, commune, stars, until)| DashboardProduct {
                id,
                name,
                commune_name: commune_names
                    .get(commune.as_str())
                    .map_or(commune.clone(), |n| (*n).to_owned()),
                stars,
                valid_until: until.to_string(),
            })
            .collect(),
        product_count: valid,
        actions,
    })
}

fn state_label(state: crate::domain::dossier::DossierState) -> &'static str {
    use crate::domain::dossier::DossierState::*;
    match state {
        Draft => "Bản nháp",
        Submitted => "Đã nộp",
        Returned => "Trả lại bổ sung",
        Resubmitted => "Nộp lại",
        Checked => "Xã đã kiểm tra",
        Forwarded => "Đã chuyển tỉnh",
        InEvaluation => "Đang đánh giá",
        Withdrawn => "Đã rút",
    }
}

/// What waits for this viewer, each with a count and where to act (a fixed set of counts).
async fn actions(
    db: &impl ConnectionTrait,
    level: &Level,
    today: NaiveDate,
) -> Result<Vec<ActionItem>, ServiceError> {
    let soon = today + chrono::Days::new(90);
    let item = |vi: &str, en: &str, count: u64, href: String| ActionItem {
        label: Text::new(vi, en),
        count: count as i64,
        href,
    };
    let mut items = Vec::new();
    match level {
        Level::Province => {
            let forwarded = dossier::Entity::find()
                .filter(dossier::Column::State.eq("forwarded"))
                .count(db)
                .await?;
            items.push(item(
                "Hồ sơ xã đã chuyển lên, chờ tỉnh",
                "Dossiers forwarded to the province",
                forwarded,
                "/province/dossiers?state=forwarded".into(),
            ));
            let pending = user_account::Entity::find()
                .filter(user_account::Column::Status.eq("pending"))
                .count(db)
                .await?;
            items.push(item(
                "Đăng ký chờ duyệt",
                "Registrations waiting",
                pending,
                "/province/registrations".into(),
            ));
            let reports = report::Entity::find()
                .filter(report::Column::State.eq("submitted"))
                .count(db)
                .await?;
            items.push(item(
                "Báo cáo xã đã nộp, chờ xem xét",
                "Commune reports to review",
                reports,
                "/reports".into(),
            ));
            let expiring = cert::Entity::find()
                .filter(cert::Column::RevokedOn.is_null())
                .filter(cert::Column::SupersededBy.is_null())
                .filter(cert::Column::ValidUntil.between(today, soon))
                .count(db)
                .await?;
            items.push(item(
                "Giấy chứng nhận hết hạn trong 90 ngày",
                "Certificates expiring within 90 days",
                expiring,
                "/province/certificates?state=expiring".into(),
            ));
        }
        Level::Commune(code) => {
            let inbox = dossier::Entity::find()
                .filter(dossier::Column::CommuneCode.eq(code.as_str()))
                .filter(dossier::Column::State.is_in(["submitted", "resubmitted"]))
                .count(db)
                .await?;
            items.push(item(
                "Hồ sơ chờ xã kiểm tra",
                "Dossiers to check",
                inbox,
                "/commune/dossiers".into(),
            ));
            let ideas = product_idea::Entity::find()
                .filter(product_idea::Column::CommuneCode.eq(code.as_str()))
                .filter(product_idea::Column::State.eq("submitted"))
                .count(db)
                .await?;
            items.push(item(
                "Ý tưởng sản phẩm chờ xem xét",
                "Product ideas to review",
                ideas,
                "/commune/ideas".into(),
            ));
            let pending = user_account::Entity::find()
                .filter(user_account::Column::Status.eq("pending"))
                .filter(user_account::Column::CommuneCode.eq(code.as_str()))
                .count(db)
                .await?;
            items.push(item(
                "Đăng ký chờ duyệt",
                "Registrations waiting",
                pending,
                "/commune/registrations".into(),
            ));
            // The current period's report, if due and not yet submitted.
            let open = report_period::Entity::find()
                .filter(report_period::Column::Audience.eq("commune"))
                .filter(report_period::Column::StartsOn.lte(today))
                .filter(report_period::Column::EndsOn.gte(today))
                .order_by_asc(report_period::Column::DueOn)
                .one(db)
                .await?;
            if let Some(p) = open {
                let done = report::Entity::find()
                    .filter(report::Column::PeriodId.eq(p.id))
                    .filter(report::Column::ScopeCode.eq(code.as_str()))
                    .filter(report::Column::State.is_in(["submitted", "accepted"]))
                    .count(db)
                    .await?;
                items.push(item(
                    "Báo cáo định kỳ chưa nộp",
                    "Periodic report not submitted",
                    u64::from(done == 0),
                    format!("/reports/{}/{code}", p.id),
                ));
            }
        }
        Level::Producer(id) => {
            let returned = dossier::Entity::find()
                .filter(dossier::Column::SubjectId.eq(*id))
                .filter(dossier::Column::State.eq("returned"))
                .count(db)
                .await?;
            items.push(item(
                "Hồ sơ bị trả lại cần bổ sung",
                "Dossiers returned for changes",
                returned,
                "/producer/dossiers".into(),
            ));
            let expiring = cert::Entity::find()
                .filter(cert::Column::SubjectId.eq(*id))
                .filter(cert::Column::RevokedOn.is_null())
                .filter(cert::Column::SupersededBy.is_null())
                .filter(cert::Column::ValidUntil.between(today, soon))
                .count(db)
                .await?;
            items.push(item(
                "Giấy chứng nhận sắp hết hạn — nộp hồ sơ đánh giá lại",
                "Certificates expiring — apply for re-recognition",
                expiring,
                "/producer/certificates".into(),
            ));
        }
    }
    Ok(items)
}
