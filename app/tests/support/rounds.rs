//! Helpers of the round tests: a round with forwarded dossiers of Đồng Bành (Chi Lăng) and
//! the three demo council members, and full sheets.
use sea_orm::DatabaseConnection;

use app::auth::Actor;
use app::domain::dossier::DossierState;
use app::domain::scoring::{CriteriaSet, Sheet};
use app::models::evaluation::rounds::RoundInput;
use app::services::evaluation::{rounds, score_sheets};
use app::services::files::store::LocalFolder;

use super::dossiers::{People, actor, fresh};

pub struct Council {
    pub members: [Actor; 3],
    pub advisory: Actor,
}

pub async fn council(db: &DatabaseConnection) -> Council {
    Council {
        members: [
            actor(db, "hoidong@demo.vn").await,
            actor(db, "hoidong2@demo.vn").await,
            actor(db, "hoidong3@demo.vn").await,
        ],
        advisory: actor(db, "tuvan@demo.vn").await,
    }
}

/// A round whose dossiers may still join and whose scoring window is open, today.
pub fn input(name: &str) -> RoundInput {
    let today = app::services::today_in_vietnam();
    let day = |days: i64| {
        (today + chrono::Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    RoundInput {
        name: name.into(),
        year: chrono::Datelike::year(&today).to_string(),
        dossier_deadline: day(10),
        scoring_from: day(-5),
        scoring_until: day(30),
        assigned_only: true,
        others_visible: "after_own".into(),
        identity_hidden: true,
        aggregation: "mean".into(),
    }
}

/// A round in preparation with `n` forwarded dossiers and the council and advisory members;
/// returns (round, dossiers).
pub async fn round_with(
    db: &DatabaseConnection,
    store: &LocalFolder,
    p: &People,
    c: &Council,
    n: usize,
) -> (i32, Vec<i32>) {
    let mut ids = Vec::new();
    for i in 0..n {
        ids.push(fresh(db, store, p, 100 + i, DossierState::Forwarded).await);
    }
    let round = rounds::create(db, &p.province, &input("Đợt thử"))
        .await
        .unwrap();
    for m in c.members.iter().chain([&c.advisory]) {
        rounds::add_member(db, &p.province, round, m.user_id().unwrap(), None, None)
            .await
            .unwrap();
    }
    rounds::add_dossiers(db, &p.province, round, &ids)
        .await
        .unwrap();
    (round, ids)
}

/// Every criterion answered with option `pick` (or the last option when it has fewer).
pub fn full_sheet(set: &CriteriaSet, pick: usize) -> Sheet {
    set.parts
        .iter()
        .flat_map(|part| &part.criteria)
        .map(|c| (c.code.clone(), pick.min(c.options.len() - 1)))
        .collect()
}

/// Scores and submits a full sheet; returns the sheet's total.
pub async fn score(
    db: &DatabaseConnection,
    member: &Actor,
    round: i32,
    dossier: i32,
    pick: usize,
) -> u32 {
    let view = score_sheets::sheet(db, member, round, dossier)
        .await
        .unwrap();
    let sheet = full_sheet(&view.set, pick);
    let saved = score_sheets::save(db, member, (round, dossier), view.version, &sheet, true)
        .await
        .unwrap();
    saved.result.total
}
