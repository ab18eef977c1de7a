//! Partial decisions (issue 23): the provincial officer leaves single dossiers out of a round's
//! decision with a reason (a test report awaited), the decision ends the others, and each one
//! left out is decided later in the same round by a decision of its own — its council sheets
//! staying open meanwhile. A round whose every dossier is left out cannot be decided.
use crate::support;

use app::auth::Actor;
use app::domain::dossier::DossierState;
use app::domain::reason::Reason;
use app::domain::round::Phase;
use app::entities::{audit_log, certificate, dossier as dossier_entity};
use app::models::evaluation::rounds::DecisionInput;
use app::services::ServiceError;
use app::services::certificates::register::CertificateSettings;
use app::services::dossiers::view;
use app::services::evaluation::{decision, deferral, escalation, results, rounds, score_sheets};
use app::services::files::uploads::UploadLimits;
use app::services::notifications;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use support::dossiers::{files, people, reason};
use support::rounds::{council, round_with, score};

async fn version(db: &DatabaseConnection, province: &Actor, round: i32) -> i32 {
    rounds::view(db, province, round).await.unwrap().version
}

async fn advance(db: &DatabaseConnection, province: &Actor, round: i32) -> Phase {
    let v = version(db, province, round).await;
    rounds::advance(db, province, round, v).await.unwrap()
}

async fn state(db: &DatabaseConnection, id: i32) -> DossierState {
    dossier_entity::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .state
}

fn decision_of(number: &str, date: &str) -> DecisionInput {
    DecisionInput {
        number: number.into(),
        date: date.into(),
        signer: "Chủ tịch UBND tỉnh".into(),
    }
}

fn conflict<T: std::fmt::Debug>(got: Result<T, ServiceError>) -> Reason {
    match got {
        Err(ServiceError::Conflict(reason)) => reason,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn a_dossier_left_out_of_the_decision_is_decided_later_in_the_same_round() {
    for t in support::demo::demo_databases().await {
        let (db, store, p) = (&t.db, files(), people(&t.db).await);
        let c = council(db).await;
        let settings = CertificateSettings::default();
        let (round, ids) = round_with(db, &store, &p, &c, 3).await;
        // Decided with the round; awaiting a test report; never scored.
        let (now, awaited, unscored) = (ids[0], ids[1], ids[2]);
        let why = "Chờ phiếu kết quả kiểm nghiệm vi sinh.";
        assert_eq!(
            conflict(deferral::defer(db, &p.province, (round, awaited), why).await),
            Reason::Phase,
            "nothing is left out before scoring"
        );
        assert_eq!(advance(db, &p.province, round).await, Phase::AdvisoryReview);
        assert_eq!(advance(db, &p.province, round).await, Phase::Scoring);
        for member in &c.members {
            score(db, member, round, now, 2).await;
            score(db, member, round, awaited, 2).await;
        }

        // Only the provincial officer leaves a dossier out; the reason is required and bounded.
        for who in [
            &c.members[0],
            &p.owner,
            &p.commune,
            &p.admin,
            &Actor::Anonymous,
        ] {
            let got = deferral::defer(db, who, (round, awaited), why).await;
            assert!(
                matches!(got, Err(ServiceError::Denied(_))),
                "{who:?}: {got:?}"
            );
            let got = deferral::bring_back(db, who, (round, awaited)).await;
            assert!(
                matches!(got, Err(ServiceError::Denied(_))),
                "{who:?}: {got:?}"
            );
        }
        assert_eq!(
            reason(deferral::defer(db, &p.province, (round, awaited), " ").await),
            ("reason", "required")
        );
        let long = "x".repeat(deferral::MAX_DEFER_REASON + 1);
        assert_eq!(
            reason(deferral::defer(db, &p.province, (round, awaited), &long).await),
            ("reason", "too_long")
        );
        let elsewhere =
            support::dossiers::fresh(db, &store, &p, 300, DossierState::Forwarded).await;
        assert!(matches!(
            deferral::defer(db, &p.province, (round, elsewhere), why).await,
            Err(ServiceError::NotFound)
        ));
        assert_eq!(
            conflict(deferral::bring_back(db, &p.province, (round, now)).await),
            Reason::NotDeferred
        );
        let seen = version(db, &p.province, round).await;
        deferral::defer(db, &p.province, (round, awaited), why)
            .await
            .unwrap();
        deferral::defer(
            db,
            &p.province,
            (round, unscored),
            "Chưa đủ thành viên chấm.",
        )
        .await
        .unwrap();

        // Left out, the unscored dossier no longer holds deliberation back.
        assert_eq!(advance(db, &p.province, round).await, Phase::Deliberation);
        // Its producer is told why, on the dossier's page and in a notification.
        let limits = UploadLimits::default();
        let page = view::dossier_view(db, &p.owner, awaited, &limits)
            .await
            .unwrap();
        let result = page.result.expect("a dossier left out says why");
        assert_eq!(result.deferred_reason.as_deref(), Some(why));
        assert_eq!((result.score, result.stars), (None, None), "no score yet");
        let notes = notifications::list(db, &p.owner).await.unwrap();
        assert!(
            notes
                .iter()
                .any(|n| n.kind == "round.deferred" && n.dossier_id == Some(awaited))
        );
        // A new reason replaces the old one without telling the producer twice.
        deferral::defer(db, &p.province, (round, awaited), why)
            .await
            .unwrap();
        let owner = &p.owner;
        let told = |kind: &'static str| async move {
            notifications::list(db, owner)
                .await
                .unwrap()
                .iter()
                .filter(|n| n.kind == kind && n.dossier_id == Some(awaited))
                .count()
        };
        assert_eq!(told("round.deferred").await, 1);
        // Brought back (the producer is told) and left out again: both audited.
        deferral::bring_back(db, &p.province, (round, awaited))
            .await
            .unwrap();
        assert_eq!(told("round.brought_back").await, 1);
        let rows = results::results(db, &p.province, round).await.unwrap().rows;
        assert!(
            !rows
                .iter()
                .any(|r| r.dossier_id == awaited && r.awaiting_decision)
        );
        deferral::defer(db, &p.province, (round, awaited), why)
            .await
            .unwrap();
        // Left out, its council sheets stay open: a member's sheet is reopened and submitted
        // again in deliberation (the test report came in).
        score_sheets::reopen(
            db,
            &p.province,
            (round, awaited),
            c.members[0].user_id().unwrap(),
            "Có phiếu kiểm nghiệm",
        )
        .await
        .unwrap();
        // Brought back now, the decision would leave the reopened sheet out unseen; and the
        // unscored one could not be decided at all.
        for id in [awaited, unscored] {
            assert_eq!(
                conflict(deferral::bring_back(db, &p.province, (round, id)).await),
                Reason::SheetsStillOpen
            );
        }
        score(db, &c.members[0], round, awaited, 1).await;
        // …but not another dossier's.
        assert_eq!(
            conflict(
                score_sheets::reopen(
                    db,
                    &p.province,
                    (round, now),
                    c.members[0].user_id().unwrap(),
                    "x"
                )
                .await
            ),
            Reason::Phase
        );

        // A decision prepared before the dossiers were left out is refused as stale.
        assert_eq!(
            conflict(
                decision::decide(
                    db,
                    &p.province,
                    round,
                    seen,
                    &decision_of("77/QĐ-UBND", "2026-07-15"),
                    &settings
                )
                .await
            ),
            Reason::ChangedMeanwhile
        );
        let v = version(db, &p.province, round).await;
        assert_eq!(
            reason(
                decision::decide(
                    db,
                    &p.province,
                    round,
                    v,
                    &decision_of("77/QĐ-UBND", "2099-01-01"),
                    &settings
                )
                .await
            ),
            ("date", "decision_ahead")
        );
        let issued = decision::decide(
            db,
            &p.province,
            round,
            v,
            &decision_of("77/QĐ-UBND", "2026-07-15"),
            &settings,
        )
        .await
        .unwrap();
        assert_eq!(issued, 1, "only the dossier not left out");
        assert_eq!(state(db, now).await, DossierState::Certified);
        assert_eq!(state(db, awaited).await, DossierState::InEvaluation);
        assert_eq!(state(db, unscored).await, DossierState::InEvaluation);
        // Nothing is left out or brought back once decided.
        assert_eq!(
            conflict(deferral::defer(db, &p.province, (round, now), why).await),
            Reason::Phase
        );
        assert_eq!(
            conflict(deferral::bring_back(db, &p.province, (round, awaited)).await),
            Reason::Phase
        );

        // Deciding later: only the officer, only a dossier left out, only once it is scored.
        let later = decision_of("88/QĐ-UBND", "2026-08-01");
        for who in [
            &c.members[0],
            &p.owner,
            &p.commune,
            &p.admin,
            &Actor::Anonymous,
        ] {
            let got = deferral::decide_later(db, who, (round, awaited), &later, &settings).await;
            assert!(
                matches!(got, Err(ServiceError::Denied(_))),
                "{who:?}: {got:?}"
            );
        }
        assert_eq!(
            conflict(
                deferral::decide_later(db, &p.province, (round, now), &later, &settings).await
            ),
            Reason::NotDeferred
        );
        assert_eq!(
            conflict(
                deferral::decide_later(db, &p.province, (round, unscored), &later, &settings).await
            ),
            Reason::DeferredUnscored
        );
        assert_eq!(
            reason(
                deferral::decide_later(
                    db,
                    &p.province,
                    (round, awaited),
                    &decision_of("88/QĐ-UBND", "2026-07-14"),
                    &settings
                )
                .await
            ),
            ("date", "before_round_decision")
        );
        assert_eq!(
            reason(
                deferral::decide_later(
                    db,
                    &p.province,
                    (round, awaited),
                    &decision_of(" ", "2026-08-01"),
                    &settings
                )
                .await
            ),
            ("number", "required")
        );
        assert!(
            deferral::decide_later(db, &p.province, (round, awaited), &later, &settings)
                .await
                .unwrap(),
            "3★ or more: certified"
        );
        assert_eq!(state(db, awaited).await, DossierState::Certified);
        let issued = certificate::Entity::find()
            .filter(certificate::Column::DossierId.eq(awaited))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(issued.decision_number, "88/QĐ-UBND");
        let page = view::dossier_view(db, &p.owner, awaited, &limits)
            .await
            .unwrap();
        let result = page.result.unwrap();
        assert_eq!(result.decision_number.as_deref(), Some("88/QĐ-UBND"));
        assert_eq!(result.decision_date.as_deref(), Some("01/08/2026"));
        let page = view::dossier_view(db, &p.owner, now, &limits)
            .await
            .unwrap();
        assert_eq!(
            page.result.unwrap().decision_number.as_deref(),
            Some("77/QĐ-UBND")
        );
        assert_eq!(
            conflict(
                deferral::decide_later(db, &p.province, (round, awaited), &later, &settings).await
            ),
            Reason::NotDeferred,
            "decided once"
        );
        let rows = results::results(db, &p.province, round).await.unwrap().rows;
        let row = |id: i32| rows.iter().find(|r| r.dossier_id == id).unwrap();
        assert_eq!(
            row(awaited).later_decision.as_deref(),
            Some("88/QĐ-UBND · 01/08/2026 · Chủ tịch UBND tỉnh")
        );
        assert!(row(unscored).awaiting_decision);
        // Decided, its sheets close again.
        assert_eq!(
            conflict(
                score_sheets::reopen(
                    db,
                    &p.province,
                    (round, awaited),
                    c.members[1].user_id().unwrap(),
                    "x"
                )
                .await
            ),
            Reason::Phase
        );

        // The unscored one is scored after the round's decision (90 points and more), then
        // decided; until then the minutes propose it to nobody.
        for member in &c.members {
            score(db, member, round, unscored, 9).await;
        }
        let minutes = escalation::minutes(db, &p.province, round).await.unwrap();
        let pending = minutes
            .rows
            .iter()
            .find(|r| r.dossier_id == unscored)
            .unwrap();
        assert!(
            pending.awaiting_decision && !pending.national,
            "{pending:?}"
        );
        let certified = deferral::decide_later(
            db,
            &p.province,
            (round, unscored),
            &decision_of("90/QĐ-UBND", "2026-08-20"),
            &settings,
        )
        .await
        .unwrap();
        assert!(certified);
        assert_eq!(state(db, unscored).await, DossierState::Certified);
        let minutes = escalation::minutes(db, &p.province, round).await.unwrap();
        let decided = minutes
            .rows
            .iter()
            .find(|r| r.dossier_id == unscored)
            .unwrap();
        assert!(
            decided.national && decided.later_decision.is_some(),
            "{decided:?}"
        );

        let logged: Vec<String> = audit_log::Entity::find()
            .filter(audit_log::Column::TargetId.eq(round.to_string()))
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.action)
            .collect();
        for action in ["round.defer", "round.bring_back", "round.decide_later"] {
            assert!(logged.iter().any(|a| a == action), "{action}: {logged:?}");
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_round_whose_every_dossier_is_left_out_is_not_decided() {
    for t in support::demo::demo_databases().await {
        let (db, store, p) = (&t.db, files(), people(&t.db).await);
        let c = council(db).await;
        let (round, ids) = round_with(db, &store, &p, &c, 1).await;
        advance(db, &p.province, round).await;
        advance(db, &p.province, round).await;
        deferral::defer(db, &p.province, (round, ids[0]), "Chờ kiểm nghiệm")
            .await
            .unwrap();
        assert_eq!(advance(db, &p.province, round).await, Phase::Deliberation);
        let v = version(db, &p.province, round).await;
        assert_eq!(
            conflict(
                decision::decide(
                    db,
                    &p.province,
                    round,
                    v,
                    &decision_of("1/QĐ-UBND", "2026-07-01"),
                    &CertificateSettings::default()
                )
                .await
            ),
            Reason::AllDeferred
        );
        t.cleanup().await;
    }
}
