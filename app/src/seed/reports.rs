//! Demo periodic reports: for every commune with products, the 2025 annual report submitted
//! and accepted (a few late), the 2026 half-year report submitted (most accepted, Tràng
//! Định's still waiting for the province) — except Chi Lăng's, left for the trainer (and the
//! browser test) to write — and drafts of the current annual report; the province's 2025
//! report submitted, and the Department's nine-month report of 2026; the 2026 targets (an assumption of the demo, like its accounts).
use chrono::{NaiveDate, TimeZone};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QuerySelect, Set,
};

use crate::domain::report::ReportState;
use crate::entities::{admin_unit, product, report, report_period, report_target};
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

async fn period(
    db: &DatabaseConnection,
    kind: &str,
    year: i16,
) -> Result<Option<report_period::Model>, DbErr> {
    report_period::Entity::find()
        .filter(report_period::Column::Kind.eq(kind))
        .filter(report_period::Column::Year.eq(year))
        .one(db)
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

/// Adds the demo reports unless there are reports already; returns how many.
///
/// # Errors
/// A database error.
pub async fn seed_reports(db: &DatabaseConnection) -> Result<u64, DbErr> {
    if report::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    for (scope, new, national) in [(PROVINCE_CODE, 20, 1), (CHI_LANG, 2, 0), (TRANG_DINH, 2, 0)] {
        let exists = report_target::Entity::find()
            .filter(report_target::Column::Year.eq(2026))
            .filter(report_target::Column::ScopeCode.eq(scope))
            .count(db)
            .await?;
        if exists == 0 {
            report_target::ActiveModel {
                year: Set(2026),
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
    let (Some(annual_2025), Some(half_2026), Some(annual_2026)) = (
        period(db, "annual", 2025).await?,
        period(db, "half_year", 2026).await?,
        period(db, "annual", 2026).await?,
    ) else {
        return Ok(0);
    };
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let mut made = 0;
    for (n, code) in codes.iter().enumerate() {
        let Some(name) = names.get(code) else {
            continue;
        };
        let late = n % 5 == 4;
        let on = if late {
            day(2025, 12, 4)
        } else {
            day(2025, 11, 20 + (n % 8) as u32)
        };
        write(
            db,
            &annual_2025,
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
            let on = day(2026, 6, 15 + (n % 10) as u32);
            write(db, &half_2026, code, name, state, Some(on), None).await?;
            made += 1;
        }
        if code == TRANG_DINH || n % 4 == 0 {
            write(db, &annual_2026, code, name, ReportState::Draft, None, None).await?;
            made += 1;
        }
    }
    write(
        db,
        &annual_2025,
        PROVINCE_CODE,
        "tỉnh Lạng Sơn",
        ReportState::Submitted,
        Some(day(2025, 12, 10)),
        None,
    )
    .await?;
    made += 1;
    // The Department's own nine-month report to the provincial People's Committee.
    if let Some(nine_2026) = period(db, "nine_month", 2026).await? {
        let on = Some(day(2026, 9, 24));
        write(
            db,
            &nine_2026,
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
