//! Periodic reports: a commune's (or the province's) report for a period — figures computed
//! from the data until it is submitted, then frozen — its written sections, submission, and
//! the province's review (return with a comment, or accept).
use crate::domain::reason::Reason;
use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::report::{PeriodKind, ReportState, Standing, standing};
use crate::entities::{admin_unit, product_group, report, report_period};
use crate::models::reports::periodic::{
    CommuneStatus, PeriodRow, ReportFigures, ReportView, ReportsHome, Text,
};
use crate::services::ServiceError;
use crate::services::input::invalid;
use crate::services::notifications::{Audience, notify};
use crate::services::reports::facts::{self, PROVINCE_CODE};
pub use crate::services::reports::live::live_figures;

/// What the author writes; each section at most this many characters.
const SECTION_MAX: usize = 20_000;

#[derive(Clone, Debug, Default)]
pub struct Sections {
    pub results: String,
    pub difficulties: String,
    pub proposals: String,
}

fn resource(scope: &str) -> Resource<'_> {
    if scope == PROVINCE_CODE {
        Resource::Nothing
    } else {
        Resource::Commune(scope)
    }
}

pub(crate) fn period_row(p: &report_period::Model) -> PeriodRow {
    let kind = PeriodKind::parse(&p.kind);
    let (vi, en) = kind.map_or(("", ""), |k| (k.name_vi(), k.name_en()));
    PeriodRow {
        id: p.id,
        kind: p.kind.clone(),
        year: p.year,
        starts_on: p.starts_on.to_string(),
        ends_on: p.ends_on.to_string(),
        due_on: p.due_on.to_string(),
        audience: p.audience.clone(),
        name: match &p.title {
            Some(title) => Text::new(title.clone(), title.clone()),
            None => Text::new(
                format!("Báo cáo {vi} {}", p.year),
                format!("Report for the {en} {}", p.year),
            ),
        },
    }
}

/// The viewer's locality for reports: their commune, or the province.
fn scope_of(actor: &Actor) -> Result<String, ServiceError> {
    match actor {
        Actor::User {
            role: crate::auth::Role::CommuneOfficer,
            commune_code: Some(code),
            ..
        } => Ok(code.clone()),
        _ => {
            allowed(actor, Action::ViewReport, Resource::Nothing).map_err(ServiceError::Denied)?;
            Ok(PROVINCE_CODE.to_owned())
        }
    }
}

/// The periods (newest first) `scope` reports on: communes report for the "commune" periods;
/// the province consolidates those and also writes the Department's own "department" reports
/// (nine months, to the provincial People's Committee), which communes do not see.
async fn periods(
    db: &impl ConnectionTrait,
    scope: &str,
) -> Result<Vec<report_period::Model>, ServiceError> {
    let audiences: &[&str] = if scope == PROVINCE_CODE {
        &["commune", "department"]
    } else {
        &["commune"]
    };
    let mut query = report_period::Entity::find()
        .filter(report_period::Column::Audience.is_in(audiences.iter().copied()));
    if let Some(from) = unit_start(db, scope)
        .await?
        .filter(|_| scope != PROVINCE_CODE)
    {
        query = query.filter(report_period::Column::EndsOn.gte(from));
    }
    Ok(query
        .order_by_desc(report_period::Column::EndsOn)
        .all(db)
        .await?)
}

/// Whether `scope` reports for `p`: a department period has the province's report only, and a
/// commune reports for the periods that end once it exists (today's communes came into force
/// on 1 July 2025; the districts before them reported outside this system).
async fn reports_for(
    db: &impl ConnectionTrait,
    p: &report_period::Model,
    scope: &str,
) -> Result<bool, ServiceError> {
    if scope == PROVINCE_CODE {
        return Ok(true);
    }
    Ok(p.audience != "department"
        && unit_start(db, scope)
            .await?
            .is_none_or(|from| p.ends_on >= from))
}

/// The day a unit came into force (none: always, as the province).
async fn unit_start(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<NaiveDate>, ServiceError> {
    Ok(admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(code))
        .one(db)
        .await?
        .and_then(|u| u.valid_from))
}

async fn period(db: &impl ConnectionTrait, id: i32) -> Result<report_period::Model, ServiceError> {
    report_period::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

async fn find(
    db: &impl ConnectionTrait,
    period_id: i32,
    scope: &str,
) -> Result<Option<report::Model>, ServiceError> {
    Ok(report::Entity::find()
        .filter(report::Column::PeriodId.eq(period_id))
        .filter(report::Column::ScopeCode.eq(scope))
        .one(db)
        .await?)
}

fn state_of(r: &report::Model) -> ReportState {
    r.state
}

fn standing_of(r: Option<&report::Model>, p: &report_period::Model, today: NaiveDate) -> Standing {
    standing(
        r.map(state_of),
        r.and_then(|r| r.submitted_at)
            .map(crate::domain::dates::day_in_vietnam),
        p.due_on,
        today,
    )
}

/// The reports page: the periods with the viewer's report standing in each.
///
/// # Errors
/// `Denied` for anyone but commune officers, provincial officers and administrators.
pub async fn home(
    db: &impl ConnectionTrait,
    actor: &Actor,
    today: NaiveDate,
) -> Result<ReportsHome, ServiceError> {
    let scope = scope_of(actor)?;
    allowed(actor, Action::ViewReport, resource(&scope)).map_err(ServiceError::Denied)?;
    let periods = periods(db, &scope).await?;
    let reports: HashMap<i32, report::Model> = report::Entity::find()
        .filter(report::Column::ScopeCode.eq(&scope))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.period_id, r))
        .collect();
    let mine = periods
        .iter()
        .map(|p| {
            let r = reports.get(&p.id);
            (
                r.map(|r| r.state.as_str().to_owned()),
                standing_of(r, p, today).as_str().to_owned(),
            )
        })
        .collect();
    Ok(ReportsHome {
        periods: periods.iter().map(period_row).collect(),
        scope_name: unit_name(db, &scope).await?,
        province: scope == PROVINCE_CODE,
        scope_code: scope,
        mine,
    })
}

async fn unit_name(db: &impl ConnectionTrait, code: &str) -> Result<String, ServiceError> {
    Ok(admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(code))
        .one(db)
        .await?
        .map_or_else(|| code.to_owned(), |u| u.name))
}

/// The communes in force that existed when `p` ended, by name (folded, as Vietnamese readers
/// sort).
async fn communes(
    db: &impl ConnectionTrait,
    p: &report_period::Model,
) -> Result<Vec<(String, String)>, ServiceError> {
    Ok(
        crate::services::master_data::units::in_force_since(db, &["commune"], Some(p.ends_on))
            .await?,
    )
}

/// Every commune's report standing for `period` (the province's list).
async fn statuses(
    db: &impl ConnectionTrait,
    p: &report_period::Model,
    today: NaiveDate,
) -> Result<Vec<CommuneStatus>, ServiceError> {
    let reports: HashMap<String, report::Model> = report::Entity::find()
        .filter(report::Column::PeriodId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.scope_code.clone(), r))
        .collect();
    Ok(communes(db, p)
        .await?
        .into_iter()
        .map(|(code, name)| {
            let r = reports.get(&code);
            CommuneStatus {
                state: r.map(|r| r.state.as_str().to_owned()),
                standing: standing_of(r, p, today).as_str().to_owned(),
                submitted_on: r
                    .and_then(|r| r.submitted_at)
                    .map(|at| crate::domain::dates::day_in_vietnam(at).to_string()),
                code,
                name,
            }
        })
        .collect())
}

/// A report as its page (and its exports) show it. A report never saved shows as a draft
/// with live figures.
///
/// # Errors
/// `NotFound` for an unknown period; `Denied` unless the actor may read `scope`'s reports.
pub async fn open(
    db: &impl ConnectionTrait,
    actor: &Actor,
    period_id: i32,
    scope: &str,
    today: NaiveDate,
) -> Result<ReportView, ServiceError> {
    allowed(actor, Action::ViewReport, resource(scope)).map_err(ServiceError::Denied)?;
    let p = period(db, period_id).await?;
    if !reports_for(db, &p, scope).await? {
        return Err(ServiceError::NotFound);
    }
    let saved = find(db, period_id, scope).await?;
    let state = saved.as_ref().map_or(ReportState::Draft, state_of);
    let frozen_figures = saved
        .as_ref()
        .filter(|_| state.frozen())
        .and_then(|r| r.snapshot_json.as_deref())
        .and_then(|json| serde_json::from_str::<ReportFigures>(json).ok());
    let frozen = frozen_figures.is_some();
    // Communes report for their periods only, not for the Department's own.
    let communes = if scope == PROVINCE_CODE && p.audience != "department" {
        statuses(db, &p, today).await?
    } else {
        Vec::new()
    };
    let communes_note =
        (scope == PROVINCE_CODE && p.audience != "department" && communes.is_empty()).then(|| {
            Text::new(
                "Các xã, phường hiện nay chưa thành lập khi kỳ này kết thúc: báo cáo của kỳ do cấp \
                 huyện lập, ngoài hệ thống."
                    .to_owned(),
                "Today's communes did not exist yet when this period ended: its reports were \
                 made by the districts, outside this system."
                    .to_owned(),
            )
        });
    let figures = match frozen_figures {
        Some(f) => f,
        None => live_figures(db, &p, scope, today).await?,
    };
    let province = scope == PROVINCE_CODE;
    let may = |action| allowed(actor, action, resource(scope)).is_ok();
    Ok(ReportView {
        period: period_row(&p),
        scope_code: scope.to_owned(),
        scope_name: unit_name(db, scope).await?,
        state: state.as_str().to_owned(),
        standing: standing_of(saved.as_ref(), &p, today).as_str().to_owned(),
        results: saved
            .as_ref()
            .map(|r| r.results.clone())
            .unwrap_or_default(),
        difficulties: saved
            .as_ref()
            .map(|r| r.difficulties.clone())
            .unwrap_or_default(),
        proposals: saved
            .as_ref()
            .map(|r| r.proposals.clone())
            .unwrap_or_default(),
        review_comment: saved.as_ref().and_then(|r| r.review_comment.clone()),
        submitted_on: saved
            .as_ref()
            .and_then(|r| r.submitted_at)
            .map(|at| crate::domain::dates::day_in_vietnam(at).to_string()),
        version: saved.as_ref().map_or(0, |r| r.version),
        frozen,
        figures,
        can_edit: state.editable() && may(Action::WriteReport),
        can_review: !province && state.reviewable() && may(Action::ReviewReports),
        reviewed: !province,
        // Communes report for their periods only, not for the Department's own.
        communes,
        communes_note,
    })
}

fn checked(sections: Sections) -> Result<Sections, ServiceError> {
    let limit = |text: String, field: &'static str| {
        let text = text.trim().to_owned();
        if text.chars().count() > SECTION_MAX {
            Err(invalid(field, Reason::TooLong))
        } else {
            Ok(text)
        }
    };
    Ok(Sections {
        results: limit(sections.results, "results")?,
        difficulties: limit(sections.difficulties, "difficulties")?,
        proposals: limit(sections.proposals, "proposals")?,
    })
}

/// Saves the written sections (creating the report on its first save); with `submit`, also
/// freezes today's figures and submits it. Returns the new version.
///
/// # Errors
/// `Denied` unless the actor writes `scope`'s reports; `NotFound` for an unknown period;
/// `Conflict(Reason::ChangedMeanwhile)` if `version` is not the saved one; `Conflict(Reason::NotEditable)` once
/// submitted or accepted; `Invalid` for a section too long, or for submitting without results.
#[allow(clippy::too_many_arguments)]
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    period_id: i32,
    scope: &str,
    sections: Sections,
    version: i32,
    submit: bool,
    today: NaiveDate,
) -> Result<i32, ServiceError> {
    allowed(actor, Action::WriteReport, resource(scope)).map_err(ServiceError::Denied)?;
    let sections = checked(sections)?;
    if submit && sections.results.is_empty() {
        return Err(invalid("results", Reason::Required));
    }
    let txn = db.begin().await?;
    let p = period(&txn, period_id).await?;
    if !reports_for(&txn, &p, scope).await? {
        return Err(ServiceError::NotFound);
    }
    let saved = find(&txn, period_id, scope).await?;
    if saved.as_ref().map_or(0, |r| r.version) != version {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    if saved.as_ref().is_some_and(|r| !state_of(r).editable()) {
        return Err(ServiceError::Conflict(Reason::NotEditable));
    }
    let now = crate::clock::now();
    let mut row: report::ActiveModel = match saved {
        Some(r) => r.into(),
        None => report::ActiveModel {
            period_id: Set(period_id),
            scope_code: Set(scope.to_owned()),
            state: Set(ReportState::Draft),
            ..Default::default()
        },
    };
    row.results = Set(sections.results);
    row.difficulties = Set(sections.difficulties);
    row.proposals = Set(sections.proposals);
    row.version = Set(version + 1);
    row.updated_at = Set(now);
    if submit {
        let figures = live_figures(&txn, &p, scope, today).await?;
        let json = serde_json::to_string(&figures).map_err(|_| invalid("figures", Reason::Json))?;
        row.snapshot_json = Set(Some(json));
        row.state = Set(ReportState::Submitted);
        row.submitted_at = Set(Some(now));
        row.submitted_by = Set(actor.user_id());
    }
    let saved = row.save(&txn).await?;
    if submit && scope != PROVINCE_CODE {
        notify(
            &txn,
            actor,
            &[Audience::ProvincialOfficers],
            "report.submitted",
            None,
            &format!(
                "{} — {}",
                period_row(&p).name.vi,
                unit_name(&txn, scope).await?
            ),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(match saved.version {
        sea_orm::ActiveValue::Set(v) | sea_orm::ActiveValue::Unchanged(v) => v,
        sea_orm::ActiveValue::NotSet => version + 1,
    })
}

/// The province accepts a submitted commune report, or returns it with `comment` (required):
/// a returned report is editable again and its snapshot is dropped until resubmitted.
///
/// # Errors
/// `Denied` for anyone but provincial officers; `NotFound`; `Conflict(Reason::ChangedMeanwhile)`;
/// `Conflict(Reason::NotSubmitted)`; `Invalid("comment", "required")` for a return without one.
pub async fn review(
    db: &DatabaseConnection,
    actor: &Actor,
    period_id: i32,
    scope: &str,
    accept: bool,
    comment: &str,
    version: i32,
) -> Result<i32, ServiceError> {
    allowed(actor, Action::ReviewReports, resource(scope)).map_err(ServiceError::Denied)?;
    if scope == PROVINCE_CODE {
        return Err(ServiceError::NotFound);
    }
    let comment = comment.trim();
    if !accept && comment.is_empty() {
        return Err(invalid("comment", Reason::Required));
    }
    let txn = db.begin().await?;
    let p = period(&txn, period_id).await?;
    let saved = find(&txn, period_id, scope)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if saved.version != version {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    if !state_of(&saved).reviewable() {
        return Err(ServiceError::Conflict(Reason::NotSubmitted));
    }
    let mut row: report::ActiveModel = saved.into();
    let next = version + 1;
    row.state = Set(if accept {
        ReportState::Accepted
    } else {
        ReportState::Returned
    });
    if !accept {
        row.snapshot_json = Set(None);
    }
    row.review_comment = Set((!comment.is_empty()).then(|| comment.to_owned()));
    row.reviewed_at = Set(Some(crate::clock::now()));
    row.reviewed_by = Set(actor.user_id());
    row.version = Set(next);
    row.update(&txn).await?;
    notify(
        &txn,
        actor,
        &[Audience::CommuneOfficers(scope)],
        if accept {
            "report.accepted"
        } else {
            "report.returned"
        },
        None,
        &period_row(&p).name.vi,
    )
    .await?;
    txn.commit().await?;
    Ok(next)
}

/// What a report downloads as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Pdf,
}

/// The report as a file to download (name, bytes), from the same model as its page.
///
/// # Errors
/// As `open`; `Invalid("report", …)` if the file cannot be made (a bug).
pub async fn export(
    db: &impl ConnectionTrait,
    actor: &Actor,
    period_id: i32,
    scope: &str,
    today: NaiveDate,
    format: ExportFormat,
) -> Result<(String, Vec<u8>), ServiceError> {
    let view = open(db, actor, period_id, scope, today).await?;
    let stem = format!(
        "bao-cao-{}-{}-{}",
        view.period.kind, view.period.year, view.scope_code
    );
    match format {
        ExportFormat::Xlsx => crate::documents::report_xlsx::render(&view)
            .map(|bytes| (format!("{stem}.xlsx"), bytes))
            .map_err(|_| invalid("report", Reason::Xlsx)),
        ExportFormat::Pdf => crate::documents::report_pdf::render(&view, today)
            .map(|bytes| (format!("{stem}.pdf"), bytes))
            .map_err(ServiceError::from),
    }
}

/// A report's XLSX and PDF from one model (what `bench/national.mjs` times).
///
/// # Errors
/// As `export`.
pub async fn export_both(
    db: &impl ConnectionTrait,
    actor: &Actor,
    period_id: i32,
    scope: &str,
    today: NaiveDate,
) -> Result<(Vec<u8>, Vec<u8>), ServiceError> {
    let view = open(db, actor, period_id, scope, today).await?;
    let xlsx = crate::documents::report_xlsx::render(&view)
        .map_err(|_| invalid("report", Reason::Xlsx))?;
    let pdf = crate::documents::report_pdf::render(&view, today)?;
    Ok((xlsx, pdf))
}

/// Runs the queries a report's page makes — and nothing else: no counting, no rendering —
/// returning how many rows they read (the benchmark's yardstick for `export_both`).
///
/// # Errors
/// A database error; `NotFound` for an unknown period.
pub async fn queries_only(
    db: &impl ConnectionTrait,
    period_id: i32,
    scope: &str,
) -> Result<usize, ServiceError> {
    let p = period(db, period_id).await?;
    let saved = find(db, period_id, scope).await?;
    let facts = facts::load(db, scope).await?;
    let groups = product_group::Entity::find().all(db).await?;
    let communes = communes(db, &p).await?;
    let targets = crate::services::reports::live::targets(db, p.year, scope).await?;
    let reports = report::Entity::find()
        .filter(report::Column::PeriodId.eq(p.id))
        .all(db)
        .await?;
    let name = unit_name(db, scope).await?;
    Ok(usize::from(saved.is_some())
        + facts.certificates.len()
        + facts.ideas.len()
        + facts.dossiers.len()
        + facts.subjects.len()
        + groups.len()
        + communes.len()
        + usize::from(targets.new_3star.is_some())
        + reports.len()
        + usize::from(!name.is_empty()))
}
