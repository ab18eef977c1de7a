//! How a round's decision ends its dossiers (issue 23): every dossier with a council result
//! ends certified or not reached, its producer is told either way, the dossier's page shows the
//! council's score, each part and its remarks (never a member's sheet), and the product may
//! then start a new dossier — but never a second one while one is under way.
use crate::support;

use app::auth::Actor;
use app::domain::dossier::{DossierAction, DossierState};
use app::domain::round::Phase;
use app::entities::dossier as dossier_entity;
use app::models::evaluation::rounds::DecisionInput;
use app::services::ServiceError;
use app::services::certificates::register::CertificateSettings;
use app::services::dossiers::{filing, flow, view};
use app::services::evaluation::{decision, remarks, results, rounds};
use app::services::files::uploads::UploadLimits;
use app::services::notifications;
use sea_orm::{DatabaseConnection, EntityTrait};
use support::dossiers::{files, people, reason};
use support::rounds::{council, round_with, score};

async fn advance(db: &DatabaseConnection, province: &Actor, round: i32) -> Phase {
    let version = rounds::view(db, province, round).await.unwrap().version;
    rounds::advance(db, province, round, version).await.unwrap()
}

async fn dossier(db: &DatabaseConnection, id: i32) -> dossier_entity::Model {
    dossier_entity::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn a_decision_ends_every_dossier_and_tells_each_producer_with_the_score() {
    for t in support::demo::demo_databases().await {
        let (db, store, p) = (&t.db, files(), people(&t.db).await);
        let c = council(db).await;
        let (round, ids) = round_with(db, &store, &p, &c, 2).await;
        let (certified, not_reached) = (ids[0], ids[1]);
        let product = dossier(db, not_reached).await.product_id;
        // Remarks wait for scoring.
        assert!(matches!(
            remarks::save_remarks(db, &p.province, round, certified, "sớm").await,
            Err(ServiceError::Conflict(_))
        ));

        // In evaluation the dossier is under way: its product opens no second one.
        assert_eq!(
            reason(filing::create_dossier(db, &p.owner, product, "first", None).await),
            ("product_id", "dossier_open"),
            "{}",
            t.backend
        );
        // The round's steps are never taken from the dossier's own page (the province could
        // once put a forwarded dossier "in evaluation" in no round).
        for action in [DossierAction::Certify, DossierAction::DeclareNotReached] {
            let v = dossier(db, certified).await.version;
            let got = flow::act(db, &p.province, certified, v, action, "", None).await;
            assert!(matches!(got, Err(ServiceError::Denied(_))), "{got:?}");
        }

        assert_eq!(advance(db, &p.province, round).await, Phase::AdvisoryReview);
        assert_eq!(advance(db, &p.province, round).await, Phase::Scoring);
        for member in &c.members {
            score(db, member, round, certified, 2).await;
        }
        // Every dossier needs a council result before deliberation: none may be stranded in
        // evaluation by a decision that gave it nothing.
        let version = rounds::view(db, &p.province, round).await.unwrap().version;
        assert_eq!(
            reason(rounds::advance(db, &p.province, round, version).await),
            ("round", "unscored")
        );
        for member in &c.members {
            score(db, member, round, not_reached, 0).await;
        }

        // The council's remarks: the province writes them, nobody else; bounded; blank clears.
        let words = "Chưa có phiếu kiểm nghiệm; bổ sung câu chuyện sản phẩm.";
        for who in [
            &c.members[0],
            &p.owner,
            &p.commune,
            &p.admin,
            &Actor::Anonymous,
        ] {
            let got = remarks::save_remarks(db, who, round, not_reached, words).await;
            assert!(
                matches!(got, Err(ServiceError::Denied(_))),
                "{who:?}: {got:?}"
            );
        }
        assert_eq!(
            reason(
                remarks::save_remarks(db, &p.province, round, not_reached, &"x".repeat(2001)).await
            ),
            ("remarks", "too_long")
        );
        let elsewhere =
            support::dossiers::fresh(db, &store, &p, 300, DossierState::Forwarded).await;
        assert!(matches!(
            remarks::save_remarks(db, &p.province, round, elsewhere, words).await,
            Err(ServiceError::NotFound)
        ));
        remarks::save_remarks(db, &p.province, round, certified, "tạm")
            .await
            .unwrap();
        remarks::save_remarks(db, &p.province, round, certified, "  ")
            .await
            .unwrap();
        assert_eq!(advance(db, &p.province, round).await, Phase::Deliberation);
        remarks::save_remarks(db, &p.province, round, not_reached, words)
            .await
            .unwrap();
        let rows = results::results(db, &p.province, round).await.unwrap().rows;
        let row = |id: i32| rows.iter().find(|r| r.dossier_id == id).unwrap();
        assert_eq!(row(not_reached).remarks.as_deref(), Some(words));
        assert_eq!(row(certified).remarks, None, "blank remarks clear them");

        let version = rounds::view(db, &p.province, round).await.unwrap().version;
        let input = DecisionInput {
            number: "77/QĐ-UBND".into(),
            date: "2026-07-15".into(),
            signer: "Chủ tịch UBND tỉnh".into(),
        };
        let issued = decision::decide(
            db,
            &p.province,
            round,
            version,
            &input,
            &CertificateSettings::default(),
        )
        .await
        .unwrap();
        assert_eq!(issued, 1);
        assert_eq!(dossier(db, certified).await.state, DossierState::Certified);
        assert_eq!(
            dossier(db, not_reached).await.state,
            DossierState::NotReached
        );

        // The producer reads the result on the dossier's page, and so does the commune.
        let limits = UploadLimits::default();
        for who in [&p.owner, &p.commune, &p.province] {
            let page = view::dossier_view(db, who, not_reached, &limits)
                .await
                .unwrap();
            let result = page.result.expect("a decided dossier shows its result");
            assert!(page.actions.is_empty(), "a decided dossier is final");
            assert!(result.score.unwrap() < 500, "{:?}", result.score);
            assert!(result.stars.unwrap() < 3);
            assert!(result.certificate.is_none());
            assert_eq!(result.remarks.as_deref(), Some(words));
            assert_eq!(result.decision_number.as_deref(), Some("77/QĐ-UBND"));
            assert_eq!(result.parts.len(), 3, "parts A, B and C");
            assert!(
                result
                    .parts
                    .iter()
                    .all(|part| !part.name.is_empty() && part.points <= part.max)
            );
            let sum: u32 = result.parts.iter().map(|part| part.points).sum();
            assert!(
                sum.abs_diff(result.score.unwrap()) <= 3,
                "the mean's parts add up"
            );
        }
        let page = view::dossier_view(db, &p.owner, certified, &limits)
            .await
            .unwrap();
        let result = page.result.unwrap();
        let brief = result.certificate.expect("the certificate issued");
        assert_eq!((brief.stars, brief.revoked), (4, false));
        assert_eq!(brief.valid_until, "14/07/2029");
        // Who scored what stays the round's business: the producer's history has no sheet.
        let owners = view::dossier_view(db, &p.owner, not_reached, &limits)
            .await
            .unwrap();
        assert!(
            owners
                .history
                .iter()
                .all(|h| !h.action.starts_with("sheet."))
        );
        assert!(
            owners
                .history
                .iter()
                .any(|h| h.action == "dossier.not_reached")
        );
        // Another producer, another commune and a council member see neither dossier.
        for outsider in [&p.other_producer, &p.other_commune, &c.members[0]] {
            for id in [certified, not_reached] {
                let got = view::dossier_view(db, outsider, id, &limits).await;
                assert!(
                    matches!(got, Err(ServiceError::NotFound | ServiceError::Denied(_))),
                    "{outsider:?}: {got:?}"
                );
            }
        }

        // Each producer is told either way.
        let notes = notifications::list(db, &p.owner).await.unwrap();
        let told = |kind: &str, id: i32| {
            notes
                .iter()
                .any(|n| n.kind == kind && n.dossier_id == Some(id))
        };
        assert!(told("round.decided", certified));
        assert!(told("round.not_reached", not_reached));
        let mailed = app::entities::mail_outbox::Entity::find()
            .all(db)
            .await
            .unwrap();
        assert!(
            mailed.iter().any(|m| m.kind == "round.not_reached"),
            "the not-reached result is e-mailed too"
        );

        // Remarks are fixed once decided; the product may now start a new dossier.
        assert!(matches!(
            remarks::save_remarks(db, &p.province, round, not_reached, "sau").await,
            Err(ServiceError::Conflict(_))
        ));
        filing::create_dossier(db, &p.owner, product, "first", None)
            .await
            .unwrap();
        t.cleanup().await;
    }
}
