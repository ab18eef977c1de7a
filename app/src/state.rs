//! What server functions reach through Leptos context (server only).
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

/// What every request reaches, behind one `Arc`: axum and Leptos clone the state for each
/// request (every extractor and layer takes its own), and cloning and dropping the fields one
/// by one took about a third of the time of a kept public page in a profile.
#[derive(Clone, Debug)]
pub struct AppState(std::sync::Arc<AppStateInner>);

impl std::ops::Deref for AppState {
    type Target = AppStateInner;

    fn deref(&self) -> &AppStateInner {
        &self.0
    }
}

impl From<AppStateInner> for AppState {
    fn from(inner: AppStateInner) -> Self {
        AppState(std::sync::Arc::new(inner))
    }
}

/// The state's fields; built with `AppStateInner::new` and struct update, then made an
/// `AppState` with `into()`.
#[derive(Debug)]
pub struct AppStateInner {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    /// What the public pages (product, lot, catalogue, Digital Link) read from: read-only
    /// connections beside `db` for a SQLite file (`db::connect_readers`), else `db` itself.
    pub readers: DatabaseConnection,
    pub auth: AuthSettings,
    /// Failed sign-ins, shared by all requests of this server.
    pub sign_in_throttle: std::sync::Arc<crate::auth::throttle::SignInThrottle>,
    /// One-click demo sign-ins and producer registrations, counted per client address.
    pub demo_sign_ins: std::sync::Arc<crate::auth::rate_limit::RateLimit>,
    pub registrations: std::sync::Arc<crate::auth::rate_limit::RateLimit>,
    /// "Forgot password" requests, counted per client address.
    pub password_links: std::sync::Arc<crate::auth::rate_limit::RateLimit>,
    /// Requests of the open data API, counted per token.
    pub api_tokens: std::sync::Arc<crate::auth::rate_limit::RateLimit>,
    /// The open data bulk files last made (`services::open_data::bulk`).
    pub open_data_bulk: std::sync::Arc<crate::services::open_data::bulk::BulkCache>,
    /// Training mode: the login page offers one-click sign-in as each demo account.
    pub demo_mode: bool,
    /// Uploaded files' bytes (content-addressed).
    pub files: std::sync::Arc<dyn crate::services::files::store::FileStore>,
    pub upload_limits: crate::services::files::uploads::UploadLimits,
    /// The site's public address for QR codes (else the request's host).
    pub public_url: Option<String>,
    /// Certificate numbering and the expiring window.
    pub certificates: crate::services::certificates::register::CertificateSettings,
    /// Bytes of rendered public pages the server keeps in memory (`PAGE_CACHE_MB`).
    pub page_cache_bytes: usize,
    /// E-mail is sent (`SMTP_URL` set): password links go by e-mail rather than to the officer,
    /// and "forgot password" is offered. Messages are written to the outbox either way.
    pub mail_enabled: bool,
    /// Dashboards asked for at once share one computation (`services::reports::shared_runs`):
    /// one set per state, as a state has one database.
    pub dashboards: std::sync::Arc<
        crate::services::reports::shared_runs::SharedRuns<
            crate::models::reports::dashboard::Dashboard,
        >,
    >,
    /// Turns at work: how many requests do work at once, the others queued
    /// (`REQUESTS_AT_ONCE`, `REQUEST_WAIT_SECS`).
    pub admission: crate::admission::Admission,
}

impl AppState {
    /// A state with the default settings (`AppStateInner::new`).
    pub fn new(leptos_options: LeptosOptions, db: DatabaseConnection) -> Self {
        AppStateInner::new(leptos_options, db).into()
    }
}

impl AppStateInner {
    /// The address Digital Links and QR codes start with: `PUBLIC_URL`, else `http://` and the
    /// host the request came to — only if it is a host name or address with a port (anything
    /// else, which could break a header or a link it is written into, is `localhost`).
    pub fn public_base(&self, host: Option<&str>) -> String {
        let host = host
            .filter(|h| {
                !h.is_empty()
                    && h.len() <= 255
                    && h.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
            })
            .unwrap_or("localhost");
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{host}"))
            .trim_end_matches('/')
            .to_owned()
    }

    /// A state with the default settings: not demo mode, no e-mail (links handed over by the officer),
    /// files under `data/files`, 20 MB per upload, in-app notifications only.
    pub fn new(leptos_options: LeptosOptions, db: DatabaseConnection) -> Self {
        AppStateInner {
            leptos_options,
            readers: db.clone(),
            db,
            auth: AuthSettings::default(),
            sign_in_throttle: Default::default(),
            demo_sign_ins: std::sync::Arc::new(crate::auth::rate_limit::RateLimit::demo_sign_ins()),
            registrations: std::sync::Arc::new(crate::auth::rate_limit::RateLimit::registrations()),
            password_links: std::sync::Arc::new(
                crate::auth::rate_limit::RateLimit::password_links(),
            ),
            open_data_bulk: Default::default(),
            api_tokens: std::sync::Arc::new(crate::auth::rate_limit::RateLimit::api_tokens(
                crate::auth::rate_limit::API_PER_MINUTE,
            )),
            demo_mode: false,
            files: std::sync::Arc::new(crate::services::files::store::LocalFolder::new(
                "data/files",
            )),
            upload_limits: crate::services::files::uploads::UploadLimits::default(),
            public_url: None,
            certificates: Default::default(),
            mail_enabled: false,
            page_cache_bytes: 64 * 1024 * 1024,
            dashboards: Default::default(),
            admission: Default::default(),
        }
    }
}

/// Session rules (OWASP ASVS V7): the idle timeout is enforced by the session cookie's expiry,
/// the absolute lifetime by `auth::current` from the sign-in time kept in the session.
#[derive(Clone, Debug)]
pub struct AuthSettings {
    pub idle_timeout: std::time::Duration,
    pub absolute_lifetime: std::time::Duration,
    /// How many reverse proxies stand in front of the server (`TRUST_PROXY`): 0 takes the
    /// client address from the connection and ignores X-Forwarded-For and X-Forwarded-Host
    /// (anyone can send them); N takes it from X-Forwarded-For, the Nth hop from the right.
    pub trusted_proxies: u8,
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings {
            idle_timeout: std::time::Duration::from_secs(30 * 60),
            absolute_lifetime: std::time::Duration::from_secs(12 * 3600),
            trusted_proxies: 0,
        }
    }
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state provided by the server for this request.
///
/// # Errors
/// `Internal` if the server did not provide it (a wiring bug, logged).
pub fn app_state() -> Result<AppState, crate::models::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        crate::models::AppError::Internal
    })
}
