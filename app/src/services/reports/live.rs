//! A report's figures computed from today's data (until it is submitted and frozen): the
//! facts of its locality, the year's targets, the units of its time, and for a review the
//! figures year by year.
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::domain::report::{PeriodKind, Window};
use crate::entities::{product_group, report_period, report_target};
use crate::models::reports::periodic::{ReportFigures, Text};
use crate::services::ServiceError;
use crate::services::reports::facts::{self, PROVINCE_CODE};
use crate::services::reports::figures::{self, Names, Targets};

/// The year's targets of `scope` (none set: no target).
pub(crate) async fn targets(
    db: &impl ConnectionTrait,
    year: i16,
    scope: &str,
) -> Result<Targets, ServiceError> {
    let row = report_target::Entity::find()
        .filter(report_target::Column::Year.eq(year))
        .filter(report_target::Column::ScopeCode.eq(scope))
        .one(db)
        .await?;
    Ok(row.map_or_else(Targets::default, |t| Targets {
        new_3star: Some(i64::from(t.new_products_3star)),
        national: Some(i64::from(t.national_dossiers)),
    }))
}

/// The figures of `scope` for `period`, computed from today's data.
///
/// # Errors
/// A database error.
pub async fn live_figures(
    db: &impl ConnectionTrait,
    p: &report_period::Model,
    scope: &str,
    today: NaiveDate,
) -> Result<ReportFigures, ServiceError> {
    let facts = facts::load(db, scope).await?;
    let groups = product_group::Entity::find()
        .filter(
            product_group::Column::Scheme
                .eq(crate::services::master_data::units::CURRENT_GROUP_SCHEME),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.code, Text::new(g.name_vi, g.name_en)))
        .collect();
    let province = scope == PROVINCE_CODE;
    let window = Window {
        start: p.starts_on,
        end: p.ends_on,
    };
    let mut names = Names {
        groups,
        ..Names::default()
    };
    if province {
        let layout = crate::services::reports::unit_layout::layout(db, window).await?;
        names.communes = layout.rows;
        names.unit_of = layout.unit_of;
        names.districts = layout.districts;
        names.unit_note = layout.note;
    }
    let mut computed = figures::compute(
        &facts,
        window,
        today,
        targets(db, p.year, scope).await?,
        &names,
        province,
    );
    if PeriodKind::parse(&p.kind) == Some(PeriodKind::Review) {
        computed
            .tables
            .insert(0, figures::by_year_table(&facts, window, today));
    }
    Ok(computed)
}
