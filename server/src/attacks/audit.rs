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
    let period = {
        use app::entities::report_period;
        report_period::Entity::find()
            .filter(report_period::Column::Year.eq(2026))
            .filter(report_period::Column::Kind.eq("half_year"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
    };
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
