//! Demo periodic reports, placed by the day the demo is made (`calendar`). The communes report
//! twice a year (half-year and annual); seen from today there is the current period (ending
//! today or later), the last one and the one before it. For every commune with products: the
//! report before last, and any older one since today's communes exist, submitted and accepted
//! (a few late); the last one submitted (most accepted, Tràng Định's still waiting for the
//! province) — except Chi Lăng's, overdue and left for the trainer (and the browser test) to
//! write; drafts of the current one. The province's report before last submitted, the
//! Department's last nine-month report, and the current year's targets (an assumption of the
//! demo, like its accounts). Made in December 2026: the 2025 annual, the 2026 half-year and the
//! 2026 annual reports.
use chrono::{NaiveDate, TimeZone};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::domain::report::ReportState;
use crate::entities::{admin_unit, product, report, report_period, report_target};
use crate::seed::calendar::DemoCalendar;
use crate::services::reports::facts::PROVINCE_CODE;
use crate::services::reports::periodic::live_figures;

const CHI_LANG: &str = "06463";
const TRANG_DINH: &str = "06046";

fn at(day: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    // 09:00 in Vietnam.
    chrono::Utc.from_utc_datetime(&day.and_hms_opt(2, 0, 0).unwrap_or_default())
}

fn err(e: crate::services::ServiceError) -> DbErr {
    DbErr::Custom(e.to_string())
}

/// The periods of `audience`, oldest first.
async fn periods(
    db: &impl ConnectionTrait,
    audience: &str,
) -> Result<Vec<report_period::Model>, DbErr> {
    report_period::Entity::find()
        .filter(report_period::Column::Audience.eq(audience))
        .order_by_asc(report_period::Column::EndsOn)
        .all(db)
        .await
}

fn sections(name: &str, certified: i64, valid: i64) -> (String, String, String) {
    (
        format!(
            "Trong kỳ, {name} tiếp tục triển khai Chương trình OCOP: tuyên truyền tới các hợp tác xã, hộ sản xuất; hướng dẫn chủ thể hoàn thiện hồ sơ, nhãn hàng hóa và truy xuất nguồn gốc. Kết quả: {certified} sản phẩm được công nhận trong kỳ; {valid} sản phẩm OCOP còn hiệu lực cuối kỳ."
        ),
        "Quy mô sản xuất của nhiều chủ thể còn nhỏ; chi phí kiểm nghiệm, thiết kế bao bì cao; một số sản phẩm hết hạn chứng nhận nhưng chủ thể chưa nộp hồ sơ đánh giá lại.".to_owned(),
        "Đề nghị Sở hỗ trợ kinh phí kiểm nghiệm, xây dựng tem truy xuất nguồn gốc và tổ chức tập huấn về nhãn hàng hóa cho các chủ thể.".to_owned(),
    )
}

/// Writes one report with figures frozen as of `submitted` (none: a draft).
async fn write(
    db: &DatabaseConnection,
    p: &report_period::Model,
    scope: &str,
    name: &str,
    state: ReportState,
    submitted: Option<NaiveDate>,
    reviewer_comment: Option<&str>,
) -> Result<(), DbErr> {
    let day = submitted.unwrap_or_else(crate::services::today_in_vietnam);
    let figures = live_figures(db, p, scope, day).await.map_err(err)?;
    let count = |table: &str, row: &str, col: usize| {
        figures
            .tables
            .iter()
            .find(|t| t.key == table)
            .and_then(|t| t.rows.iter().find(|r| r.key == row))
            .and_then(|r| r.values.get(col).copied())
            .unwrap_or(0)
    };
    let (results, difficulties, proposals) = sections(
        name,
        count("certified", "total", 3),
        count("certificates", "valid", 0),
    );
    let frozen = state.frozen();
    report::ActiveModel {
        period_id: Set(p.id),
        scope_code: Set(scope.to_owned()),
        state: Set(state),
        results: Set(results),
        difficulties: Set(difficulties),
        proposals: Set(if state == ReportState::Draft {
            String::new()
        } else {
            proposals
        }),
        snapshot_json: Set(if frozen {
            serde_json::to_string(&figures).ok()
        } else {
            None
        }),
        submitted_at: Set(submitted.map(at)),
        submitted_by: Set(None),
        reviewed_at: Set((state == ReportState::Accepted)
            .then(|| submitted.map(|d| at(d + chrono::Days::new(5))))
            .flatten()),
        reviewed_by: Set(None),
        review_comment: Set(reviewer_comment.map(str::to_owned)),
        version: Set(1),
        updated_at: Set(at(day)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The communes' periods the demo fills, seen from the day it is made.
#[derive(Debug, Clone)]
pub struct DemoPeriods {
    /// Accepted (a few late).
    pub before_last: report_period::Model,
    /// Submitted, most accepted; Chi Lăng's left unwritten (overdue).
    pub last: report_period::Model,
    /// Ends today or later: drafts.
    pub current: report_period::Model,
}

/// The communes' periods around `today`: the current one ends today or later.
///
/// # Errors
/// A database error.
pub async fn demo_periods(
    db: &impl ConnectionTrait,
    today: NaiveDate,
) -> Result<Option<DemoPeriods>, DbErr> {
    let mut all = periods(db, "commune").await?;
    let Some(now) = all.iter().position(|p| p.ends_on >= today) else {
        return Ok(None);
    };
    let Some(first) = now.checked_sub(2) else {
        return Ok(None);
    };
    let mut three = all.drain(first..=now);
    Ok(match (three.next(), three.next(), three.next()) {
        (Some(before_last), Some(last), Some(current)) => Some(DemoPeriods {
            before_last,
            last,
            current,
        }),
        _ => None,
    })
}

/// The communes' periods before `before_last` that today's communes reported for (ending once
/// they existed): accepted in the demo, so one made years from now shows no gap of overdue
/// reports.
async fn older_periods(
    db: &DatabaseConnection,
    before_last: &report_period::Model,
) -> Result<Vec<report_period::Model>, DbErr> {
    let communes_from = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(CHI_LANG))
        .one(db)
        .await?
        .and_then(|u| u.valid_from);
    Ok(periods(db, "commune")
        .await?
        .into_iter()
        .filter(|p| p.ends_on < before_last.ends_on)
        .filter(|p| communes_from.is_some_and(|from| p.ends_on >= from))
        .collect())
}

/// Adds the demo reports unless there are reports already; returns how many.
///
/// # Errors
/// A database error.
pub async fn seed_reports(db: &DatabaseConnection) -> Result<u64, DbErr> {
    if report::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let today = DemoCalendar::now().today();
    let Some(DemoPeriods {
        before_last,
        last,
        current,
    }) = demo_periods(db, today).await?
    else {
        return Ok(0);
    };
    let (before_last, last, current) = (&before_last, &last, &current);
    for (scope, new, national) in [(PROVINCE_CODE, 20, 1), (CHI_LANG, 2, 0), (TRANG_DINH, 2, 0)] {
        let exists = report_target::Entity::find()
            .filter(report_target::Column::Year.eq(current.year))
            .filter(report_target::Column::ScopeCode.eq(scope))
            .count(db)
            .await?;
        if exists == 0 {
            report_target::ActiveModel {
                year: Set(current.year),
                scope_code: Set(scope.to_owned()),
                new_products_3star: Set(new),
                national_dossiers: Set(national),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    let mut codes: Vec<String> = product::Entity::find()
        .select_only()
        .column(product::Column::CommuneCode)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    codes.sort();
    let names: std::collections::HashMap<String, String> = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.is_in(codes.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.code, u.name))
        .collect();
    // Days around a period's due date.
    let around = |p: &report_period::Model, days: i64| p.due_on + chrono::Duration::days(days);
    let older = older_periods(db, before_last).await?;
    let mut made = 0;
    for (n, code) in codes.iter().enumerate() {
        let Some(name) = names.get(code) else {
            continue;
        };
        for p in &older {
            let on = Some(around(p, (n % 8) as i64 - 10));
            write(db, p, code, name, ReportState::Accepted, on, None).await?;
            made += 1;
        }
        let late = n % 5 == 4;
        let on = if late {
            around(before_last, 4)
        } else {
            around(before_last, (n % 8) as i64 - 10)
        };
        write(
            db,
            before_last,
            code,
            name,
            ReportState::Accepted,
            Some(on),
            None,
        )
        .await?;
        made += 1;
        if code != CHI_LANG {
            let state = if code == TRANG_DINH || n % 3 == 1 {
                ReportState::Submitted
            } else {
                ReportState::Accepted
            };
            let on = around(last, (n % 10) as i64 - 10);
            write(db, last, code, name, state, Some(on), None).await?;
            made += 1;
        }
        if code == TRANG_DINH || n % 4 == 0 {
            write(db, current, code, name, ReportState::Draft, None, None).await?;
            made += 1;
        }
    }
    write(
        db,
        before_last,
        PROVINCE_CODE,
        "tỉnh Lạng Sơn",
        ReportState::Submitted,
        Some(around(before_last, 10)),
        None,
    )
    .await?;
    made += 1;
    // The Department's own nine-month report to the provincial People's Committee.
    let departments = periods(db, "department").await?;
    if let Some(nine) = departments.iter().rfind(|p| p.due_on < today) {
        let on = Some(around(nine, -1));
        write(
            db,
            nine,
            PROVINCE_CODE,
            "Sở Nông nghiệp và Môi trường",
            ReportState::Submitted,
            on,
            None,
        )
        .await?;
        made += 1;
    }
    Ok(made)
}
