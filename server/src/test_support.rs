//! An app on an in-memory SQLite database with the demo data, and a way to call it as a browser
//! on the same site would (Origin, Host, cookies).
use axum::body::{Body, to_bytes};
use axum::http::{Request, header};
use leptos::config::LeptosOptions;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use sea_orm::ConnectionTrait;
use tower::ServiceExt;

use app::services::files::store::LocalFolder;
use app::state::{AppState, AppStateInner, AuthSettings};

pub struct TestApp {
    pub router: axum::Router,
    pub page_cache: crate::page_cache::PageCache,
    pub db: sea_orm::DatabaseConnection,
    pub files: app::services::files::store::LocalFolder,
}

impl TestApp {
    /// A PDF a demo producer uploaded, and that producer signed in (its session cookie).
    pub async fn uploaded_pdf(&self) -> (app::entities::stored_file::Model, String) {
        use sea_orm::EntityTrait;
        let pdf = app::entities::stored_file::Entity::find()
            .all(&self.db)
            .await
            .unwrap()
            .into_iter()
            .find(|f| f.media_type == "application/pdf" && f.uploaded_by.is_some())
            .expect("a demo PDF");
        let uploader = app::entities::user_account::Entity::find_by_id(pdf.uploaded_by.unwrap())
            .one(&self.db)
            .await
            .unwrap()
            .unwrap();
        let owner = sign_in(&self.router, uploader.email.as_deref().unwrap(), None).await;
        (pdf, owner)
    }
}

pub async fn demo_app(auth: AuthSettings) -> TestApp {
    demo_app_with(auth, false).await
}

/// Like `demo_app`, with the session cookie marked Secure (`COOKIE_SECURE`) or not.
pub async fn demo_app_with(auth: AuthSettings, cookie_secure: bool) -> TestApp {
    build(auth, cookie_secure, false, false, Default::default()).await
}

/// A demo app in demo mode (one-click demo sign-in), behind one trusted proxy (so tests can
/// name the client address with `post_from`).
pub async fn demo_server() -> TestApp {
    let auth = AuthSettings {
        trusted_proxies: 1,
        ..AuthSettings::default()
    };
    build(auth, false, true, false, Default::default()).await
}

/// Like `demo_server`, with e-mail on (`SMTP_URL` set): links are mailed through the outbox
/// (no worker runs here, so the messages stay there for the test to read).
pub async fn demo_server_with_mail() -> TestApp {
    let auth = AuthSettings {
        trusted_proxies: 1,
        ..AuthSettings::default()
    };
    build(auth, false, true, true, Default::default()).await
}

/// A demo app whose requests take the turns `admission` gives (`crate::admission`).
pub async fn demo_app_taking_turns(admission: app::admission::Admission) -> TestApp {
    build(Default::default(), false, false, false, admission).await
}

async fn build(
    auth: AuthSettings,
    cookie_secure: bool,
    demo_mode: bool,
    mail_enabled: bool,
    admission: app::admission::Admission,
) -> TestApp {
    let (db, files) = demo_copy().await;
    let leptos_options = LeptosOptions::builder().output_name("ocop").build();
    let state: AppState = AppStateInner {
        auth,
        demo_mode,
        mail_enabled,
        files: std::sync::Arc::new(files.clone()),
        admission,
        ..AppStateInner::new(leptos_options, db.clone())
    }
    .into();
    let (router, page_cache) = crate::routes::router_and_cache(state, cookie_secure);
    TestApp {
        router,
        page_cache,
        db,
        files,
    }
}

/// POSTs a form to a server function; returns the body and the session cookie set, if any.
pub async fn post(
    app: &axum::Router,
    path: &str,
    body: String,
    cookie: Option<&str>,
) -> (String, Option<String>) {
    let (_, body, cookie) = post_with_status(app, path, body, cookie).await;
    (body, cookie)
}

/// Like `post`, with the response's HTTP status first.
pub async fn post_with_status(
    app: &axum::Router,
    path: &str,
    body: String,
    cookie: Option<&str>,
) -> (u16, String, Option<String>) {
    post_typed(app, path, "application/x-www-form-urlencoded", body, cookie).await
}

/// A multipart form with text `fields` and one `file` named `file_name`.
pub fn multipart(fields: &[(&str, &str)], file_name: &str, file: &[u8]) -> (String, Vec<u8>) {
    const BOUNDARY: &str = "ocop-test-boundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

/// POSTs `body` of `content_type`; returns the status, the body and the session cookie set.
pub async fn post_typed(
    app: &axum::Router,
    path: &str,
    content_type: &str,
    body: impl Into<Body>,
    cookie: Option<&str>,
) -> (u16, String, Option<String>) {
    send_post(app, path, content_type, body, cookie, None).await
}

/// A form POST as a browser on the site would send it, with the session `cookie` and, behind a
/// trusted proxy, the client's `forwarded_for` address; returns the status, the body and the
/// session cookie set.
pub async fn send_post(
    app: &axum::Router,
    path: &str,
    content_type: &str,
    body: impl Into<Body>,
    cookie: Option<&str>,
    forwarded_for: Option<&str>,
) -> (u16, String, Option<String>) {
    let mut request = Request::post(path)
        .header(header::HOST, "ocop.test")
        .header(header::ORIGIN, "http://ocop.test")
        .header(header::CONTENT_TYPE, content_type);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    if let Some(address) = forwarded_for {
        request = request.header("x-forwarded-for", address);
    }
    let response = answer(app, request.body(body.into()).unwrap()).await;
    let set_cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    let status = response.status().as_u16();
    let body = within_a_minute(path, to_bytes(response.into_body(), 1 << 20))
        .await
        .unwrap();
    (
        status,
        String::from_utf8_lossy(&body).into_owned(),
        set_cookie,
    )
}

/// The app's answer to `request`. A request that has not been answered within a minute fails
/// its test, naming it, instead of holding up the whole run.
pub async fn answer(app: &axum::Router, request: Request<Body>) -> axum::response::Response {
    let what = format!("{} {}", request.method(), request.uri());
    within_a_minute(&what, app.clone().oneshot(request))
        .await
        .unwrap()
}

/// `work`'s output, or a panic naming `what` after a minute.
pub async fn within_a_minute<T>(what: &str, work: impl std::future::Future<Output = T>) -> T {
    match tokio::time::timeout(std::time::Duration::from_secs(60), work).await {
        Ok(output) => output,
        Err(_) => panic!("{what}: no answer within a minute"),
    }
}

/// Where the test databases live: RAM (`/dev/shm`) when the machine has it, one folder per
/// test process; the folders of finished processes are removed. Called once per process.
fn scratch_folder() -> PathBuf {
    let shm = Path::new("/dev/shm");
    let root = if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    if let Ok(entries) = std::fs::read_dir(&root) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let finished = name
                .strip_prefix("ocop-server-tests-")
                .is_some_and(|pid| !Path::new("/proc").join(pid).exists());
            if finished {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    // One of ours from an earlier process with the same id (ids are reused) is stale too.
    let ours = root.join(format!("ocop-server-tests-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&ours);
    ours
}

fn sqlite_url(file: &Path) -> String {
    format!("sqlite://{}?mode=rwc", file.display())
}

/// A database of its own holding the full demo, and the files folder the demo's uploads are in.
/// The demo is seeded once per test process (seconds in a debug build) into a template that
/// each app then copies (milliseconds). One connection, as to the in-memory database this
/// replaces: the tests see the same order of statements.
async fn demo_copy() -> (sea_orm::DatabaseConnection, LocalFolder) {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    static TEMPLATE: tokio::sync::OnceCell<PathBuf> = tokio::sync::OnceCell::const_new();
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let folder = FOLDER.get_or_init(scratch_folder);
    let files = LocalFolder::new(folder.join("files"));
    let template = TEMPLATE
        .get_or_init(|| async {
            std::fs::create_dir_all(folder).unwrap();
            let db = app::db::connect_and_migrate(&sqlite_url(&folder.join("seeding.db")))
                .await
                .unwrap();
            app::seed::demo::seed_demo(&db).await.unwrap();
            app::seed::dossiers::seed_dossiers(&db, &files)
                .await
                .unwrap();
            app::seed::rounds::seed_rounds(&db, &files).await.unwrap();
            app::seed::lots::seed_lots(&db).await.unwrap();
            app::seed::labels::seed_labels(&db, &files).await.unwrap();
            app::seed::reports::seed_reports(&db).await.unwrap();
            app::seed::inspections::seed_inspections(&db).await.unwrap();
            app::seed::trade::seed_trade(&db).await.unwrap();
            // One self-contained file (no write-ahead log beside it) to copy.
            let template = folder.join("template.db");
            db.execute_unprepared(&format!("VACUUM INTO '{}'", template.display()))
                .await
                .unwrap();
            db.close().await.unwrap();
            template
        })
        .await;
    let copy = folder.join(format!("app-{}.db", NEXT.fetch_add(1, Ordering::Relaxed)));
    std::fs::copy(template, &copy).unwrap();
    let mut options = sea_orm::ConnectOptions::new(sqlite_url(&copy));
    options.max_connections(1);
    (app::db::connect(options).await.unwrap(), files)
}

/// Signs a demo account in and returns its session cookie.
pub async fn sign_in(app: &axum::Router, email: &str, cookie: Option<&str>) -> String {
    let body = format!(
        "login={}&password={}",
        email.replace('@', "%40"),
        app::seed::demo::DEMO_PASSWORD
    );
    let (answer, set) = post(app, "/api/sign_in", body, cookie).await;
    set.unwrap_or_else(|| panic!("{email} signs in: {answer}"))
}

/// The name of the signed-in user as `get_current_user` answers, if any.
pub async fn current_user(app: &axum::Router, cookie: &str) -> Option<String> {
    let (answer, _) = post(app, "/api/get_current_user", String::new(), Some(cookie)).await;
    let value: serde_json::Value = serde_json::from_str(&answer).unwrap_or_default();
    value
        .get("full_name")
        .and_then(|n| n.as_str())
        .map(str::to_owned)
}

/// POSTs as a client behind a trusted proxy at `address` (X-Forwarded-For).
pub async fn post_from(app: &axum::Router, path: &str, body: String, address: &str) -> String {
    let form = "application/x-www-form-urlencoded";
    send_post(app, path, form, body, None, Some(address))
        .await
        .1
}

/// GETs a page as a browser on the site would; returns the status and the body.
pub async fn get_page(app: &axum::Router, path: &str, cookie: Option<&str>) -> (u16, String) {
    let (status, body) = get_bytes(app, path, cookie).await;
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// GETs an address (a page or a download); returns the status and the bytes.
pub async fn get_bytes(app: &axum::Router, path: &str, cookie: Option<&str>) -> (u16, Vec<u8>) {
    let mut request = Request::get(path).header(header::HOST, "ocop.test");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = answer(app, request.body(Body::empty()).unwrap()).await;
    let status = response.status().as_u16();
    let body = within_a_minute(path, to_bytes(response.into_body(), 16 << 20))
        .await
        .unwrap();
    (status, body.to_vec())
}

/// A demo account by e-mail.
pub async fn account(
    db: &sea_orm::DatabaseConnection,
    email: &str,
) -> app::entities::user_account::Model {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    app::entities::user_account::Entity::find()
        .filter(app::entities::user_account::Column::Email.eq(email))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no account {email}"))
}

/// `value` percent-encoded for a form body.
pub use app::domain::text::percent_encode as form_value;
