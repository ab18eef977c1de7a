//! Bodies too big, or not what an endpoint reads: refused before the work, after reading no
//! more than the cap, never with a panic. Bodies here are generated lazily and count what the
//! server pulled, so "memory stays flat" is measured by bytes read, not by sending gigabytes.
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::body::Body;
use axum::http::{Request, header};
use tower::ServiceExt;

use crate::limits::FORM_BODY_MAX;
use crate::test_support::{demo_app, post_typed, sign_in};
use app::functions::uploads::MAX_TEXT_PART;

const BOUNDARY: &str = "attack-boundary";
const CHUNK: usize = 64 * 1024;
const HUGE: usize = 200 * 1024 * 1024;

/// `head`, then `total` bytes of 'a' in chunks, counting what is pulled into `pulled`. Each
/// chunk comes a moment after the last, as from a network (a reader that takes whatever is
/// ready would otherwise take all of it at once, up to the router's cap).
fn lazy_body(head: String, total: usize, pulled: Arc<AtomicUsize>) -> Body {
    let head = futures::stream::once(async move { Ok::<_, std::io::Error>(head.into_bytes()) });
    let filler = futures::stream::unfold(0usize, move |sent| {
        let pulled = pulled.clone();
        async move {
            tokio::task::yield_now().await;
            (sent < total).then(|| {
                pulled.fetch_add(CHUNK, Ordering::SeqCst);
                (Ok(vec![b'a'; CHUNK]), sent + CHUNK)
            })
        }
    });
    Body::from_stream(futures::StreamExt::chain(head, filler))
}

/// A multipart body whose first part, a text field, never ends (200 MB).
fn endless_text_part(pulled: Arc<AtomicUsize>) -> Body {
    let head =
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"product_id\"\r\n\r\n");
    lazy_body(head, HUGE, pulled)
}

async fn send(
    app: &axum::Router,
    path: &str,
    content_type: &str,
    body: Body,
    cookie: Option<&str>,
) -> (u16, String) {
    let (status, answer, _) = post_typed(app, path, content_type, body, cookie).await;
    (status, answer)
}

fn multipart_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

#[tokio::test]
async fn an_anonymous_200_mb_upload_is_refused_before_its_body_is_read() {
    let app = demo_app(Default::default()).await;
    let pulled = Arc::new(AtomicUsize::new(0));
    let (status, _) = send(
        &app.router,
        "/api/upload_product_photo",
        &multipart_type(),
        endless_text_part(pulled.clone()),
        None,
    )
    .await;
    assert_eq!(status, 401);
    assert!(
        pulled.load(Ordering::SeqCst) <= CHUNK,
        "read {} bytes of an anonymous upload",
        pulled.load(Ordering::SeqCst)
    );
}

#[tokio::test]
async fn a_200_mb_text_part_is_refused_after_reading_no_more_than_its_cap() {
    let app = demo_app(Default::default()).await;
    let producer = sign_in(&app.router, "dongbanh@demo.vn", None).await;
    for path in crate::limits::MULTIPART_ENDPOINTS {
        let pulled = Arc::new(AtomicUsize::new(0));
        let (status, answer) = send(
            &app.router,
            path,
            &multipart_type(),
            endless_text_part(pulled.clone()),
            Some(&producer),
        )
        .await;
        assert_eq!(status, 413, "{path}: {answer}");
        assert!(answer.contains("part_too_large"), "{path}: {answer}");
        let read = pulled.load(Ordering::SeqCst);
        assert!(
            read <= MAX_TEXT_PART + 2 * CHUNK,
            "{path} read {read} bytes"
        );
    }
}

#[tokio::test]
async fn a_body_announcing_more_than_the_cap_is_refused_unread() {
    let app = demo_app(Default::default()).await;
    let producer = sign_in(&app.router, "dongbanh@demo.vn", None).await;
    for (path, content_type) in [
        ("/api/upload_dossier_document", multipart_type()),
        (
            "/api/save_product",
            "application/x-www-form-urlencoded".to_owned(),
        ),
    ] {
        let pulled = Arc::new(AtomicUsize::new(0));
        let request = Request::post(path)
            .header(header::HOST, "ocop.test")
            .header(header::ORIGIN, "http://ocop.test")
            .header(header::CONTENT_TYPE, content_type)
            .header(header::CONTENT_LENGTH, (1u64 << 30).to_string())
            .header(header::COOKIE, &producer)
            .body(lazy_body(String::new(), HUGE, pulled.clone()))
            .unwrap();
        let response = app.router.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status().as_u16(), 413, "{path}");
        assert_eq!(pulled.load(Ordering::SeqCst), 0, "{path} read the body");
    }
}

#[tokio::test]
async fn a_streamed_form_body_is_cut_off_at_its_cap() {
    let app = demo_app(Default::default()).await;
    let producer = sign_in(&app.router, "dongbanh@demo.vn", None).await;
    let pulled = Arc::new(AtomicUsize::new(0));
    let (status, answer) = send(
        &app.router,
        "/api/save_product",
        "application/x-www-form-urlencoded",
        lazy_body("product[name]=".into(), HUGE, pulled.clone()),
        Some(&producer),
    )
    .await;
    assert!((400..500).contains(&status), "{status}: {answer}");
    let read = pulled.load(Ordering::SeqCst);
    assert!(read <= FORM_BODY_MAX + 2 * CHUNK, "read {read} bytes");
}

#[tokio::test]
async fn an_upload_endpoint_answers_400_to_a_body_it_cannot_read() {
    let app = demo_app(Default::default()).await;
    let producer = sign_in(&app.router, "dongbanh@demo.vn", None).await;
    for path in crate::limits::MULTIPART_ENDPOINTS {
        for content_type in [
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "text/plain",
        ] {
            let (status, answer) = send(
                &app.router,
                path,
                content_type,
                Body::from("product_id=1&file=x"),
                Some(&producer),
            )
            .await;
            assert_eq!(status, 400, "{path} with {content_type}: {answer}");
        }
    }
}
