//! Demo certificates and rounds, dated by the demo's calendar (`calendar`; the years below are
//! those of a demo made in December 2026): the history 2019–2024 imported from the province's
//! list (`history`: some valid, some expiring within weeks, most older ones expired, one since
//! revoked), the 2025 round decided in the system (its 4★ supersede a few earlier 3★), its
//! supplementary round with dossiers that ended certified or not reached (`round_decided`), and one
//! open round of 2026 in its scoring phase on the day the demo is made — the forwarded dossiers
//! of Thất Khê and Hữu Lũng, the three demo council members (one of them lives in Thất Khê:
//! flagged automatically), the advisory member's sheets, and one member's submitted sheets —
//! so a trainer scores live as `hoidong@demo.vn`. The forwarded dossiers of Chi Lăng and Tràng Định stay for a new round.
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
use crate::seed::calendar::DemoCalendar;
use crate::seed::{history, round_decided};
use crate::services::ServiceError;
use crate::services::certificates::register::CertificateSettings;
use crate::services::evaluation::decision::{Issue, issue};
use crate::services::evaluation::{rounds, score_sheets};
use crate::services::files::store::FileStore;

pub(crate) fn demo_err(what: &str) -> impl Fn(ServiceError) -> DbErr + '_ {
    move |e| DbErr::Custom(format!("demo rounds ({what}): {e}"))
}

pub(crate) async fn account(db: &DatabaseConnection, email: &str) -> Result<Actor, DbErr> {
    user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(db)
        .await?
        .map(|a| to_actor(&a))
        .ok_or_else(|| DbErr::Custom(format!("demo account {email} missing")))
}

/// Adds the demo's history and rounds unless there are rounds already; returns how many
/// certificates: the history imported from the province's list (`history`), one of them since
/// revoked, and last year's round decided in the system.
///
/// # Errors
/// A database error, or a service refusing a step (a bug in this plan).
pub async fn seed_rounds(db: &DatabaseConnection, files: &dyn FileStore) -> Result<u64, DbErr> {
    if evaluation_round::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let province = account(db, "so.nnmt@demo.vn").await?;
    let calendar = DemoCalendar::now();
    // Read before the history is imported: the import gives a product certified again last
    // year the stars of its last certificate in the list until the round issues the new one.
    let of_last_year = product::Entity::find()
        .filter(product::Column::Stars.gte(3))
        .filter(product::Column::CertifiedYear.eq(calendar.year() - 1))
        .order_by_asc(product::Column::Id)
        .all(db)
        .await?;
    let imported = history::import_history(db, files, &province, calendar).await?;
    revoke_one(db, calendar).await?;
    let issued = last_years_round(db, &province, &of_last_year, calendar).await?;
    let supplementary = round_decided::decided_round(db, &province, calendar).await?;
    open_round(db, &province, calendar).await?;
    Ok(imported + issued + supplementary)
}

/// The first certificate of two years ago was revoked nine months ago; its product has no
/// stars since.
async fn revoke_one(db: &DatabaseConnection, calendar: DemoCalendar) -> Result<(), DbErr> {
    let year = calendar.year() - 2;
    let Some(c) = certificate::Entity::find()
        .filter(certificate::Column::DecisionNumber.eq(history::decision_number(year)))
        .order_by_asc(certificate::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(());
    };
    certificate::Entity::update_many()
        .col_expr(
            certificate::Column::RevokedOn,
            Some(calendar.days_ago(275)).into(),
        )
        .col_expr(
            certificate::Column::RevokeReason,
            "Ngừng sản xuất quá 12 tháng (minh họa)".into(),
        )
        .col_expr(certificate::Column::RevokeDecision, "215/QĐ-UBND".into())
        .filter(certificate::Column::Id.eq(c.id))
        .exec(db)
        .await?;
    product::Entity::update_many()
        .col_expr(product::Column::Stars, Option::<i16>::None.into())
        .filter(product::Column::Id.eq(c.product_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Last year's round, decided: its certificates supersede the 3★ some products had three
/// years before.
async fn last_years_round(
    db: &DatabaseConnection,
    province: &Actor,
    products: &[product::Model],
    calendar: DemoCalendar,
) -> Result<u64, DbErr> {
    let year = calendar.year() - 1;
    let settings = CertificateSettings::default();
    // The province's plan of that year sent one dossier to the Ministry for 5★: its first 4★
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
    let decided = calendar.decision_day(year);
    let input = round_input(
        format!("Đợt đánh giá năm {year} (minh họa)"),
        year,
        calendar.decided_round(year),
    );
    let round = rounds::create(db, province, &input)
        .await
        .map_err(demo_err("past round"))?;
    let number = history::decision_number(year);
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
    let mut issued = 0;
    for p in products {
        let stars = u8::try_from(p.stars.unwrap_or(0)).unwrap_or(0);
        let propose = !proposed && stars == 4 && active.contains(&p.subject_id);
        proposed |= propose;
        issue(
            db,
            Issue {
                round_id: Some(round),
                dossier_id: None,
                product_id: p.id,
                subject_id: p.subject_id,
                stars,
                score: if propose {
                    915
                } else {
                    history::score_for(p.id, stars)
                },
                national: stars == 5 || propose,
                decision_number: &number,
                decision_date: decided,
            },
            &settings,
        )
        .await
        .map_err(demo_err("certificate"))?;
        issued += 1;
    }
    Ok(issued)
}

/// A demo round of `year`: its dossier deadline, first and last scoring days.
pub(crate) fn round_input(
    name: String,
    year: i32,
    [deadline, from, until]: [NaiveDate; 3],
) -> RoundInput {
    let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    RoundInput {
        name,
        year: year.to_string(),
        dossier_deadline: iso(deadline),
        scoring_from: iso(from),
        scoring_until: iso(until),
        assigned_only: true,
        others_visible: "after_own".into(),
        identity_hidden: false,
        aggregation: "mean".into(),
    }
}

/// This year's open round, in scoring today.
async fn open_round(
    db: &DatabaseConnection,
    province: &Actor,
    calendar: DemoCalendar,
) -> Result<(), DbErr> {
    let year = calendar.year();
    let input = round_input(
        format!("Đợt 1 năm {year} (minh họa)"),
        year,
        working_dates(),
    );
    let round = rounds::create(db, province, &input)
        .await
        .map_err(demo_err("open round"))?;
    let advisory = account(db, "tuvan@demo.vn").await?;
    let (joining, council) =
        join_round(db, province, round, &["06040", "06385"], Some(&advisory)).await?;
    // Each step reads the round's version first: adding members moved it.
    let phase = || async {
        rounds::advance(db, province, round, round_version(db, round).await?)
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
    set_dates(db, round, calendar.open_round()).await
}

/// Dates under which a demo round is made through the services today: its dossiers may still
/// join and its sheets be submitted. `set_dates` then gives it the demo calendar's own.
pub(crate) fn working_dates() -> [NaiveDate; 3] {
    let today = crate::services::today_in_vietnam();
    // A week ahead: a seed running across midnight still adds its dossiers.
    [
        today + chrono::Days::new(7),
        today - chrono::Days::new(10),
        today + chrono::Days::new(20),
    ]
}

/// Gives a demo round its dossier deadline and scoring window (the services enforce them, so
/// a round of the past is made under `working_dates` first).
///
/// # Errors
/// A database error.
pub(crate) async fn set_dates(
    db: &DatabaseConnection,
    round: i32,
    [deadline, from, until]: [NaiveDate; 3],
) -> Result<(), DbErr> {
    evaluation_round::Entity::update_many()
        .col_expr(evaluation_round::Column::DossierDeadline, deadline.into())
        .col_expr(evaluation_round::Column::ScoringFrom, from.into())
        .col_expr(evaluation_round::Column::ScoringUntil, until.into())
        .filter(evaluation_round::Column::Id.eq(round))
        .exec(db)
        .await?;
    Ok(())
}

/// The three demo council members (and `advisory`, if any) and the forwarded dossiers of
/// `communes` join `round`; returns the dossiers and the council.
pub(crate) async fn join_round(
    db: &DatabaseConnection,
    province: &Actor,
    round: i32,
    communes: &[&str],
    advisory: Option<&Actor>,
) -> Result<(Vec<i32>, [Actor; 3]), DbErr> {
    let joining: Vec<i32> = dossier::Entity::find()
        .filter(dossier::Column::State.eq(DossierState::Forwarded))
        .filter(dossier::Column::CommuneCode.is_in(communes.iter().copied()))
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
    for member in council.iter().chain(advisory) {
        let id = member.user_id().unwrap_or_default();
        rounds::add_member(db, province, round, id, None, None)
            .await
            .map_err(demo_err("member"))?;
    }
    rounds::add_dossiers(db, province, round, &joining)
        .await
        .map_err(demo_err("dossiers"))?;
    Ok((joining, council))
}

/// The round's version now (each change moves it).
pub(crate) async fn round_version(db: &DatabaseConnection, round: i32) -> Result<i32, DbErr> {
    Ok(evaluation_round::Entity::find_by_id(round)
        .one(db)
        .await?
        .map_or(0, |r| r.version))
}

/// Submits a sheet answering every criterion with option `pick` (or the last one).
pub(crate) async fn fill(
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
