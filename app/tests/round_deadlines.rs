//! A round's dates are enforced (issue 23): no dossier joins after its deadline, no council
//! sheet is submitted after its scoring window (drafts are still kept), and the provincial
//! officer may move either — an audited change of the round's settings. Members with sheets
//! to submit are reminded once, days before the window closes.
use crate::support;

use app::domain::dossier::DossierState;
use app::domain::reason::Reason;
use app::entities::audit_log;
use app::services::ServiceError;
use app::services::evaluation::{reminders, rounds, score_sheets};
use app::services::notifications;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use support::dossiers::{files, people};
use support::rounds::{council, full_sheet, input};

fn day(days: i64) -> String {
    (app::services::today_in_vietnam() + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

fn conflict<T: std::fmt::Debug>(got: Result<T, ServiceError>) -> Reason {
    match got {
        Err(ServiceError::Conflict(reason)) => reason,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn the_dossier_deadline_and_the_scoring_window_hold_until_the_officer_moves_them() {
    for t in support::demo::demo_databases().await {
        let (db, store, p) = (&t.db, files(), people(&t.db).await);
        let c = council(db).await;
        let dossier = support::dossiers::fresh(db, &store, &p, 100, DossierState::Forwarded).await;
        let mut late = input("Đợt đã quá hạn");
        late.dossier_deadline = day(-1);
        late.scoring_from = day(-10);
        late.scoring_until = day(-1);
        let round = rounds::create(db, &p.province, &late).await.unwrap();
        for m in &c.members {
            rounds::add_member(db, &p.province, round, m.user_id().unwrap(), None, None)
                .await
                .unwrap();
        }
        let version = || async { rounds::view(db, &p.province, round).await.unwrap().version };

        // Past the deadline, no dossier joins; moved to today, it does.
        assert_eq!(
            conflict(rounds::add_dossiers(db, &p.province, round, &[dossier]).await),
            Reason::DeadlinePassed
        );
        let mut moved = late.clone();
        moved.dossier_deadline = day(0);
        rounds::update_settings(db, &p.province, round, version().await, &moved, None)
            .await
            .unwrap();
        rounds::add_dossiers(db, &p.province, round, &[dossier])
            .await
            .unwrap();
        for _ in 0..2 {
            rounds::advance(db, &p.province, round, version().await)
                .await
                .unwrap();
        }

        // Past the scoring window a draft is kept but not submitted; extended, it is.
        let member = &c.members[0];
        let view = score_sheets::sheet(db, member, round, dossier)
            .await
            .unwrap();
        let sheet = full_sheet(&view.set, 2);
        let draft = score_sheets::save(db, member, (round, dossier), view.version, &sheet, false)
            .await
            .unwrap();
        assert_eq!(
            conflict(
                score_sheets::save(db, member, (round, dossier), draft.version, &sheet, true).await
            ),
            Reason::ScoringClosed
        );
        let screen = score_sheets::sheet(db, member, round, dossier)
            .await
            .unwrap();
        assert!(
            screen.submit_closed,
            "the screen says so before the member presses submit"
        );
        moved.scoring_until = day(3);
        rounds::update_settings(db, &p.province, round, version().await, &moved, None)
            .await
            .unwrap();
        score_sheets::save(db, member, (round, dossier), draft.version, &sheet, true)
            .await
            .unwrap();

        // Both moves are in the audit log, with what changed.
        let moves = audit_log::Entity::find()
            .filter(audit_log::Column::TargetId.eq(round.to_string()))
            .filter(audit_log::Column::Action.eq("round.settings"))
            .all(db)
            .await
            .unwrap();
        assert_eq!(moves.len(), 2, "{moves:?}");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn members_with_unsubmitted_sheets_are_reminded_once_before_scoring_closes() {
    for t in support::demo::demo_databases().await {
        let (db, store, p) = (&t.db, files(), people(&t.db).await);
        let c = council(db).await;
        let today = app::services::today_in_vietnam();
        let make = |name: &'static str, until: i64| {
            let mut settings = input(name);
            settings.scoring_until = day(until);
            settings
        };
        let mut ids = Vec::new();
        for n in 0..3 {
            ids.push(
                support::dossiers::fresh(db, &store, &p, 100 + n, DossierState::Forwarded).await,
            );
        }
        let closing = rounds::create(db, &p.province, &make("Đợt sắp hết hạn", 3))
            .await
            .unwrap();
        let later = rounds::create(db, &p.province, &make("Đợt còn lâu", 4))
            .await
            .unwrap();
        for round in [closing, later] {
            for m in &c.members {
                rounds::add_member(db, &p.province, round, m.user_id().unwrap(), None, None)
                    .await
                    .unwrap();
            }
        }
        let other = ids.pop().unwrap();
        rounds::add_dossiers(db, &p.province, closing, &ids)
            .await
            .unwrap();
        rounds::add_dossiers(db, &p.province, later, &[other])
            .await
            .unwrap();
        for _ in 0..2 {
            for round in [closing, later] {
                let v = rounds::view(db, &p.province, round).await.unwrap().version;
                rounds::advance(db, &p.province, round, v).await.unwrap();
            }
        }
        // The first member submitted everything, the second one of two, the third nothing.
        for &d in &ids {
            support::rounds::score(db, &c.members[0], closing, d, 1).await;
        }
        support::rounds::score(db, &c.members[1], closing, ids[0], 1).await;

        let reminded = reminders::remind_unsubmitted(db, today).await.unwrap();
        assert_eq!(
            reminded, 2,
            "the second and third members, not the round closing later"
        );
        let due = |who: &app::auth::Actor| {
            let who = who.clone();
            async move {
                notifications::list(db, &who)
                    .await
                    .unwrap()
                    .into_iter()
                    .filter(|n| n.kind == reminders::KIND)
                    .map(|n| n.about)
                    .collect::<Vec<_>>()
            }
        };
        assert!(due(&c.members[0]).await.is_empty());
        assert!(due(&c.members[1]).await[0].contains(" — 1 — "));
        assert!(due(&c.members[2]).await[0].contains(" — 2 — "));
        let mailed = app::entities::mail_outbox::Entity::find()
            .filter(app::entities::mail_outbox::Column::Kind.eq(reminders::KIND))
            .all(db)
            .await
            .unwrap();
        assert_eq!(mailed.len(), 2, "reminders are e-mailed too");
        // Once per window; again when the officer extends it.
        assert_eq!(reminders::remind_unsubmitted(db, today).await.unwrap(), 0);
        let mut extended = make("Đợt sắp hết hạn", 2);
        let v = rounds::view(db, &p.province, closing)
            .await
            .unwrap()
            .version;
        rounds::update_settings(db, &p.province, closing, v, &extended, None)
            .await
            .unwrap();
        assert_eq!(reminders::remind_unsubmitted(db, today).await.unwrap(), 2);
        extended.scoring_until = day(-1);
        let v = rounds::view(db, &p.province, closing)
            .await
            .unwrap()
            .version;
        rounds::update_settings(db, &p.province, closing, v, &extended, None)
            .await
            .unwrap();
        assert_eq!(
            reminders::remind_unsubmitted(db, today).await.unwrap(),
            0,
            "a window already closed"
        );
        // Closed, a submitted sheet is not reopened: it could never be submitted again.
        assert_eq!(
            conflict(
                score_sheets::reopen(
                    db,
                    &p.province,
                    (closing, ids[0]),
                    c.members[0].user_id().unwrap(),
                    "x"
                )
                .await
            ),
            Reason::ReopenAfterWindow
        );
        t.cleanup().await;
    }
}
