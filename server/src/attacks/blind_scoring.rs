//! Blind scoring stays sealed: nothing of a member's scoring reaches producers or communes
//! through the dossier; a member cannot back out of a dossier they scored; what the officer
//! reviewed cannot change under the decision; every change to a round is audited.
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::domain::round::Phase;
use app::entities::{dossier, evaluation_round, score_sheet, user_account};

use crate::test_support::{TestApp, demo_app, post_with_status, sign_in};

/// The demo's open round (in scoring) and a submitted council sheet in it.
async fn open_round(app: &TestApp) -> (evaluation_round::Model, score_sheet::Model) {
    let round = evaluation_round::Entity::find()
        .filter(evaluation_round::Column::Phase.eq(Phase::Scoring))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo round in scoring");
    let sheet = score_sheet::Entity::find()
        .filter(score_sheet::Column::RoundId.eq(round.id))
        .filter(score_sheet::Column::SubmittedAt.is_not_null())
        .filter(score_sheet::Column::Panel.eq("council"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a submitted council sheet");
    (round, sheet)
}

async fn email_of(app: &TestApp, user_id: i32) -> String {
    user_account::Entity::find_by_id(user_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .email
        .unwrap()
}

#[tokio::test]
async fn a_producer_and_the_commune_learn_nothing_of_the_scoring_from_the_dossier() {
    let app = demo_app(Default::default()).await;
    let (_, sheet) = open_round(&app).await;
    let scored = dossier::Entity::find_by_id(sheet.dossier_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let producer = user_account::Entity::find()
        .filter(user_account::Column::SubjectId.eq(scored.subject_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let officer = user_account::Entity::find()
        .filter(user_account::Column::CommuneCode.eq(scored.commune_code.clone()))
        .filter(user_account::Column::Role.eq(app::domain::access::Role::CommuneOfficer))
        .one(&app.db)
        .await
        .unwrap();
    let member = user_account::Entity::find_by_id(sheet.user_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut readers = vec![producer.email.unwrap()];
    readers.extend(officer.and_then(|o| o.email));
    for reader in readers {
        let cookie = sign_in(&app.router, &reader, None).await;
        let (status, answer, _) = post_with_status(
            &app.router,
            "/api/get_dossier",
            format!("dossier_id={}", scored.id),
            Some(&cookie),
        )
        .await;
        assert_eq!(status, 200, "{reader}: {answer}");
        assert!(
            !answer.contains("sheet."),
            "{reader} sees the scoring: {answer}"
        );
        assert!(
            !answer.contains(&member.full_name),
            "{reader} sees the member's name"
        );
    }
}

#[tokio::test]
async fn a_member_cannot_declare_a_conflict_on_a_dossier_they_scored() {
    let app = demo_app(Default::default()).await;
    let (round, sheet) = open_round(&app).await;
    let member = sign_in(&app.router, &email_of(&app, sheet.user_id).await, None).await;
    let (status, answer, _) = post_with_status(
        &app.router,
        "/api/declare_conflict",
        format!(
            "round_id={}&dossier_id={}&reason=quen",
            round.id, sheet.dossier_id
        ),
        Some(&member),
    )
    .await;
    assert_eq!(status, 409, "{answer}");
    // The submitted sheet still counts.
    let still = score_sheet::Entity::find_by_id(sheet.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(still.submitted_at.is_some());
}

#[tokio::test]
async fn a_conflict_declared_during_scoring_changes_the_round_under_the_decision() {
    let app = demo_app(Default::default()).await;
    let (round, _) = open_round(&app).await;
    // The trainer's council member, who has scored nothing yet.
    let member = sign_in(&app.router, "hoidong@demo.vn", None).await;
    let dossiers: Vec<i32> = app::entities::round_dossier::Entity::find()
        .filter(app::entities::round_dossier::Column::RoundId.eq(round.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.dossier_id)
        .collect();
    let (status, answer, _) = post_with_status(
        &app.router,
        "/api/declare_conflict",
        format!(
            "round_id={}&dossier_id={}&reason=ho+hang",
            round.id, dossiers[0]
        ),
        Some(&member),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    let after = evaluation_round::Entity::find_by_id(round.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        after.version > round.version,
        "the round's version did not move"
    );
}

#[tokio::test]
async fn a_change_of_round_settings_is_audited_before_and_after() {
    let app = demo_app(Default::default()).await;
    let (round, _) = open_round(&app).await;
    let province = sign_in(&app.router, "so.nnmt@demo.vn", None).await;
    let body = format!(
        "round_id={}&version={}&round[name]={}&round[year]={}&round[dossier_deadline]={}\
         &round[scoring_from]={}&round[scoring_until]={}&round[others_visible]=always\
         &round[aggregation]=median&round[assigned_only]=true",
        round.id,
        round.version,
        crate::test_support::form_value(&round.name),
        round.year,
        round.dossier_deadline,
        round.scoring_from,
        round.scoring_until,
    );
    let (status, answer, _) =
        post_with_status(&app.router, "/api/update_round", body, Some(&province)).await;
    assert_eq!(status, 200, "{answer}");
    let entry = app::entities::audit_log::Entity::find()
        .filter(app::entities::audit_log::Column::Action.eq("round.settings"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        entry
            .summary
            .contains(&format!("{} → always", round.others_visible))
            && entry.summary.contains("→ median"),
        "{}",
        entry.summary
    );
}
