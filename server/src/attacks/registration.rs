//! Registration cannot be used to squat: a rejected registration gives its tax code, e-mail
//! and phone back, and one address cannot register without end.
use crate::test_support::{account, demo_server, form_value, post_from};

fn registration(email: &str, phone: &str, tax_code: &str) -> String {
    [
        ("full_name", "Lương Văn Thử"),
        ("email", email),
        ("phone", phone),
        ("password", "Mat-khau-dai-2026!"),
        ("subject_mode", "new"),
        ("subject_type", "HTX"),
        ("subject_name", "Hợp tác xã Thử Đăng Ký"),
        ("tax_code", tax_code),
        ("address", ""),
        ("commune_code", "06463"),
        ("join_subject_id", ""),
    ]
    .iter()
    .map(|(k, v)| format!("registration[{k}]={}", form_value(v)))
    .collect::<Vec<_>>()
    .join("&")
}

#[tokio::test]
async fn a_rejected_registration_releases_its_email_phone_and_tax_code() {
    let app = demo_server().await;
    let body = registration("squat@example.vn", "0912000111", "4900777001");
    let first = post_from(
        &app.router,
        "/api/register_producer",
        body.clone(),
        "203.0.113.1",
    )
    .await;
    assert!(!first.contains("Invalid"), "{first}");
    let officer = app::auth::current::to_actor(&account(&app.db, "xa.chilang@demo.vn").await);
    let squatter = account(&app.db, "squat@example.vn").await;
    app::services::accounts::registration::decide_registration(
        &app.db,
        &officer,
        squatter.id,
        false,
        "Không phải chủ thể thật",
        None,
    )
    .await
    .unwrap();
    // The real owner of those details registers next: nothing is "taken".
    let again = post_from(&app.router, "/api/register_producer", body, "203.0.113.2").await;
    assert!(!again.contains("Invalid"), "{again}");
}

#[tokio::test]
async fn one_address_cannot_register_without_end() {
    let app = demo_server().await;
    let mut refused = 0;
    for i in 0..25 {
        // Incomplete forms are refused quickly, but each one still counts.
        let answer = post_from(
            &app.router,
            "/api/register_producer",
            registration(&format!("r{i}@example.vn"), "", ""),
            "203.0.113.50",
        )
        .await;
        if answer.contains("too_many_registrations") {
            refused += 1;
        }
    }
    assert_eq!(refused, 5, "twenty registrations an hour from one address");
}
