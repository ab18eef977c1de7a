//! Evaluation rounds against real databases: a whole round from forwarded dossiers to
//! certificates, who may score what and when, sheets kept apart per panel, reopening, the
//! decision and the certificate's public check and lifecycle.
mod support;

use app::domain::dossier::DossierState;
use app::domain::round::Phase;
use app::models::rounds::DecisionInput;
use app::services::certificates::{self, CertificateSettings};
use app::services::demo::seed_demo;
use app::services::{
    ServiceError, notifications, round_decision, round_results, rounds, score_sheets,
};
use sea_orm::EntityTrait;
use support::dossiers::{files, fresh, people, reason};
use support::rounds::{council, full_sheet, round_with, score};

fn conflict<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> &'static str {
    match result {
        Err(ServiceError::Conflict(key)) => key,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

async fn advance(
    db: &sea_orm::DatabaseConnection,
    p: &support::dossiers::People,
    round: i32,
) -> Phase {
    let version = rounds::view(db, &p.province, round).await.unwrap().version;
    rounds::advance(db, &p.province, round, version)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_round_runs_from_forwarded_dossiers_to_certificates() {
    for t in support::databases().await {
        seed_demo(&t.db).await.unwrap();
        let (db, store, p) = (&t.db, files(), people(&t.db).await);
        let c = council(db).await;
        let (round, ids) = round_with(db, &store, &p, &c, 3).await;
        let view = rounds::view(db, &p.province, round).await.unwrap();
        assert_eq!((view.dossiers.len(), view.members.len()), (3, 4));
        assert!(
            view.dossiers.iter().all(|d| d.expected == 3),
            "{}",
            t.backend
        );
        let d = app::entities::dossier::Entity::find_by_id(ids[0])
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(d.state, DossierState::InEvaluation.as_str());

        // Advisory review: the advisory member's sheet; the council may not score yet.
        assert_eq!(advance(db, &p, round).await, Phase::AdvisoryReview);
        score(db, &c.advisory, round, ids[0], 1).await;
        let early = score_sheets::sheet(db, &c.members[0], round, ids[0])
            .await
            .unwrap();
        assert_eq!(early.locked_because.as_deref(), Some("phase_closed"));
        assert_eq!(
            conflict(
                score_sheets::save(
                    db,
                    &c.members[0],
                    (round, ids[0]),
                    0,
                    &full_sheet(&early.set, 1),
                    false
                )
                .await
            ),
            "phase_closed"
        );

        // Scoring: drafts, an incomplete submit refused, others seen after one's own submit.
        assert_eq!(advance(db, &p, round).await, Phase::Scoring);
        let view = score_sheets::sheet(db, &c.members[0], round, ids[0])
            .await
            .unwrap();
        assert!(view.subject_name.is_none(), "the round hides producers");
        assert!(!view.documents.is_empty());
        assert!(view.others.is_none());
        let mut draft = full_sheet(&view.set, 2);
        let first = draft.keys().next().unwrap().clone();
        draft.remove(&first);
        let saved = score_sheets::save(db, &c.members[0], (round, ids[0]), 0, &draft, false)
            .await
            .unwrap();
        assert!(!saved.result.complete);
        assert_eq!(
            reason(
                score_sheets::save(
                    db,
                    &c.members[0],
                    (round, ids[0]),
                    saved.version,
                    &draft,
                    true
                )
                .await
            ),
            ("choices", "incomplete")
        );
        assert_eq!(
            conflict(
                score_sheets::save(db, &c.members[0], (round, ids[0]), 0, &draft, false).await
            ),
            "changed_meanwhile",
            "a stale page does not overwrite a draft"
        );
        for (member, picks) in c.members.iter().zip([[2, 1, 0], [2, 2, 0], [1, 2, 0]]) {
            for (dossier, pick) in ids.iter().zip(picks) {
                score(db, member, round, *dossier, pick).await;
            }
        }
        let after = score_sheets::sheet(db, &c.members[0], round, ids[0])
            .await
            .unwrap();
        assert_eq!(after.locked_because.as_deref(), Some("submitted"));
        let others = after
            .others
            .expect("after submitting, the others are visible");
        assert!(
            others.iter().all(|o| o.member != "Nông Thị Tư Vấn"),
            "advisory sheets kept apart"
        );
        assert_eq!(others.len(), 2);

        // The officer reopens a sheet with a reason; the member changes and resubmits it.
        assert_eq!(
            reason(
                score_sheets::reopen(
                    db,
                    &p.province,
                    (round, ids[1]),
                    c.members[0].user_id().unwrap(),
                    " "
                )
                .await
            ),
            ("reason", "required")
        );
        score_sheets::reopen(
            db,
            &p.province,
            (round, ids[1]),
            c.members[0].user_id().unwrap(),
            "Xem lại C1.1",
        )
        .await
        .unwrap();
        let reopened = score_sheets::sheet(db, &c.members[0], round, ids[1])
            .await
            .unwrap();
        assert_eq!(reopened.reopen_reason.as_deref(), Some("Xem lại C1.1"));
        score(db, &c.members[0], round, ids[1], 2).await;

        // Deliberation: results, then the decision and certificates.
        assert_eq!(advance(db, &p, round).await, Phase::Deliberation);
        let results = round_results::results(db, &p.province, round)
            .await
            .unwrap();
        let row = |id: i32| results.rows.iter().find(|r| r.dossier_id == id).unwrap();
        assert_eq!(row(ids[0]).totals.iter().filter(|m| m.submitted).count(), 3);
        assert_eq!(row(ids[0]).score, Some(843), "mean of 970, 970 and 590");
        assert_eq!(row(ids[0]).stars, Some(4));
        assert!(
            row(ids[0]).totals.iter().any(|m| m.far),
            "590 is far from 843"
        );
        assert_eq!(row(ids[0]).advisory_score, Some(590));
        assert!(row(ids[1]).national, "970 from every member");
        assert_eq!(row(ids[2]).stars, Some(1));
        assert!(
            !row(ids[0]).criteria.is_empty(),
            "members differ on some criteria"
        );

        let settings = CertificateSettings::default();
        let version = rounds::view(db, &p.province, round).await.unwrap().version;
        let decision = DecisionInput {
            number: "123/QĐ-UBND".into(),
            date: "2026-07-15".into(),
            signer: "Chủ tịch UBND tỉnh".into(),
        };
        assert_eq!(
            reason(
                round_decision::decide(
                    db,
                    &p.province,
                    round,
                    version,
                    &DecisionInput {
                        date: "15/07/2026".into(),
                        ..decision.clone()
                    },
                    &settings
                )
                .await
            ),
            ("date", "invalid_date")
        );
        let issued = round_decision::decide(db, &p.province, round, version, &decision, &settings)
            .await
            .unwrap();
        assert_eq!(issued, 2, "below 3★ gets no certificate");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let all = certificates::list(db, &p.province, "", today, &settings)
            .await
            .unwrap();
        let national = all.iter().find(|c| c.national).expect("the ≥ 90 product");
        assert_eq!(
            (national.stars, national.valid_until.as_str()),
            (4, "2029-07-14")
        );
        let check = certificates::check(db, &national.number, today, &settings)
            .await
            .unwrap();
        assert_eq!(check.row.status, "valid");
        assert!(matches!(
            certificates::check(db, "LS-1999-9999", today, &settings).await,
            Err(ServiceError::NotFound)
        ));
        let own = certificates::list(db, &p.owner, "revoked", today, &settings)
            .await
            .unwrap();
        assert_eq!(
            own.len(),
            2,
            "a producer sees their own, whatever the filter"
        );
        let notes = notifications::list(db, &p.owner).await.unwrap();
        assert!(notes.iter().any(|n| n.kind == "round.decided"));
        assert_eq!(
            conflict(rounds::advance(db, &p.province, round, version + 1).await),
            "phase"
        );

        // Revocation.
        certificates::revoke(
            db,
            &p.province,
            &national.number,
            "Vi phạm an toàn thực phẩm",
            "45/QĐ-UBND",
            "2026-10-01",
        )
        .await
        .unwrap();
        let revoked = certificates::list(db, &p.province, "revoked", today, &settings)
            .await
            .unwrap();
        assert_eq!(revoked.len(), 1);
        assert_eq!(
            certificates::check(db, &national.number, today, &settings)
                .await
                .unwrap()
                .row
                .status,
            "revoked"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn members_score_only_what_is_theirs_and_others_are_refused() {
    for t in support::databases().await {
        seed_demo(&t.db).await.unwrap();
        let (db, store, p) = (&t.db, files(), people(&t.db).await);
        let c = council(db).await;
        let (round, ids) = round_with(db, &store, &p, &c, 2).await;
        // A Thất Khê dossier: the member living there is flagged automatically.
        let td_owner = support::dossiers::actor(db, "thachden@demo.vn").await;
        let td_officer = app::services::demo_dossiers::officer_of(db, "06040")
            .await
            .unwrap();
        let td_people = support::dossiers::People {
            owner: td_owner,
            commune: td_officer,
            ..people(db).await
        };
        let td = fresh(db, &store, &td_people, 900, DossierState::Forwarded).await;
        rounds::add_dossiers(db, &p.province, round, &[td])
            .await
            .unwrap();
        advance(db, &p, round).await;
        advance(db, &p, round).await;

        let auto = score_sheets::sheet(db, &c.members[2], round, td)
            .await
            .unwrap();
        assert_eq!(auto.locked_because.as_deref(), Some("conflicted"));
        assert!(
            auto.documents.is_empty(),
            "a conflicted member does not read the dossier"
        );
        rounds::declare_conflict(db, &c.members[1], round, ids[0], "Người nhà của chủ thể")
            .await
            .unwrap();
        let declared = score_sheets::save(
            db,
            &c.members[1],
            (round, ids[0]),
            0,
            &full_sheet(&auto.set, 1),
            false,
        )
        .await;
        assert_eq!(conflict(declared), "conflicted");
        let view = rounds::view(db, &p.province, round).await.unwrap();
        let expected = |id| {
            view.dossiers
                .iter()
                .find(|d| d.dossier_id == id)
                .unwrap()
                .expected
        };
        assert_eq!(
            (expected(ids[0]), expected(ids[1]), expected(td)),
            (2, 3, 2)
        );

        // Others: a member of no round, the producer, the commune, the administrator.
        for outsider in [&p.owner, &p.commune, &p.admin, &p.other_producer] {
            assert!(
                score_sheets::sheet(db, outsider, round, ids[0])
                    .await
                    .is_err()
            );
            assert!(rounds::view(db, outsider, round).await.is_err());
            assert!(round_results::results(db, outsider, round).await.is_err());
            assert!(
                rounds::create(db, outsider, &support::rounds::input("x"))
                    .await
                    .is_err()
            );
        }
        assert!(
            round_results::results(db, &c.members[0], round)
                .await
                .is_err(),
            "members do not read the results table"
        );
        let other_round = rounds::create(db, &p.province, &support::rounds::input("Đợt khác"))
            .await
            .unwrap();
        assert!(matches!(
            rounds::view(db, &c.members[0], other_round).await,
            Err(ServiceError::NotFound)
        ));
        // Producers never see members' names or sheets: no round function answers them, and
        // their certificate rows carry neither.
        assert!(rounds::list(db, &p.owner).await.is_err());
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_sub_council_sees_only_its_group_and_others_stay_hidden_when_so_set() {
    for t in support::databases().await {
        seed_demo(&t.db).await.unwrap();
        let (db, store, p) = (&t.db, files(), people(&t.db).await);
        let c = council(db).await;
        let mut settings = support::rounds::input("Đợt nhóm");
        settings.others_visible = "never".into();
        let round = rounds::create(db, &p.province, &settings).await.unwrap();
        let dossier = fresh(db, &store, &p, 1, DossierState::Forwarded).await;
        rounds::add_member(
            db,
            &p.province,
            round,
            c.members[0].user_id().unwrap(),
            None,
        )
        .await
        .unwrap();
        rounds::add_member(
            db,
            &p.province,
            round,
            c.members[1].user_id().unwrap(),
            Some("II".into()),
        )
        .await
        .unwrap();
        assert_eq!(
            reason(
                rounds::add_member(db, &p.province, round, p.owner.user_id().unwrap(), None).await
            ),
            ("member", "not_an_evaluator")
        );
        rounds::add_dossiers(db, &p.province, round, &[dossier])
            .await
            .unwrap();
        advance(db, &p, round).await;
        advance(db, &p, round).await;
        assert!(
            matches!(
                score_sheets::sheet(db, &c.members[1], round, dossier).await,
                Err(ServiceError::NotFound)
            ),
            "group II sub-council is not assigned a group I dossier"
        );
        assert!(
            rounds::view(db, &c.members[1], round)
                .await
                .unwrap()
                .dossiers
                .is_empty()
        );
        score(db, &c.members[0], round, dossier, 1).await;
        let own = score_sheets::sheet(db, &c.members[0], round, dossier)
            .await
            .unwrap();
        assert!(own.others.is_none(), "never: not even after submitting");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_demo_has_past_rounds_with_certificates_in_every_state_and_an_open_round() {
    let t = support::sqlite().await;
    seed_demo(&t.db).await.unwrap();
    let (db, store) = (&t.db, files());
    app::services::demo_dossiers::seed_dossiers(db, &store)
        .await
        .unwrap();
    app::services::demo_rounds::seed_rounds(db).await.unwrap();
    let p = people(db).await;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let settings = CertificateSettings::default();
    let all = certificates::list(db, &p.province, "", today, &settings)
        .await
        .unwrap();
    for state in ["valid", "expiring", "expired", "revoked", "superseded"] {
        assert!(
            all.iter().any(|c| c.status == state),
            "no {state} certificate"
        );
    }
    assert_eq!(all.iter().filter(|c| c.status == "revoked").count(), 1);
    // Each product's stars are those of its current certificate (none once revoked).
    let products = app::entities::product::Entity::find()
        .all(db)
        .await
        .unwrap();
    for c in all.iter().filter(|c| c.status != "superseded") {
        let product = products.iter().find(|p| p.id == c.product_id).unwrap();
        let expected = (c.status != "revoked").then_some(i16::from(c.stars));
        assert_eq!(product.stars, expected, "{}", c.number);
    }
    // The open round: the trainer scores as hoidong@demo.vn; results already show sheets.
    let rows = rounds::list(db, &council(db).await.members[0])
        .await
        .unwrap();
    let open = rows
        .iter()
        .find(|r| r.phase == "scoring")
        .expect("an open round");
    let view = rounds::view(db, &council(db).await.members[0], open.id)
        .await
        .unwrap();
    assert!(view.dossiers.len() >= 2);
    assert!(
        view.dossiers
            .iter()
            .all(|d| d.my_sheet.as_deref() == Some("none"))
    );
    let member3 = rounds::view(db, &council(db).await.members[2], open.id)
        .await
        .unwrap();
    assert!(
        member3
            .dossiers
            .iter()
            .any(|d| d.my_sheet.as_deref() == Some("conflict")),
        "Thất Khê"
    );
    let results = round_results::results(db, &p.province, open.id)
        .await
        .unwrap();
    assert!(
        results
            .rows
            .iter()
            .all(|r| r.score.is_some() && r.advisory_score.is_some())
    );
    // Forwarded dossiers wait for a new round.
    let fresh_round = rounds::create(db, &p.province, &support::rounds::input("Đợt 2"))
        .await
        .unwrap();
    let waiting = rounds::view(db, &p.province, fresh_round)
        .await
        .unwrap()
        .waiting_dossiers;
    assert!(waiting.len() >= 3, "{waiting:?}");
}

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
    for t in support::databases().await {
        seed_demo(&t.db).await.unwrap();
        let (db, p) = (&t.db, people(&t.db).await);
        app::services::master_data::load(db).await.unwrap();
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
        let now = chrono::Utc::now();
        let mut members = Vec::new();
        for n in 0..7 {
            let user = user_account::ActiveModel {
                full_name: Set(format!("Thành viên {n}")),
                email: Set(Some(format!("tv{n}@hoidong.test"))),
                password_hash: Set("x".into()),
                role: Set("council_member".into()),
                status: Set("active".into()),
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
                state: Set("in_evaluation".into()),
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
                let results = round_results::results(&counting, &p.province, round)
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
