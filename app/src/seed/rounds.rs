//! Demo evaluation rounds: one decided round per year 2019–2025 whose certificates match the
//! demo products' stars and years (so some are valid, some expiring, most older ones expired;
//! one is revoked and a few 3★ certificates were superseded by a later 4★), and one open round
//! of 2026 in its scoring phase — the forwarded dossiers of Thất Khê and Hữu Lũng, the three
//! demo council members (one of them lives in Thất Khê: flagged automatically), the advisory
//! member's sheets, and one member's submitted sheets — so a trainer scores live as
//! `hoidong@demo.vn`. The forwarded dossiers of Chi Lăng and Tràng Định stay for a new round.
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::auth::Actor;
use crate::auth::current::to_actor;
use crate::domain::dossier::DossierState;
use crate::domain::round::{Phase, RoundInput};
use crate::entities::{certificate, dossier, evaluation_round, product, subject, user_account};
use crate::services::ServiceError;
use crate::services::certificates::register::CertificateSettings;
use crate::services::evaluation::decision::{Issue, issue};
use crate::services::evaluation::{rounds, score_sheets};

fn demo_err(what: &str) -> impl Fn(ServiceError) -> DbErr + '_ {
    move |e| DbErr::Custom(format!("demo rounds ({what}): {e}"))
}

async fn account(db: &DatabaseConnection, email: &str) -> Result<Actor, DbErr> {
    user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(db)
        .await?
        .map(|a| to_actor(&a))
        .ok_or_else(|| DbErr::Custom(format!("demo account {email} missing")))
}

/// Adds the demo rounds unless there are rounds already; returns how many certificates.
///
/// # Errors
/// A database error, or a service refusing a step (a bug in this plan).
pub async fn seed_rounds(db: &DatabaseConnection) -> Result<u64, DbErr> {
    if evaluation_round::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let province = account(db, "so.nnmt@demo.vn").await?;
    let issued = past_rounds(db, &province).await?;
    open_round(db, &province).await?;
    Ok(issued)
}

/// A deterministic score within the product's star band.
fn score_for(product_id: i32, stars: u8) -> u32 {
    let spread = u32::try_from(product_id.rem_euclid(97)).unwrap_or(0) * 2;
    match stars {
        5 => 900 + spread.min(99),
        4 => 700 + spread.min(189),
        _ => 500 + spread.min(189),
    }
}

async fn past_rounds(db: &DatabaseConnection, province: &Actor) -> Result<u64, DbErr> {
    let products = product::Entity::find()
        .filter(product::Column::Stars.is_not_null())
        .filter(product::Column::CertifiedYear.is_not_null())
        .order_by_asc(product::Column::Id)
        .all(db)
        .await?;
    let settings = CertificateSettings::default();
    let mut issued = 0;
    let mut revoked = false;
    // The province's 2025 plan sent one dossier to the Ministry for 5★: the first 4★ of 2025
    // scored 90 points or more and awaits the Ministry's answer (`evaluation::ministry`).
    let mut proposed = false;
    // Only a product the public can open: its subject is active.
    let active: std::collections::HashSet<i32> = subject::Entity::find()
        .filter(subject::Column::Status.eq(crate::domain::status::SubjectStatus::Active))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    for year in 2019..=2025i32 {
        let decided = NaiveDate::from_ymd_opt(year, 12, 15).unwrap_or_default();
        let input = RoundInput {
            name: format!("Đợt đánh giá năm {year} (minh họa)"),
            year: year.to_string(),
            dossier_deadline: format!("{year}-09-30"),
            scoring_from: format!("{year}-11-01"),
            scoring_until: format!("{year}-11-30"),
            assigned_only: true,
            others_visible: "after_own".into(),
            identity_hidden: false,
            aggregation: "mean".into(),
        };
        let round = rounds::create(db, province, &input)
            .await
            .map_err(demo_err("past round"))?;
        let number = format!("{}/QĐ-UBND", 1800 + (year - 2019) * 37);
        evaluation_round::Entity::update_many()
            .col_expr(evaluation_round::Column::Phase, Expr::value(Phase::Decided))
            .col_expr(
                evaluation_round::Column::DecisionNumber,
                number.clone().into(),
            )
            .col_expr(evaluation_round::Column::DecisionDate, decided.into())
            .col_expr(
                evaluation_round::Column::DecisionSigner,
                "Chủ tịch UBND tỉnh Lạng Sơn (minh họa)".into(),
            )
            .filter(evaluation_round::Column::Id.eq(round))
            .exec(db)
            .await?;
        for p in products
            .iter()
            .filter(|p| p.certified_year == Some(i16::try_from(year).unwrap_or(0)))
        {
            let stars = u8::try_from(p.stars.unwrap_or(0)).unwrap_or(0);
            if stars < 3 {
                continue;
            }
            // Some 4★ products of recent years were first certified 3★ three years earlier.
            if stars == 4 && year >= 2022 && p.id % 5 == 0 {
                let earlier = NaiveDate::from_ymd_opt(year - 3, 12, 15).unwrap_or_default();
                issue(
                    db,
                    Issue {
                        round_id: None,
                        dossier_id: None,
                        product_id: p.id,
                        subject_id: p.subject_id,
                        stars: 3,
                        score: score_for(p.id, 3),
                        national: false,
                        decision_number: &format!("{}/QĐ-UBND", 100 + p.id),
                        decision_date: earlier,
                    },
                    &settings,
                )
                .await
                .map_err(demo_err("earlier certificate"))?;
            }
            let propose = !proposed && year == 2025 && stars == 4 && active.contains(&p.subject_id);
            proposed |= propose;
            let made = issue(
                db,
                Issue {
                    round_id: Some(round),
                    dossier_id: None,
                    product_id: p.id,
                    subject_id: p.subject_id,
                    stars,
                    score: if propose { 915 } else { score_for(p.id, stars) },
                    national: stars == 5 || propose,
                    decision_number: &number,
                    decision_date: decided,
                },
                &settings,
            )
            .await
            .map_err(demo_err("certificate"))?;
            issued += 1;
            if !revoked && year == 2024 {
                revoked = true;
                certificate::Entity::update_many()
                    .col_expr(
                        certificate::Column::RevokedOn,
                        NaiveDate::from_ymd_opt(2026, 3, 2).into(),
                    )
                    .col_expr(
                        certificate::Column::RevokeReason,
                        "Ngừng sản xuất quá 12 tháng (minh họa)".into(),
                    )
                    .col_expr(certificate::Column::RevokeDecision, "215/QĐ-UBND".into())
                    .filter(certificate::Column::Id.eq(made.id))
                    .exec(db)
                    .await?;
                product::Entity::update_many()
                    .col_expr(product::Column::Stars, Option::<i16>::None.into())
                    .filter(product::Column::Id.eq(p.id))
                    .exec(db)
                    .await?;
            }
        }
    }
    Ok(issued)
}

/// The open round of 2026, in scoring.
async fn open_round(db: &DatabaseConnection, province: &Actor) -> Result<(), DbErr> {
    let input = RoundInput {
        name: "Đợt 1 năm 2026 (minh họa)".into(),
        year: "2026".into(),
        dossier_deadline: "2026-10-31".into(),
        scoring_from: "2026-11-20".into(),
        scoring_until: "2026-12-20".into(),
        assigned_only: true,
        others_visible: "after_own".into(),
        identity_hidden: false,
        aggregation: "mean".into(),
    };
    let round = rounds::create(db, province, &input)
        .await
        .map_err(demo_err("open round"))?;
    let joining: Vec<i32> = dossier::Entity::find()
        .filter(dossier::Column::State.eq(DossierState::Forwarded))
        .filter(dossier::Column::CommuneCode.is_in(["06040", "06385"]))
        .order_by_asc(dossier::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.id)
        .collect();
    let council = [
        account(db, "hoidong@demo.vn").await?,
        account(db, "hoidong2@demo.vn").await?,
        account(db, "hoidong3@demo.vn").await?,
    ];
    let advisory = account(db, "tuvan@demo.vn").await?;
    for member in council.iter().chain([&advisory]) {
        let id = member.user_id().unwrap_or_default();
        rounds::add_member(db, province, round, id, None, None)
            .await
            .map_err(demo_err("member"))?;
    }
    rounds::add_dossiers(db, province, round, &joining)
        .await
        .map_err(demo_err("dossiers"))?;
    // Each step reads the round's version first: adding members moved it.
    let phase = || async {
        let version = evaluation_round::Entity::find_by_id(round)
            .one(db)
            .await?
            .map_or(0, |r| r.version);
        rounds::advance(db, province, round, version)
            .await
            .map_err(demo_err("phase"))
    };
    phase().await?;
    for (n, &d) in joining.iter().enumerate() {
        fill(db, &advisory, round, d, 1 + n % 2).await?;
    }
    phase().await?;
    for (n, &d) in joining.iter().enumerate() {
        fill(db, &council[1], round, d, 2 - n % 2).await?;
    }
    Ok(())
}

/// Submits a sheet answering every criterion with option `pick` (or the last one).
async fn fill(
    db: &DatabaseConnection,
    member: &Actor,
    round: i32,
    dossier: i32,
    pick: usize,
) -> Result<(), DbErr> {
    let view = score_sheets::sheet(db, member, round, dossier)
        .await
        .map_err(demo_err("sheet"))?;
    let sheet = view
        .set
        .parts
        .iter()
        .flat_map(|p| &p.criteria)
        .map(|c| (c.code.clone(), pick.min(c.options.len().saturating_sub(1))))
        .collect();
    score_sheets::save(db, member, (round, dossier), view.version, &sheet, true)
        .await
        .map_err(demo_err("save sheet"))?;
    Ok(())
}
