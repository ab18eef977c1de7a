//! The demo's monitoring after certification (issue 23): Chi Lăng's officer found one of Đồng
//! Bành's certified products compliant two months ago; the province's ad hoc team asked for a
//! correction last week, which Đồng Bành has still to answer; a periodic visit is planned for
//! next week; and the certificate revoked nine months ago (`rounds::revoke_one`) was revoked on
//! an inspection's proposal. Made through the services, as officers would, but the revoked one
//! (written as it stood then).
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::auth::Actor;
use crate::domain::inspection::{InspectionKind, InspectionState};
use crate::entities::{certificate, inspection, inspection_finding, subject};
use crate::models::inspections::{InspectionInput, PlanInput};
use crate::seed::calendar::DemoCalendar;
use crate::seed::rounds::account;
use crate::services::inspections::{plan, steps};

fn failed(what: &'static str) -> impl Fn(crate::services::ServiceError) -> DbErr {
    move |e| DbErr::Custom(format!("demo inspections ({what}): {e}"))
}

/// Adds the demo inspections unless there are some; returns how many.
///
/// # Errors
/// A database error, or a service refusing a step (a bug in this plan).
pub async fn seed_inspections(db: &DatabaseConnection) -> Result<u64, DbErr> {
    if inspection::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let calendar = DemoCalendar::now();
    let today = calendar.today();
    let commune = account(db, "xa.chilang@demo.vn").await?;
    let province = account(db, "so.nnmt@demo.vn").await?;
    let producer = account(db, "dongbanh@demo.vn").await?;
    let Actor::User {
        subject_id: Some(subject_id),
        ..
    } = producer
    else {
        return Ok(0);
    };
    let valid: Vec<i32> = certificate::Entity::find()
        .filter(certificate::Column::SubjectId.eq(subject_id))
        .filter(certificate::Column::RevokedOn.is_null())
        .filter(certificate::Column::SupersededBy.is_null())
        .filter(certificate::Column::ValidUntil.gte(today))
        .order_by_asc(certificate::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.product_id)
        .collect();
    let (Some(first), Some(second)) = (valid.first().copied(), valid.last().copied()) else {
        return Ok(0);
    };
    let day = |days_ago: u64| calendar.days_ago(days_ago).to_string();
    let planned = |kind: &str, product: i32, on: String, team: &str, purpose: &str| PlanInput {
        kind: kind.into(),
        product_ids: vec![product],
        planned_on: on,
        team: team.into(),
        purpose: purpose.into(),
    };
    let met = |note: &str| ("met".to_owned(), note.to_owned());

    // Compliant, two months ago.
    let ids = plan::plan(
        db,
        &commune,
        &planned(
            "periodic",
            first,
            day(62),
            "Tổ kiểm tra UBND xã Chi Lăng (ông Hoàng Văn Tùng, bà Lý Thị Mai)",
            "Kiểm tra định kỳ theo kế hoạch năm",
        ),
        today,
    )
    .await
    .map_err(failed("plan compliant"))?;
    let mut visit = visit_input(ids[0], "compliant", day(60));
    (visit.raw_materials, visit.raw_materials_note) = met("Có hợp đồng liên kết vùng nguyên liệu");
    (visit.label_mark, visit.label_mark_note) = met("Nhãn ghi đúng số sao, còn hiệu lực");
    visit.conclusion = "Cơ sở duy trì tốt các điều kiện như khi được công nhận.".into();
    steps::record_visit(db, &commune, &visit, today)
        .await
        .map_err(failed("visit compliant"))?;

    // A correction awaited from the producer, due in two weeks.
    let ids = plan::plan(
        db,
        &province,
        &planned(
            "ad_hoc",
            second,
            day(8),
            "Đoàn kiểm tra liên ngành tỉnh (Sở Nông nghiệp và Môi trường, Sở Y tế)",
            "Kiểm tra đột xuất theo phản ánh của người tiêu dùng về nhãn hàng hóa",
        ),
        today,
    )
    .await
    .map_err(failed("plan correction"))?;
    let mut visit = visit_input(ids[0], "correction", day(6));
    visit.label_mark = "not_met".into();
    visit.label_mark_note =
        "Tem nhãn lô mới chưa ghi hạn sử dụng; biểu trưng OCOP in sai tỷ lệ.".into();
    visit.correction_request =
        "Bổ sung hạn sử dụng trên nhãn, in lại biểu trưng OCOP đúng quy định; gửi ảnh nhãn mới."
            .into();
    visit.correction_due = (today + chrono::Days::new(14)).to_string();
    steps::record_visit(db, &province, &visit, today)
        .await
        .map_err(failed("visit correction"))?;

    // A periodic visit next week, for the officer to record on a phone.
    plan::plan(
        db,
        &commune,
        &planned(
            "periodic",
            first,
            (today + chrono::Days::new(7)).to_string(),
            "Tổ kiểm tra UBND xã Chi Lăng",
            "",
        ),
        today,
    )
    .await
    .map_err(failed("plan next"))?;

    revoked_on_inspection(db, calendar, &province).await?;
    inspection::Entity::find().count(db).await
}

fn visit_input(inspection_id: i32, verdict: &str, visited_on: String) -> InspectionInput {
    InspectionInput {
        inspection_id,
        action: "RecordVisit".into(),
        verdict: verdict.into(),
        visited_on,
        raw_materials: "met".into(),
        process: "met".into(),
        facilities: "met".into(),
        label_mark: "met".into(),
        food_safety: "met".into(),
        ..Default::default()
    }
}

/// The inspection behind the demo's revoked certificate, as it was then: the product no longer
/// made, the proposal, and the province's revocation.
async fn revoked_on_inspection(
    db: &DatabaseConnection,
    calendar: DemoCalendar,
    province: &Actor,
) -> Result<(), DbErr> {
    let Some(c) = certificate::Entity::find()
        .filter(certificate::Column::RevokedOn.is_not_null())
        .order_by_asc(certificate::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let Some(s) = subject::Entity::find_by_id(c.subject_id).one(db).await? else {
        return Ok(());
    };
    let row = inspection::ActiveModel {
        product_id: Set(c.product_id),
        subject_id: Set(s.id),
        commune_code: Set(s.commune_code),
        certificate_id: Set(Some(c.id)),
        kind: Set(InspectionKind::Periodic),
        planned_on: Set(calendar.days_ago(300)),
        team: Set("Đoàn kiểm tra Sở Nông nghiệp và Môi trường".into()),
        purpose: Set(Some("Kiểm tra định kỳ theo kế hoạch năm".into())),
        state: Set(InspectionState::Revoked),
        planned_by: Set(province.user_id().unwrap_or_default()),
        created_at: Set(crate::clock::now()),
        visited_on: Set(Some(calendar.days_ago(295))),
        visited_by: Set(province.user_id()),
        conclusion: Set(Some(
            "Cơ sở đã ngừng sản xuất sản phẩm hơn 12 tháng, không còn nguyên liệu và dây chuyền."
                .into(),
        )),
        revocation_reason: Set(Some("Ngừng sản xuất quá 12 tháng".into())),
        closed_on: Set(c.revoked_on),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (area, finding) in [
        ("raw_materials", "not_met"),
        ("process", "not_met"),
        ("facilities", "not_met"),
        ("label_mark", "not_checked"),
        ("food_safety", "not_checked"),
    ] {
        inspection_finding::ActiveModel {
            inspection_id: Set(row.id),
            area: Set(area.into()),
            finding: Set(finding.into()),
            note: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    certificate::Entity::update_many()
        .col_expr(certificate::Column::RevokeInspectionId, Some(row.id).into())
        .filter(certificate::Column::Id.eq(c.id))
        .exec(db)
        .await?;
    Ok(())
}
