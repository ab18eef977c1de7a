//! A crowd larger than the server's turns at work (`crate::admission`): the requests beyond
//! them wait and, past the wait, are told the server is busy — in words, with Retry-After —
//! while health checks and kept pages are still answered at once; a turn is held until the
//! answer has been sent.
use std::time::Duration;

use app::admission::Admission;
use axum::body::{Body, to_bytes};
use axum::http::{Request, header};

use crate::test_support::{answer, demo_app_taking_turns, get_page, post_with_status, sign_in};

#[tokio::test]
async fn a_server_without_a_free_turn_says_it_is_busy_and_serves_what_needs_none() {
    let turns = Admission::new(1, Duration::from_millis(300));
    let app = demo_app_taking_turns(turns.clone()).await;
    let official = sign_in(&app.router, "so.nnmt@demo.vn", None).await;
    assert_eq!(get_page(&app.router, "/products/1", None).await.0, 200);

    let held = turns.turn().await.unwrap();
    // Needing no turn: answered (a request that needs one is refused after the wait).
    assert_eq!(get_page(&app.router, "/healthz", None).await.0, 200);
    assert_eq!(get_page(&app.router, "/products/1", None).await.0, 200);
    // A server function: 503, the reason the page turns into a sentence, when to try again.
    let refused = answer(&app.router, dashboard(&official)).await;
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.headers()[header::RETRY_AFTER], "5");
    let body = to_bytes(refused.into_body(), 1 << 16).await.unwrap();
    assert!(String::from_utf8_lossy(&body).contains("server_busy"));
    // A page, and a public page not kept yet: a short page in both languages.
    for path in ["/dashboard", "/products/2"] {
        let (status, page) = get_page(&app.router, path, Some(&official)).await;
        assert_eq!(status, 503, "{path}");
        assert!(page.contains("Hệ thống đang bận"), "{path}: {page}");
        assert!(page.contains("The system is busy"), "{path}");
    }

    drop(held);
    let (status, _, _) = post_with_status(
        &app.router,
        "/api/get_dashboard",
        "filter[year]=2026".into(),
        Some(&official),
    )
    .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_waiting_request_goes_through_when_a_turn_is_given_back() {
    let turns = Admission::new(1, Duration::from_secs(20));
    let app = demo_app_taking_turns(turns.clone()).await;
    let held = turns.turn().await.unwrap();
    let router = app.router.clone();
    let waiting = tokio::spawn(async move { get_page(&router, "/", None).await.0 });
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!waiting.is_finished(), "answered without a turn");
    drop(held);
    assert_eq!(waiting.await.unwrap(), 200);
}

/// The dashboard's server function, as the official's browser asks for it (the whole
/// answer at once).
fn dashboard(cookie: &str) -> Request<Body> {
    Request::post("/api/get_dashboard")
        .header(header::HOST, "ocop.test")
        .header(header::ORIGIN, "http://ocop.test")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("filter[year]=2026"))
        .unwrap()
}

fn home() -> Request<Body> {
    Request::get("/")
        .header(header::HOST, "ocop.test")
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn a_streamed_page_holds_its_turn_until_sent_and_a_stalled_reader_not_past_the_wait() {
    let turns = Admission::new(1, Duration::from_secs(20));
    let app = demo_app_taking_turns(turns.clone()).await;
    let response = answer(&app.router, home()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(turns.free(), Some(0), "the page is still being sent");
    to_bytes(response.into_body(), 1 << 22).await.unwrap();
    assert_eq!(turns.free(), Some(1));

    // A client that stops reading gives its turn back once the wait has passed.
    let turns = Admission::new(1, Duration::from_millis(300));
    let app = demo_app_taking_turns(turns.clone()).await;
    let stalled = answer(&app.router, home()).await;
    assert_eq!(turns.free(), Some(0));
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(turns.free(), Some(1), "a stalled reader kept its turn");
    drop(stalled);

    // A whole answer (a server function's) gives its turn back before it is read.
    let official = sign_in(&app.router, "so.nnmt@demo.vn", None).await;
    let unread = answer(&app.router, dashboard(&official)).await;
    assert_eq!(unread.status(), 200);
    assert_eq!(turns.free(), Some(1));
}
