//! Security headers on every response: pages, light pages, server functions, files, 404s.
use axum::http::header;

use crate::test_support::{demo_app, demo_app_with, post_typed, sign_in};

async fn headers_of(app: &axum::Router, path: &str, cookie: Option<&str>) -> axum::http::HeaderMap {
    let mut request = axum::http::Request::get(path).header(header::HOST, "ocop.test");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response =
        crate::test_support::answer(app, request.body(axum::body::Body::empty()).unwrap()).await;
    response.headers().clone()
}

fn value(headers: &axum::http::HeaderMap, name: header::HeaderName) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn no_response_can_be_framed_or_run_a_foreign_script() {
    let app = demo_app(Default::default()).await;
    let producer = sign_in(&app.router, "dongbanh@demo.vn", None).await;
    for (path, cookie) in [
        ("/", None),
        ("/khong-co-trang-nay", None),
        ("/products/1", None),
        ("/catalog", None),
        ("/producer/products", Some(producer.as_str())),
        ("/healthz", None),
    ] {
        let headers = headers_of(&app.router, path, cookie).await;
        let csp = value(&headers, header::CONTENT_SECURITY_POLICY);
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(
            !csp.contains("script-src 'self' 'unsafe-inline'"),
            "{path}: {csp}"
        );
        assert_eq!(value(&headers, header::X_FRAME_OPTIONS), "DENY", "{path}");
        assert_eq!(
            value(&headers, header::X_CONTENT_TYPE_OPTIONS),
            "nosniff",
            "{path}"
        );
        assert!(
            !value(&headers, header::REFERRER_POLICY).is_empty(),
            "{path}"
        );
        assert!(
            value(&headers, header::STRICT_TRANSPORT_SECURITY).is_empty(),
            "{path}: HSTS over http"
        );
    }
    // A server function's answer carries them too.
    let (status, _, _) = post_typed(
        &app.router,
        "/api/get_current_user",
        "application/x-www-form-urlencoded",
        String::new(),
        None,
    )
    .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_page_names_the_nonce_of_its_inline_scripts() {
    let app = demo_app(Default::default()).await;
    let producer = sign_in(&app.router, "thachden@demo.vn", None).await;
    for (path, cookie) in [
        ("/", None),
        ("/units?level=districts", None),
        ("/account", Some(producer.as_str())),
        ("/producer", Some(producer.as_str())),
        ("/khong-co", None),
    ] {
        use tower::ServiceExt;
        let mut request = axum::http::Request::get(path).header(header::HOST, "ocop.test");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response = app
            .router
            .clone()
            .oneshot(request.body(axum::body::Body::empty()).unwrap())
            .await
            .unwrap();
        let csp = value(response.headers(), header::CONTENT_SECURITY_POLICY);
        let body = axum::body::to_bytes(response.into_body(), 4 << 20)
            .await
            .unwrap();
        let html = String::from_utf8_lossy(&body);
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("{path}: no nonce in {csp}"));
        // Every inline script of the page carries it.
        for script in html.split("<script").skip(1) {
            let (tag, rest) = script.split_once('>').unwrap_or_default();
            // A script with a source, or an empty one (browsers neither run nor check it).
            if tag.contains(" src=") || rest.starts_with("</script>") {
                continue;
            }
            assert!(
                tag.contains(&format!("nonce=\"{nonce}\"")),
                "{path}: <script{tag}> lacks the nonce"
            );
        }
    }
}

#[tokio::test]
async fn over_https_strict_transport_security_is_sent() {
    let app = demo_app_with(Default::default(), true).await;
    let headers = headers_of(&app.router, "/", None).await;
    assert!(value(&headers, header::STRICT_TRANSPORT_SECURITY).contains("max-age="));
}

#[tokio::test]
async fn an_uploaded_pdf_is_served_sandboxed_and_framed_only_by_this_site() {
    let app = demo_app(Default::default()).await;
    let (pdf, producer) = app.uploaded_pdf().await;
    let (status, _) =
        crate::test_support::get_bytes(&app.router, &format!("/files/{}", pdf.id), Some(&producer))
            .await;
    assert_eq!(status, 200);
    let headers = headers_of(&app.router, &format!("/files/{}", pdf.id), Some(&producer)).await;
    assert_eq!(
        value(&headers, header::CONTENT_SECURITY_POLICY),
        "sandbox; frame-ancestors 'self'"
    );
    // The dossier page's viewer frames it; another site may not (it was DENY, and the
    // viewer showed the browser's refusal instead of the document).
    assert_eq!(value(&headers, header::X_FRAME_OPTIONS), "SAMEORIGIN");
}
