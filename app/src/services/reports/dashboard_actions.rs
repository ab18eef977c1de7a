//! The dashboard's "what needs your action" list: for each level, a fixed set of counts, each
//! with where to act.
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::domain::dossier::DossierState;
use crate::domain::inspection::InspectionState;
use crate::domain::product_idea::IdeaState;
use crate::domain::report::ReportState;
use crate::domain::status::AccountStatus;
use crate::entities::{
    certificate as cert, dossier, inspection, product_idea, report, report_period, user_account,
};
use crate::models::reports::dashboard::ActionItem;
use crate::models::reports::periodic::Text;
use crate::services::ServiceError;
use crate::services::reports::dashboard::Level;

/// One line of the list.
fn item(vi: &str, en: &str, count: u64, href: String) -> ActionItem {
    ActionItem {
        label: Text::new(vi, en),
        count: count as i64,
        href,
    }
}

/// What waits for this viewer, each with a count and where to act (a fixed set of counts).
/// The province's list follows the dashboard's commune filter (`filtered_to`), as its figures do;
/// `expiring` is the dashboard's own count when it was made for the same communes and day.
pub(crate) async fn actions(
    db: &impl ConnectionTrait,
    level: &Level,
    filtered_to: Option<&[String]>,
    today: NaiveDate,
    expiring_within_days: i64,
    expiring: Option<i64>,
) -> Result<Vec<ActionItem>, ServiceError> {
    let days = u64::try_from(expiring_within_days).unwrap_or_default();
    match level {
        Level::Province => province(db, filtered_to, today, days, expiring).await,
        Level::Commune(code) => commune(db, code, today).await,
        Level::Producer(id) => producer(db, *id, today, days).await,
    }
}

/// Forwarded dossiers, registrations, commune reports to review, certificates expiring — of
/// the communes the dashboard is filtered to (one, or those of a former district).
async fn province(
    db: &impl ConnectionTrait,
    communes: Option<&[String]>,
    today: NaiveDate,
    days: u64,
    expiring: Option<i64>,
) -> Result<Vec<ActionItem>, ServiceError> {
    let mut items = Vec::new();
    let mut forwarded =
        dossier::Entity::find().filter(dossier::Column::State.eq(DossierState::Forwarded));
    if let Some(codes) = communes {
        forwarded = forwarded.filter(dossier::Column::CommuneCode.is_in(codes.to_vec()));
    }
    let forwarded = forwarded.count(db).await?;
    items.push(item(
        "Hồ sơ xã đã chuyển lên, chờ tỉnh",
        "Dossiers forwarded to the province",
        forwarded,
        "/province/dossiers?state=forwarded".into(),
    ));
    let mut pending = user_account::Entity::find()
        .filter(user_account::Column::Status.eq(AccountStatus::Pending));
    if let Some(codes) = communes {
        pending = pending.filter(user_account::Column::CommuneCode.is_in(codes.to_vec()));
    }
    let pending = pending.count(db).await?;
    items.push(item(
        "Đăng ký chờ duyệt",
        "Registrations waiting",
        pending,
        "/province/registrations".into(),
    ));
    let mut reports =
        report::Entity::find().filter(report::Column::State.eq(ReportState::Submitted));
    if let Some(codes) = communes {
        reports = reports.filter(report::Column::ScopeCode.is_in(codes.to_vec()));
    }
    let reports = reports.count(db).await?;
    items.push(item(
        "Báo cáo xã đã nộp, chờ xem xét",
        "Commune reports to review",
        reports,
        "/reports".into(),
    ));
    // The same count as the dashboard's "expiring" figure, counted again only when the
    // dashboard's own was narrowed by more than the communes, or made for another day.
    let expiring = match expiring {
        Some(n) => n,
        None => {
            let scope = crate::services::reports::dashboard_queries::Scope {
                communes: communes.map(<[String]>::to_vec),
                ..Default::default()
            };
            crate::services::reports::dashboard_queries::expiring(db, &scope, today, days).await?
        }
    };
    items.push(item(
        &format!("Giấy chứng nhận hết hạn trong {days} ngày"),
        &format!("Certificates expiring within {days} days"),
        u64::try_from(expiring).unwrap_or_default(),
        "/province/certificates?state=expiring".into(),
    ));
    let (overdue, proposed) = inspections(db, communes, today).await?;
    items.push(item(
        "Khắc phục sau kiểm tra quá hạn",
        "Corrections overdue after inspection",
        overdue,
        "/inspections?state=overdue".into(),
    ));
    items.push(item(
        "Đề nghị thu hồi chứng nhận chờ quyết định",
        "Revocations proposed, to decide",
        proposed,
        "/inspections?state=revocation_proposed".into(),
    ));

    Ok(items)
}

/// Corrections still awaited after their date, and proposals to revoke, of `communes` (all
/// when `None`).
async fn inspections(
    db: &impl ConnectionTrait,
    communes: Option<&[String]>,
    today: NaiveDate,
) -> Result<(u64, u64), ServiceError> {
    let scoped = || {
        let query = inspection::Entity::find();
        match communes {
            Some(codes) => query.filter(inspection::Column::CommuneCode.is_in(codes.to_vec())),
            None => query,
        }
    };
    let overdue = scoped()
        .filter(inspection::Column::State.eq(InspectionState::CorrectionRequested))
        .filter(inspection::Column::CorrectionDue.lt(today))
        .count(db)
        .await?;
    let proposed = scoped()
        .filter(inspection::Column::State.eq(InspectionState::RevocationProposed))
        .count(db)
        .await?;
    Ok((overdue, proposed))
}

/// Dossiers to check, ideas to review, registrations, the period's report if not submitted.
async fn commune(
    db: &impl ConnectionTrait,
    code: &str,
    today: NaiveDate,
) -> Result<Vec<ActionItem>, ServiceError> {
    let mut items = Vec::new();
    let inbox = dossier::Entity::find()
        .filter(dossier::Column::CommuneCode.eq(code))
        .filter(dossier::Column::State.is_in([DossierState::Submitted, DossierState::Resubmitted]))
        .count(db)
        .await?;
    items.push(item(
        "Hồ sơ chờ xã kiểm tra",
        "Dossiers to check",
        inbox,
        "/commune/dossiers".into(),
    ));
    let ideas = product_idea::Entity::find()
        .filter(product_idea::Column::CommuneCode.eq(code))
        .filter(product_idea::Column::State.eq(IdeaState::Submitted))
        .count(db)
        .await?;
    items.push(item(
        "Ý tưởng sản phẩm chờ xem xét",
        "Product ideas to review",
        ideas,
        "/commune/ideas".into(),
    ));
    let pending = user_account::Entity::find()
        .filter(user_account::Column::Status.eq(AccountStatus::Pending))
        .filter(user_account::Column::CommuneCode.eq(code))
        .count(db)
        .await?;
    items.push(item(
        "Đăng ký chờ duyệt",
        "Registrations waiting",
        pending,
        "/commune/registrations".into(),
    ));
    let (overdue, _) = inspections(db, Some(&[code.to_owned()]), today).await?;
    items.push(item(
        "Khắc phục sau kiểm tra quá hạn",
        "Corrections overdue after inspection",
        overdue,
        "/inspections?state=overdue".into(),
    ));
    let answered = inspection::Entity::find()
        .filter(inspection::Column::CommuneCode.eq(code))
        .filter(inspection::Column::State.eq(InspectionState::CorrectionAnswered))
        .count(db)
        .await?;
    items.push(item(
        "Báo cáo khắc phục chờ xem xét",
        "Correction answers to judge",
        answered,
        "/inspections?state=correction_answered".into(),
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
            .filter(report::Column::ScopeCode.eq(code))
            .filter(report::Column::State.is_in([ReportState::Submitted, ReportState::Accepted]))
            .count(db)
            .await?;
        items.push(item(
            "Báo cáo định kỳ chưa nộp",
            "Periodic report not submitted",
            u64::from(done == 0),
            format!("/reports/{}/{code}", p.id),
        ));
    }

    Ok(items)
}

/// Dossiers returned for changes, certificates expiring.
async fn producer(
    db: &impl ConnectionTrait,
    id: i32,
    today: NaiveDate,
    days: u64,
) -> Result<Vec<ActionItem>, ServiceError> {
    let soon = today + chrono::Days::new(days);
    let mut items = Vec::new();
    let returned = dossier::Entity::find()
        .filter(dossier::Column::SubjectId.eq(id))
        .filter(dossier::Column::State.eq(DossierState::Returned))
        .count(db)
        .await?;
    items.push(item(
        "Hồ sơ bị trả lại cần bổ sung",
        "Dossiers returned for changes",
        returned,
        "/producer/dossiers".into(),
    ));
    let expiring = cert::Entity::find()
        .filter(cert::Column::SubjectId.eq(id))
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
    let corrections = inspection::Entity::find()
        .filter(inspection::Column::SubjectId.eq(id))
        .filter(inspection::Column::State.eq(InspectionState::CorrectionRequested))
        .count(db)
        .await?;
    items.push(item(
        "Yêu cầu khắc phục sau kiểm tra cần trả lời",
        "Corrections to answer after inspection",
        corrections,
        "/inspections?state=correction_requested".into(),
    ));

    Ok(items)
}
