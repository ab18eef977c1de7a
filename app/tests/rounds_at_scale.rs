//! The results table at scale: 100 dossiers × 7 members in a fixed number of queries.
use crate::support;

use app::services::evaluation::{results, rounds};
use sea_orm::EntityTrait;
use support::dossiers::people;
use support::rounds::full_sheet;

/// Counts the statements a connection runs.
fn counted(
    db: &sea_orm::DatabaseConnection,
) -> (
    sea_orm::DatabaseConnection,
    std::sync::Arc<std::sync::atomic::AtomicUsize>,
) {
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut db = db.clone();
    let seen = count.clone();
    db.set_metric_callback(move |_| {
        seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    });
    (db, count)
}

#[tokio::test]
async fn the_results_of_100_dossiers_by_7_members_take_a_fixed_number_of_queries() {
    use app::entities::{dossier, round_dossier, round_member, score_sheet, user_account};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        app::services::master_data::loading::load(db).await.unwrap();
        let set = app::entities::criteria_set::Entity::find()
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let round = rounds::create(db, &p.province, &support::rounds::input("Đợt lớn"))
            .await
            .unwrap();
        let products = app::entities::product::Entity::find()
            .all(db)
            .await
            .unwrap();
        let now = app::clock::now();
        let mut members = Vec::new();
        for n in 0..7 {
            let user = user_account::ActiveModel {
                full_name: Set(format!("Thành viên {n}")),
                email: Set(Some(format!("tv{n}@hoidong.test"))),
                password_hash: Set("x".into()),
                role: Set(app::auth::Role::CouncilMember),
                status: Set(app::domain::status::AccountStatus::Active),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap();
            round_member::ActiveModel {
                round_id: Set(round),
                user_id: Set(user.id),
                panel: Set("council".into()),
                group_code: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap();
            members.push(user.id);
        }
        let sheet = full_sheet(&serde_json::from_str(&set.set_json).unwrap(), 1);
        let choices = serde_json::to_string(&sheet).unwrap();
        let mut measured = Vec::new();
        for (n, product) in products.iter().take(100).enumerate() {
            let d = dossier::ActiveModel {
                product_id: Set(product.id),
                subject_id: Set(product.subject_id),
                commune_code: Set(product.commune_code.clone()),
                cycle: Set("first".into()),
                state: Set(app::domain::dossier::DossierState::InEvaluation),
                form_json: Set("{}".into()),
                submission_no: Set(1),
                version: Set(0),
                created_by: Set(members[0]),
                created_at: Set(now),
                updated_at: Set(now),
                forward_batch_id: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap();
            round_dossier::ActiveModel {
                round_id: Set(round),
                dossier_id: Set(d.id),
                criteria_set_id: Set(set.id),
                group_code: Set("I".into()),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap();
            for &m in &members {
                score_sheet::ActiveModel {
                    round_id: Set(round),
                    dossier_id: Set(d.id),
                    user_id: Set(m),
                    panel: Set("council".into()),
                    choices_json: Set(choices.clone()),
                    total: Set(590),
                    stars: Set(3),
                    complete: Set(true),
                    submitted_at: Set(Some(now)),
                    reopen_reason: Set(None),
                    version: Set(1),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await
                .unwrap();
            }
            if n == 0 || n == 99 {
                let (counting, count) = counted(db);
                let results = results::results(&counting, &p.province, round)
                    .await
                    .unwrap();
                assert_eq!(results.rows.len(), n + 1);
                assert!(
                    results
                        .rows
                        .iter()
                        .all(|r| r.totals.len() == 7 && r.score == Some(590))
                );
                measured.push(count.load(std::sync::atomic::Ordering::Relaxed));
            }
        }
        assert_eq!(
            measured[0], measured[1],
            "{}: queries grow with dossiers",
            t.backend
        );
        assert!(measured[1] <= 15, "{}: {} queries", t.backend, measured[1]);
        t.cleanup().await;
    }
}
