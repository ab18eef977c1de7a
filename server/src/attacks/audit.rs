//! What the audit log must hold: sign-ins and sign-outs, criteria sets, reports and their
//! settings — each with the client's address.
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::entities::audit_log;

use crate::test_support::{demo_server, form_value, send_post};

const ADDRESS: &str = "198.51.100.77";

/// POSTs as a browser behind the trusted proxy, from `ADDRESS`.
async fn post_as(
    app: &axum::Router,
    path: &str,
    body: String,
    cookie: Option<&str>,
) -> (u16, String, Option<String>) {
    let form = "application/x-www-form-urlencoded";
    send_post(app, path, form, body, cookie, Some(ADDRESS)).await
}

async fn sign_in_as(app: &axum::Router, email: &str) -> String {
    let body = format!(
        "login={}&password={}",
        form_value(email),
        app::seed::demo::DEMO_PASSWORD
    );
    post_as(app, "/api/sign_in", body, None).await.2.unwrap()
}

#[tokio::test]
async fn sign_ins_reports_settings_and_criteria_are_audited_with_the_address() {
    let app = demo_server().await;
    let commune = sign_in_as(&app.router, "xa.chilang@demo.vn").await;
    let province = sign_in_as(&app.router, "so.nnmt@demo.vn").await;
    // The period whose report the demo leaves unwritten for Chi Lăng.
    let period = app::seed::reports::demo_periods(&app.db, app::clock::today())
        .await
        .unwrap()
        .unwrap()
        .last;
    for (path, body, cookie) in [
        (
            "/api/save_report",
            format!(
                "period_id={}&scope=06463&version=0&results=Kết+quả",
                period.id
            ),
            &commune,
        ),
        (
            "/api/save_report_target",
            "year=2027&scope_code=06463&new_3star=3&national=0".to_owned(),
            &province,
        ),
        (
            "/api/save_report_period",
            format!(
                "period_id={}&starts_on={}&ends_on={}&due_on={}",
                period.id, period.starts_on, period.ends_on, period.due_on
            ),
            &province,
        ),
        ("/api/sign_out", String::new(), &commune),
    ] {
        let (status, answer, _) = post_as(&app.router, path, body, Some(cookie)).await;
        assert_eq!(status, 200, "{path}: {answer}");
    }
    for action in [
        "account.sign_in",
        "account.sign_out",
        "report.save",
        "report_settings.target",
        "report_settings.period",
    ] {
        let entries = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq(action))
            .all(&app.db)
            .await
            .unwrap();
        assert!(!entries.is_empty(), "{action} is not audited");
        assert!(
            entries.iter().all(|e| e.ip.as_deref() == Some(ADDRESS)),
            "{action} lacks the client's address"
        );
    }
}

/// The one entry of `action` on round `round`, checked to carry the client's address.
async fn round_entry(app: &crate::test_support::TestApp, action: &str, round: i32) -> String {
    let entries = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .filter(audit_log::Column::TargetId.eq(round.to_string()))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(entries.len(), 1, "{action} on round {round}: {entries:?}");
    assert_eq!(entries[0].ip.as_deref(), Some(ADDRESS), "{action}");
    entries[0].summary.clone()
}

#[tokio::test]
async fn round_members_conflicts_and_settings_are_audited_before_and_after() {
    use app::entities::{evaluation_round, round_conflict, round_dossier, round_member};
    use app::entities::{score_sheet, user_account};
    let app = demo_server().await;
    let province = sign_in_as(&app.router, "so.nnmt@demo.vn").await;
    let settings = "round[name]=Đợt+kiểm+tra&round[year]=2027&round[dossier_deadline]=2027-05-31\
                    &round[scoring_from]=2027-06-01&round[scoring_until]=2027-06-30\
                    &round[others_visible]=never&round[aggregation]=mean";
    let (status, answer, _) = post_as(
        &app.router,
        "/api/create_round",
        settings.into(),
        Some(&province),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    let round: i32 = answer.trim().parse().unwrap();
    let member = user_account::Entity::find()
        .filter(user_account::Column::Email.eq("hoidong2@demo.vn"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    for path in ["/api/add_round_member", "/api/remove_round_member"] {
        let body = format!("round_id={round}&user_id={}&group_code=", member.id);
        let (status, answer, _) = post_as(&app.router, path, body, Some(&province)).await;
        assert_eq!(status, 200, "{path}: {answer}");
    }
    let name = &member.full_name;
    assert_eq!(
        round_entry(&app, "round.add_member", round).await,
        format!("members: — → {name}")
    );
    assert_eq!(
        round_entry(&app, "round.remove_member", round).await,
        format!("members: {name} → —")
    );

    let version = evaluation_round::Entity::find_by_id(round)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .version;
    let body = format!(
        "round_id={round}&version={version}&{}",
        settings.replace("never", "always")
    );
    let (status, answer, _) =
        post_as(&app.router, "/api/update_round", body, Some(&province)).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        round_entry(&app, "round.settings", round).await,
        "Đợt kiểm tra: others_visible: never → always"
    );

    // A member of the demo round in scoring declares a conflict on a dossier they have not
    // scored.
    let open = evaluation_round::Entity::find()
        .filter(evaluation_round::Column::Phase.eq(app::domain::round::Phase::Scoring))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo round in scoring");
    let members = round_member::Entity::find()
        .filter(round_member::Column::RoundId.eq(open.id))
        .filter(round_member::Column::Panel.eq("council"))
        .all(&app.db)
        .await
        .unwrap();
    let entries = round_dossier::Entity::find()
        .filter(round_dossier::Column::RoundId.eq(open.id))
        .all(&app.db)
        .await
        .unwrap();
    let sheets = score_sheet::Entity::find()
        .filter(score_sheet::Column::RoundId.eq(open.id))
        .all(&app.db)
        .await
        .unwrap();
    let declared = round_conflict::Entity::find()
        .filter(round_conflict::Column::RoundId.eq(open.id))
        .all(&app.db)
        .await
        .unwrap();
    let (member, dossier) = members
        .iter()
        .flat_map(|m| entries.iter().map(move |e| (m.user_id, e.dossier_id)))
        .find(|&(user, dossier)| {
            !sheets
                .iter()
                .any(|s| s.user_id == user && s.dossier_id == dossier)
                && !declared
                    .iter()
                    .any(|c| c.user_id == user && c.dossier_id == dossier)
        })
        .expect("a member who has not scored a dossier of the demo round");
    let account = user_account::Entity::find_by_id(member)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let cookie = sign_in_as(&app.router, account.email.as_deref().unwrap()).await;
    let body = format!(
        "round_id={}&dossier_id={dossier}&reason=Người+nhà+của+chủ+thể",
        open.id
    );
    let (status, answer, _) =
        post_as(&app.router, "/api/declare_conflict", body, Some(&cookie)).await;
    assert_eq!(status, 200, "{answer}");
    let before: Vec<String> = {
        let mut names = Vec::new();
        for conflict in declared.iter().filter(|c| c.dossier_id == dossier) {
            let user = user_account::Entity::find_by_id(conflict.user_id)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            names.push(user.full_name);
        }
        names.sort();
        names
    };
    let shown_before = if before.is_empty() {
        "—".to_owned()
    } else {
        before.join(", ")
    };
    let after = before
        .iter()
        .cloned()
        .chain([account.full_name.clone()])
        .collect::<Vec<_>>()
        .join(", ");
    assert_eq!(
        round_entry(&app, "round.conflict", open.id).await,
        format!("conflicts on dossier {dossier}: {shown_before} → {after}")
    );
}
