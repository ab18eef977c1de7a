//! Evaluation rounds against real databases: a whole round from forwarded dossiers to
//! certificates, who may score what and when, sheets kept apart per panel, reopening, the
//! decision and the certificate's public check and lifecycle.
use crate::support;

use app::domain::dossier::DossierState;
use app::domain::round::Phase;
use app::models::evaluation::rounds::DecisionInput;
use app::services::certificates::register::{self, CertificateSettings};
use app::services::evaluation::{decision, results, rounds, score_sheets};
use app::services::{ServiceError, notifications};
use sea_orm::EntityTrait;
use support::dossiers::{files, fresh, people, reason};
use support::rounds::{council, full_sheet, round_with, score};

fn conflict<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> &'static str {
    match result {
        Err(ServiceError::Conflict(key)) => key.code(),
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
    for t in support::demo::demo_databases().await {
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
        assert_eq!(d.state, DossierState::InEvaluation);

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
        let results = results::results(db, &p.province, round).await.unwrap();
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
        // Across the round: the member who gave 590 sits farthest from the panel, below it;
        // the criteria that divided it are named with their widest spread.
        let across = &results.disagreement;
        let far = &across.members[0];
        assert!(far.mean_signed < 0 && far.mean_distance > 0, "{across:?}");
        assert!(
            across
                .members
                .iter()
                .all(|m| m.mean_distance <= far.mean_distance)
        );
        assert!(
            across
                .criteria
                .iter()
                .any(|c| !c.text.is_empty() && c.widest > 0),
            "{across:?}"
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
                decision::decide(
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
        let issued = decision::decide(db, &p.province, round, version, &decision, &settings)
            .await
            .unwrap();
        assert_eq!(issued, 2, "below 3★ gets no certificate");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let all = register::list(db, &p.province, "", today, &settings)
            .await
            .unwrap();
        let national = all.iter().find(|c| c.national).expect("the ≥ 90 product");
        assert_eq!(
            (national.stars, national.valid_until.as_str()),
            (4, "2029-07-14")
        );
        let check = register::check(db, &national.number, today, &settings)
            .await
            .unwrap();
        assert_eq!(check.row.status, "valid");
        assert!(matches!(
            register::check(db, "LS-1999-9999", today, &settings).await,
            Err(ServiceError::NotFound)
        ));
        let own = register::list(db, &p.owner, "revoked", today, &settings)
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
        register::revoke(
            db,
            &p.province,
            &national.number,
            "Vi phạm an toàn thực phẩm",
            "45/QĐ-UBND",
            "2026-10-01",
        )
        .await
        .unwrap();
        let revoked = register::list(db, &p.province, "revoked", today, &settings)
            .await
            .unwrap();
        assert_eq!(revoked.len(), 1);
        assert_eq!(
            register::check(db, &national.number, today, &settings)
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
    for t in support::demo::demo_databases().await {
        let (db, store, p) = (&t.db, files(), people(&t.db).await);
        let c = council(db).await;
        let (round, ids) = round_with(db, &store, &p, &c, 2).await;
        // A Thất Khê dossier: the member living there is flagged automatically.
        let td_owner = support::dossiers::actor(db, "thachden@demo.vn").await;
        let td_officer = app::seed::dossiers::officer_of(db, "06040").await.unwrap();
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
        rounds::declare_conflict(
            db,
            &c.members[1],
            round,
            ids[0],
            "Người nhà của chủ thể",
            None,
        )
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
            assert!(results::results(db, outsider, round).await.is_err());
            assert!(
                rounds::create(db, outsider, &support::rounds::input("x"))
                    .await
                    .is_err()
            );
        }
        assert!(
            results::results(db, &c.members[0], round).await.is_err(),
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
    for t in support::demo::demo_databases().await {
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
            None,
        )
        .await
        .unwrap();
        assert_eq!(
            reason(
                rounds::add_member(
                    db,
                    &p.province,
                    round,
                    p.owner.user_id().unwrap(),
                    None,
                    None
                )
                .await
            ),
            ("member", "not_an_evaluator")
        );
        // A sub-council is one of the six top-level groups as stored: a typed "ii" or "II.1"
        // would silently match no dossier.
        for typed in ["ii", "II.1", "VII"] {
            assert_eq!(
                reason(
                    rounds::add_member(
                        db,
                        &p.province,
                        round,
                        c.members[2].user_id().unwrap(),
                        Some(typed.into()),
                        None
                    )
                    .await
                ),
                ("group_code", "unknown_group"),
                "{typed}"
            );
        }
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
