//! Sign-in under attack: guesses raced in parallel, oversized logins, floods of unknown logins,
//! and addresses claimed in headers.
use app::state::AuthSettings;

use crate::test_support::{demo_app, form_value, post, post_typed};

fn attempt(login: &str, password: &str) -> String {
    format!(
        "login={}&password={}",
        form_value(login),
        form_value(password)
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_parallel_guesses_get_at_most_five_password_checks() {
    let app = demo_app(AuthSettings::default()).await;
    let guesses = (0..100).map(|i| {
        let router = app.router.clone();
        tokio::spawn(async move {
            post(
                &router,
                "/api/sign_in",
                attempt("dongbanh@demo.vn", &format!("sai-{i}")),
                None,
            )
            .await
            .0
        })
    });
    let answers = futures::future::join_all(guesses).await;
    let checked = answers
        .iter()
        .filter(|a| a.as_ref().unwrap().contains("wrong_credentials"))
        .count();
    let slowed = answers
        .iter()
        .filter(|a| a.as_ref().unwrap().contains("too_many_attempts"))
        .count();
    assert!(checked <= 5, "{checked} guesses had their password checked");
    assert_eq!(checked + slowed, 100);
}

#[tokio::test]
async fn a_login_over_254_characters_is_refused_before_anything_else() {
    let app = demo_app(AuthSettings::default()).await;
    let login = format!("{}@demo.vn", "a".repeat(300));
    let (status, answer, _) = post_typed(
        &app.router,
        "/api/sign_in",
        "application/x-www-form-urlencoded",
        attempt(&login, "x"),
        None,
    )
    .await;
    assert_eq!(status, 422, "{answer}");
    assert!(
        answer.contains("too_long") && answer.contains("login"),
        "{answer}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_parallel_sign_ins_run_no_more_argon2_than_there_are_cores() {
    let app = demo_app(AuthSettings {
        trusted_proxies: 1,
        ..AuthSettings::default()
    })
    .await;
    let sign_ins = (0..40).map(|i| {
        let router = app.router.clone();
        tokio::spawn(async move {
            crate::test_support::post_from(
                &router,
                "/api/sign_in",
                attempt(&format!("khong-co-{i}@demo.vn"), "mat-khau-sai"),
                &format!("198.51.100.{i}"),
            )
            .await
        })
    });
    for answer in futures::future::join_all(sign_ins).await {
        let answer = answer.unwrap();
        assert!(
            answer.contains("wrong_credentials") || answer.contains("server_busy"),
            "{answer}"
        );
    }
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let peak = app::auth::hashing::peak_running();
    assert!(peak <= cores, "{peak} Argon2 runs at once on {cores} cores");
}

#[tokio::test]
async fn a_forged_forwarded_host_does_not_pass_the_origin_check() {
    use axum::body::Body;
    use axum::http::{Request, header};
    use tower::ServiceExt;
    let app = demo_app(AuthSettings::default()).await;
    // Without a trusted proxy, X-Forwarded-Host is the sender's word: it must not make a
    // cross-site post look same-site.
    let request = Request::post("/api/sign_out")
        .header(header::HOST, "ocop.test")
        .header(header::ORIGIN, "http://evil.test")
        .header("x-forwarded-host", "evil.test")
        .body(Body::empty())
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status().as_u16(), 403);
}

/// Where a sign-in posted by a plain form (no script) sends the browser: its `Location`.
async fn signed_in_to(app: &axum::Router, next: &str) -> (u16, String) {
    use axum::body::Body;
    use axum::http::{Request, header};
    let body = format!(
        "{}&next={}",
        attempt("dongbanh@demo.vn", app::seed::demo::DEMO_PASSWORD),
        form_value(next)
    );
    let request = Request::post("/api/sign_in")
        .header(header::HOST, "ocop.test")
        .header(header::ORIGIN, "http://ocop.test")
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let response = crate::test_support::answer(app, request).await;
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (response.status().as_u16(), location)
}

#[tokio::test]
async fn a_sign_in_link_returns_to_a_page_of_this_site_and_never_to_another() {
    let app = demo_app(AuthSettings::default()).await;
    // An anonymous visitor sent to sign in is asked to come back to the page.
    let request = axum::http::Request::get("/dossiers/2")
        .header(axum::http::header::HOST, "ocop.test")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = crate::test_support::answer(&app.router, request).await;
    assert_eq!(
        response
            .headers()
            .get(axum::http::header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some("/login?next=%2Fdossiers%2F2")
    );
    assert_eq!(
        signed_in_to(&app.router, "/dossiers/2").await,
        (302, "/dossiers/2".to_owned())
    );
    // Another site, in every spelling a browser would follow, and an address that cannot be a
    // header: the producer's work area instead, and no panic.
    for elsewhere in [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "/\t/evil.example",
        "/tìm-kiếm",
        "",
    ] {
        assert_eq!(
            signed_in_to(&app.router, elsewhere).await,
            (302, "/producer".to_owned()),
            "{elsewhere:?}"
        );
    }
}
