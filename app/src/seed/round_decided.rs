//! The demo's decided round with dossiers: last year's supplementary round took the forwarded
//! dossiers of Lộc Bình (`DECIDED_COMMUNE`), the three demo council members scored them, the
//! province wrote the council's remarks and decided — through the real services, so the
//! dossiers ended as they would: two certified, one not reached (scored below 50), each
//! producer notified. A trainer opens the not-reached one as its producer to show the score,
//! each part and the remarks.
use chrono::Days;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::auth::current::to_actor;
use crate::auth::{Actor, Role};
use crate::domain::dossier::DossierState;
use crate::entities::user_account;
use crate::models::evaluation::rounds::DecisionInput;
use crate::seed::calendar::DemoCalendar;
use crate::seed::rounds::{
    demo_err, fill, join_round, round_input, round_version, set_dates, working_dates,
};
use crate::services::ServiceError;
use crate::services::certificates::register::CertificateSettings;
use crate::services::evaluation::{decision, members, remarks, rounds};

/// The commune whose forwarded dossiers the decided round took (`dossiers::PLAN`).
pub const DECIDED_COMMUNE: &str = "06529";

/// The option each council member picks on the n-th dossier: the second one scores about 39
/// (one member far below the others), below the 50 points of 3★.
const PICKS: [[usize; 3]; 3] = [[1, 1, 2], [0, 1, 1], [1, 2, 1]];
/// Which of the round's dossiers does not reach 3★.
const NOT_REACHED: usize = 1;

/// What the council said of the product that did not reach 3★.
const REMARKS_NOT_REACHED: &str = "Sản phẩm chưa có tiêu chuẩn cơ sở và phiếu kiểm nghiệm \
chỉ tiêu an toàn thực phẩm; bao bì chưa có đủ nội dung nhãn bắt buộc; chưa có câu chuyện sản \
phẩm. Đề nghị chủ thể bổ sung và nộp hồ sơ ở đợt sau (minh họa).";
const REMARKS_CERTIFIED: &str = "Sản phẩm đạt yêu cầu; đề nghị mở rộng vùng nguyên liệu và \
quảng bá trên sàn thương mại điện tử (minh họa).";

/// Creates, scores and decides the round; returns how many certificates it issued.
///
/// # Errors
/// A database error, or a service refusing a step (a bug in this plan).
pub async fn decided_round(
    db: &DatabaseConnection,
    province: &Actor,
    calendar: DemoCalendar,
) -> Result<u64, DbErr> {
    let year = calendar.year() - 1;
    // Two weeks after the year's main round, but within its year whatever the demo's day.
    let last_day = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    let shift = |d: chrono::NaiveDate| (d + Days::new(14)).min(last_day);
    let [deadline, from, until] = calendar.decided_round(year);
    let input = round_input(
        format!("Đợt bổ sung năm {year} (minh họa)"),
        year,
        working_dates(),
    );
    let round = rounds::create(db, province, &input)
        .await
        .map_err(demo_err("decided round"))?;
    let (joining, council) = join_round(db, province, round, &[DECIDED_COMMUNE], None).await?;
    let version = || round_version(db, round);
    // Preparation → advisory review → scoring.
    for _ in 0..2 {
        rounds::advance(db, province, round, version().await?)
            .await
            .map_err(demo_err("decided round's phase"))?;
    }
    for (n, &d) in joining.iter().enumerate() {
        let picks = PICKS[n % PICKS.len()];
        for (member, pick) in council.iter().zip(picks) {
            fill(db, member, round, d, pick).await?;
        }
        let words = if n % PICKS.len() == NOT_REACHED {
            REMARKS_NOT_REACHED
        } else {
            REMARKS_CERTIFIED
        };
        remarks::save_remarks(db, province, round, d, words)
            .await
            .map_err(demo_err("remarks"))?;
    }
    rounds::advance(db, province, round, version().await?)
        .await
        .map_err(demo_err("decided round's deliberation"))?;
    let decided = shift(calendar.decision_day(year));
    let issued = decision::decide(
        db,
        province,
        round,
        version().await?,
        &DecisionInput {
            number: format!("{}/QĐ-UBND", 1500 + year % 100),
            date: decided.format("%Y-%m-%d").to_string(),
            signer: "Chủ tịch UBND tỉnh Lạng Sơn (minh họa)".into(),
        },
        &CertificateSettings::default(),
    )
    .await
    .map_err(demo_err("decision"))?;
    set_dates(db, round, [shift(deadline), shift(from), shift(until)]).await?;
    Ok(u64::try_from(issued).unwrap_or(0))
}

/// Takes one forwarded dossier through a round of its own to `target` (in evaluation,
/// certified or not reached), as the province and one council member would: for tests and
/// the permission matrix, which need dossiers in every state.
///
/// # Errors
/// A service refusing a step, or no council member in the database.
pub async fn through_a_round(
    db: &DatabaseConnection,
    province: &Actor,
    dossier_id: i32,
    target: DossierState,
) -> Result<(), ServiceError> {
    let today = crate::services::today_in_vietnam();
    let input = round_input(
        format!("Đợt riêng của hồ sơ {dossier_id}"),
        chrono::Datelike::year(&today),
        [today + Days::new(7), today, today + Days::new(20)],
    );
    let round = rounds::create(db, province, &input).await?;
    rounds::add_dossiers(db, province, round, &[dossier_id]).await?;
    if target == DossierState::InEvaluation {
        return Ok(());
    }
    let member = user_account::Entity::find()
        .filter(user_account::Column::Role.eq(Role::CouncilMember))
        .order_by_asc(user_account::Column::Id)
        .one(db)
        .await?
        .map(|a| to_actor(&a))
        .ok_or(ServiceError::NotFound)?;
    members::add_member(
        db,
        province,
        round,
        member.user_id().unwrap_or_default(),
        None,
        None,
    )
    .await?;
    let version = || async { Ok::<i32, ServiceError>(round_version(db, round).await?) };
    for _ in 0..2 {
        rounds::advance(db, province, round, version().await?).await?;
    }
    // The best option everywhere scores 90 and more; the first scores below 50.
    let pick = if target == DossierState::Certified {
        9
    } else {
        0
    };
    fill(db, &member, round, dossier_id, pick).await?;
    rounds::advance(db, province, round, version().await?).await?;
    decision::decide(
        db,
        province,
        round,
        version().await?,
        &DecisionInput {
            number: format!("{dossier_id}/QĐ-UBND"),
            date: today.format("%Y-%m-%d").to_string(),
            signer: "Chủ tịch UBND tỉnh".into(),
        },
        &CertificateSettings::default(),
    )
    .await?;
    Ok(())
}
