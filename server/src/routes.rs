//! The router: Leptos pages and server functions, static files, and the non-Leptos routes.
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultMakeSpan, TraceLayer};

use app::auth::session_store::DbSessionStore;
use app::pages::Pages;
use app::state::AppState;
use app::{App, shell};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

#[cfg(test)]
pub fn router(state: AppState, cookie_secure: bool) -> Router {
    router_and_cache(state, cookie_secure).0
}

/// The router and the cache of its public pages (which the tests look into).
pub fn router_and_cache(
    state: AppState,
    cookie_secure: bool,
) -> (Router, crate::page_cache::PageCache) {
    let sessions = session_layer(&state, cookie_secure);
    let upload_body_limit = state.upload_limits.max_bytes + 1024 * 1024;
    let routes = route_list();
    let page_cache = crate::page_cache::PageCache::new(state.page_cache_bytes);
    let kept = page_cache.clone();
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let render = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let pkg_dir = std::path::Path::new(state.leptos_options.site_root.as_ref())
        .join(state.leptos_options.site_pkg_dir.as_ref());
    let router = Router::new()
        .route("/healthz", get(crate::lifecycle::healthz))
        .route("/readyz", get(crate::lifecycle::readyz))
        .route("/files/{id}", get(crate::files::file))
        .route("/files/{id}/thumb", get(crate::files::thumbnail))
        .route("/certificates/{number}/pdf", get(crate::certificates::pdf))
        .route(
            "/admin/criteria/{id}/xlsx",
            get(crate::exports::criteria_xlsx),
        )
        .route(
            "/registry/products.xlsx",
            get(crate::exports::registry_xlsx),
        )
        .route(
            "/admin/imports/template.xlsx",
            get(crate::exports::import_template),
        )
        .route(
            "/rounds/{id}/escalation.zip",
            get(crate::exports::escalation_zip),
        )
        .route(
            "/rounds/{id}/disagreement.csv",
            get(crate::exports::disagreement_csv),
        )
        .route("/lots/{id}/stamps.pdf", get(crate::exports::lot_stamps))
        .route("/adoption.csv", get(crate::exports::adoption_csv))
        .route("/help/guides/{file}", get(crate::exports::role_guide))
        .route("/help/tour-done", post(crate::tour::tour_done))
        .route(
            "/trainings/{id}/sign-in.pdf",
            get(crate::exports::training_sign_in),
        )
        .route(
            "/reports/{period}/{scope}/report.xlsx",
            get(crate::exports::report_xlsx),
        )
        .route(
            "/reports/{period}/{scope}/report.pdf",
            get(crate::exports::report_pdf),
        )
        .route("/lots/{id}/epcis.jsonld", get(crate::exports::lot_epcis))
        .route("/lots/{id}/qr.png", get(crate::exports::lot_qr))
        .route("/products/{id}/qr.png", get(crate::exports::product_qr))
        // What QR codes open: light pages, HTML with no script.
        .route("/products/{id}", get(crate::public_pages::product))
        .route("/lots/{id}", get(crate::public_pages::lot))
        .route("/catalog", get(crate::public_pages::catalog))
        .route("/decisions", get(crate::public_pages::decisions))
        .route("/decisions/{round}", get(crate::public_pages::decisions))
        // GS1 Digital Links (what QR stamps carry).
        .route(
            "/01/{*rest}",
            get(crate::resolver::resolve).options(crate::resolver::options),
        )
        .route(
            "/.well-known/gs1resolver",
            get(crate::resolver::description).options(crate::resolver::options),
        )
        .route(
            crate::resolver::CONTEXT_PATH,
            get(crate::resolver::context).options(crate::resolver::options),
        )
        // The open data API for partners (`/open/v1/`).
        .merge(crate::open_api::routes())
        // The built client, from its precompressed copies.
        .nest_service("/pkg", crate::client_files::service(&pkg_dir))
        .leptos_routes_with_context(&state, routes, context, render)
        // Anything else: a file under the site root (wasm, CSS, favicon) or the 404 page.
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        // Innermost: a request refused for its body or its origin does not queue first.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::admission::take_turns,
        ))
        // Uploads (multipart server functions) may be as large as the limit, plus the form.
        .layer(DefaultBodyLimit::max(upload_body_limit))
        .layer(middleware::from_fn_with_state(
            state.upload_limits.max_bytes,
            crate::limits::bounded_bodies,
        ))
        .layer(axum::Extension(page_cache.clone()))
        .layer(middleware::from_fn_with_state(
            (page_cache, state.db.clone()),
            crate::page_cache::clear_after_writes,
        ))
        .layer(middleware::from_fn_with_state(
            state.auth.trusted_proxies > 0,
            same_origin_only,
        ))
        .layer(sessions)
        .layer(middleware::from_fn(crate::language::language_choice))
        .layer(middleware::from_fn(cache_headers))
        .layer(middleware::from_fn_with_state(
            cookie_secure,
            crate::security_headers::security_headers,
        ))
        .layer(CompressionLayer::new())
        // Every request runs in an INFO span naming its method and path, so whatever a
        // server function, handler or service logs (a database error, a refused upload) can be
        // followed back to the request; 5xx answers are logged as errors.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(tracing::Level::INFO)),
        )
        .with_state(state);
    (router, kept)
}

/// The app's routes, listed once per process. Listing them sets a process-wide flag in
/// leptos_server (`SuppressResourceLoad`) under which any resource first polled meanwhile, by
/// any render, waits forever (leptos issue #4773). A server lists them once before it serves;
/// the tests build a router per test while other tests render pages, and hung at random
/// before the list was kept.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::LazyLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::LazyLock::new(|| {
            // The light pages (`pages`), then those still in `App`.
            let mut routes = generate_route_list(Pages);
            routes.extend(generate_route_list(App));
            routes
        });
    ROUTES.clone()
}

/// Sessions in the application database: cookie HttpOnly, SameSite=Lax, Secure over https,
/// ending after the idle timeout (the absolute lifetime is checked per request in `app`).
/// Expired rows are swept by a background job (`main::spawn_chores`).
fn session_layer(state: &AppState, cookie_secure: bool) -> SessionManagerLayer<DbSessionStore> {
    let store = DbSessionStore::new(state.db.clone());
    let idle =
        time::Duration::seconds(i64::try_from(state.auth.idle_timeout.as_secs()).unwrap_or(1800));
    // Over https the cookie takes the `__Host-` prefix: browsers then accept it only if Secure,
    // for this host alone and the whole site (no Domain, Path=/), so a sibling subdomain cannot
    // plant or overwrite it.
    let name = if cookie_secure {
        "__Host-ocop_session"
    } else {
        "ocop_session"
    };
    SessionManagerLayer::new(store)
        .with_name(name)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(cookie_secure)
        .with_expiry(Expiry::OnInactivity(idle))
}

/// Refuses state-changing requests (anything but GET, HEAD, OPTIONS) that a browser sent from
/// another site: their Origin — or, lacking it, their Referer — must name this host. Browsers
/// always send one of them with a POST, and a page elsewhere cannot forge either.
async fn same_origin_only(
    State(behind_proxy): State<bool>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || is_same_site(request.headers(), behind_proxy)
    {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "cross-site request refused");
    (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
}

fn is_same_site(headers: &axum::http::HeaderMap, behind_proxy: bool) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    // Behind a reverse proxy the public host arrives as X-Forwarded-Host; without one, anyone
    // could send that header and so name the host their Origin matches.
    let host = header("x-forwarded-host")
        .filter(|_| behind_proxy)
        .or_else(|| header(header::HOST.as_str()));
    let source = header(header::ORIGIN.as_str()).or_else(|| header(header::REFERER.as_str()));
    matches!((host, source.and_then(url_host)), (Some(h), Some(s)) if h.eq_ignore_ascii_case(s))
}

/// "https://ocop.langson.gov.vn:8443/x" → "ocop.langson.gov.vn:8443".
fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())
}

/// Static files: the client's content-hashed copies (`app::assets`) never change and are kept
/// for a year; its plain names are revalidated (cheap with Last-Modified); other assets (icons,
/// images) may be cached for a day.
/// Pages and server-function answers are left uncached by default.
async fn cache_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if response.status().is_success() && !response.headers().contains_key(header::CACHE_CONTROL) {
        let policy = if path
            .strip_prefix("/pkg/")
            .is_some_and(app::assets::is_content_hashed)
        {
            Some("public, max-age=31536000, immutable")
        } else if path.starts_with("/pkg/") {
            Some("public, no-cache")
        } else if is_static_asset(&path) {
            Some("public, max-age=86400")
        } else {
            None
        };
        if let Some(policy) = policy {
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        }
    }
    response
}

pub(crate) fn is_static_asset(path: &str) -> bool {
    const EXTENSIONS: &[&str] = &[".svg", ".png", ".jpg", ".webp", ".ico", ".woff2", ".css"];
    EXTENSIONS.iter().any(|ext| path.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use axum::body::{Body, to_bytes};
    use axum::http::{Request, StatusCode, header};
    use leptos::config::LeptosOptions;
    use tower::ServiceExt;

    use super::router;
    use app::state::AppState;

    async fn test_router(site_root: &std::path::Path) -> axum::Router {
        let db = app::db::connect_and_migrate("sqlite::memory:")
            .await
            .unwrap();
        let leptos_options = LeptosOptions::builder()
            .output_name("ocop")
            .site_root(site_root.to_string_lossy().into_owned())
            .build();
        router(AppState::new(leptos_options, db), false)
    }

    fn site_root() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("ocop-site-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("favicon.svg"), "<svg/>").unwrap();
        std::fs::write(dir.join("pkg/ocop.css"), "body{}").unwrap();
        std::fs::write(dir.join("pkg/ocop.AbCdEfGh12345678.css"), "body{}").unwrap();
        dir
    }

    async fn get(app: axum::Router, path: &str) -> axum::response::Response {
        app.oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn the_liveness_check_answers() {
        let alive = get(test_router(&site_root()).await, "/healthz").await;
        assert_eq!(alive.status(), StatusCode::OK);
        assert_eq!(&to_bytes(alive.into_body(), 1024).await.unwrap()[..], b"ok");
    }

    #[tokio::test]
    async fn static_files_get_cache_headers() {
        let app = test_router(&site_root()).await;
        let icon = get(app.clone(), "/favicon.svg").await;
        assert_eq!(icon.status(), StatusCode::OK);
        assert_eq!(
            icon.headers()[header::CACHE_CONTROL],
            "public, max-age=86400"
        );
        let css = get(app.clone(), "/pkg/ocop.css").await;
        assert_eq!(css.status(), StatusCode::OK);
        assert_eq!(css.headers()[header::CACHE_CONTROL], "public, no-cache");
        // A copy named by its content never changes: kept for a year.
        let hashed = get(app, "/pkg/ocop.AbCdEfGh12345678.css").await;
        assert_eq!(hashed.status(), StatusCode::OK);
        assert_eq!(
            hashed.headers()[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
    }

    #[tokio::test]
    async fn the_client_is_sent_from_its_precompressed_copy() {
        // A folder of its own: the other tests rewrite the shared one's files.
        let root = std::env::temp_dir().join(format!("ocop-site-br-{}", std::process::id()));
        std::fs::create_dir_all(root.join("pkg")).unwrap();
        std::fs::write(root.join("pkg/ocop.css"), "body{}").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(root.join("pkg/ocop.css.br"), b"brotli bytes").unwrap();
        let app = test_router(&root).await;
        let request = Request::get("/pkg/ocop.css")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ACCEPT_ENCODING, "br, gzip")
            .body(Body::empty())
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "public, no-cache"
        );
        assert_eq!(
            &to_bytes(response.into_body(), 1024).await.unwrap()[..],
            b"brotli bytes"
        );
        // A file that is not there: a 404 that says so, not an empty answer.
        let missing = get(app.clone(), "/pkg/none.js").await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        assert!(
            !to_bytes(missing.into_body(), 1024)
                .await
                .unwrap()
                .is_empty()
        );
        // A browser that takes no brotli gets the file itself.
        let plain = get(app, "/pkg/ocop.css").await;
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(
            &to_bytes(plain.into_body(), 1024).await.unwrap()[..],
            b"body{}"
        );
    }

    async fn post_from(app: axum::Router, origin: Option<&str>) -> StatusCode {
        let mut request =
            Request::post("/api/get_home_figures").header(header::HOST, "127.0.0.1:3000");
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        app.oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap()
            .status()
    }

    #[tokio::test]
    async fn cross_site_posts_are_refused() {
        let app = test_router(&site_root()).await;
        assert_eq!(
            post_from(app.clone(), Some("https://evil.example")).await,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            post_from(app.clone(), Some("http://127.0.0.1:3000.evil.example")).await,
            StatusCode::FORBIDDEN
        );
        assert_eq!(post_from(app.clone(), None).await, StatusCode::FORBIDDEN);
        // The same site passes this check (whatever the function then answers).
        assert_ne!(
            post_from(app, Some("http://127.0.0.1:3000")).await,
            StatusCode::FORBIDDEN
        );
    }

    #[test]
    fn url_host_takes_the_authority() {
        assert_eq!(super::url_host("https://a.vn:8443/x?y"), Some("a.vn:8443"));
        assert_eq!(super::url_host("http://a.vn"), Some("a.vn"));
        assert_eq!(super::url_host("null"), None);
    }

    #[tokio::test]
    async fn unknown_address_is_a_404_page_in_vietnamese() {
        let response = get(test_router(&site_root()).await, "/khong-co").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        assert!(String::from_utf8_lossy(&body).contains("Không tìm thấy trang"));
    }

    /// Pages that wait for data answer while another router is being built in the process (as
    /// the tests build one each). Listing the routes afresh each time made such pages wait
    /// forever at random (leptos issue #4773); the list is now made once per process.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn pages_answer_while_another_router_is_built() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, Ordering};
        let app = crate::test_support::demo_app(Default::default()).await;
        let producer = crate::test_support::sign_in(&app.router, "dongbanh@demo.vn", None).await;
        let done = Arc::new(AtomicBool::new(false));
        let building = {
            let done = Arc::clone(&done);
            std::thread::spawn(move || {
                while !done.load(Ordering::Relaxed) {
                    drop(super::route_list());
                }
            })
        };
        for _ in 0..20 {
            let (status, _) =
                crate::test_support::get_page(&app.router, "/producer", Some(&producer)).await;
            assert_eq!(status, 200);
        }
        done.store(true, Ordering::Relaxed);
        building.join().unwrap();
    }
}
