//! Configuration from the environment (and the command line), with documented defaults.
//!
//! Leptos' own settings come from cargo-leptos' variables, read by `leptos::config`:
//! `LEPTOS_SITE_ADDR` (default 127.0.0.1:3000), `LEPTOS_SITE_ROOT` (default `target/site`),
//! `LEPTOS_SITE_PKG_DIR` (default `pkg`), `LEPTOS_OUTPUT_NAME` (set at build time), `LEPTOS_ENV`.
use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database URL: SQLite (the default, a file under `data/`) or `postgres://…`.
    #[arg(
        long,
        env = "DATABASE_URL",
        hide_env_values = true,
        default_value = "sqlite://data/ocop.db?mode=rwc"
    )]
    pub database_url: String,
    /// Minutes without a request after which a session ends.
    #[arg(long, env = "SESSION_IDLE_MINUTES", default_value_t = 30)]
    pub session_idle_minutes: u64,
    /// Hours after sign-in after which a session ends, however active.
    #[arg(long, env = "SESSION_ABSOLUTE_HOURS", default_value_t = 12)]
    pub session_absolute_hours: u64,
    /// Mark the session cookie `Secure` (set it when the site is served over https).
    #[arg(long, env = "COOKIE_SECURE", default_value_t = false)]
    pub cookie_secure: bool,
    /// The reverse proxies in front of the server: `false`/`0` (none: X-Forwarded-For and
    /// X-Forwarded-Host are ignored), `true`/`1` (one), or their number.
    #[arg(long, env = "TRUST_PROXY", default_value = "false", value_parser = parse_proxies)]
    pub trust_proxy: u8,
    /// Training mode: the login page lists the demo accounts with a one-click "log in as".
    /// Never set it on a server holding real accounts.
    #[arg(long, env = "DEMO_MODE", default_value_t = false)]
    pub demo_mode: bool,
    /// Folder of the content-addressed file store (uploaded documents and photos).
    #[arg(long, env = "FILES_DIR", default_value = "data/files")]
    pub files_dir: String,
    /// Where uploaded files are kept instead of `FILES_DIR`: `s3://bucket/prefix?endpoint=…`
    /// (an S3-compatible object store, shared by several servers; credentials in the query or
    /// in `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`) or `file:///folder`.
    #[arg(long, env = "FILES_URL", hide_env_values = true)]
    pub files_url: Option<String>,
    /// MiB of rendered public pages (QR pages, catalogue) kept in memory.
    #[arg(long, env = "PAGE_CACHE_MB", default_value_t = 64)]
    pub page_cache_mb: usize,
    /// Requests that do work at once (render a page, run a server function); the others wait
    /// for a turn, first come first served. 0: no limit. Kept pages, static files, downloads,
    /// health checks and the bytes of uploads do not wait.
    #[arg(long, env = "REQUESTS_AT_ONCE", default_value_t = app::admission::DEFAULT_AT_ONCE)]
    pub requests_at_once: usize,
    /// Seconds a request waits for a turn before it is answered "busy, try again" (503).
    #[arg(long, env = "REQUEST_WAIT_SECS", default_value_t = app::admission::DEFAULT_WAIT.as_secs())]
    pub request_wait_secs: u64,
    /// Requests a minute one token of the open data API may make (`/open/v1/`); past it, 429.
    #[arg(long, env = "API_REQUESTS_PER_MINUTE", default_value_t = app::auth::rate_limit::API_PER_MINUTE)]
    pub api_requests_per_minute: u32,
    /// Width × height of an uploaded image, in millions of pixels.
    #[arg(long, env = "UPLOAD_MAX_MEGAPIXELS", default_value_t = 40)]
    pub upload_max_megapixels: u32,
    /// Largest accepted upload, in megabytes.
    #[arg(long, env = "UPLOAD_MAX_MB", default_value_t = 20)]
    pub upload_max_mb: usize,
    /// Most files under one checklist item of a dossier (or photos of one product).
    #[arg(long, env = "UPLOAD_MAX_FILES_PER_ITEM", default_value_t = 10)]
    pub upload_max_files_per_item: usize,
    /// Certificate numbers: `{year}` and `{seq}` (four digits) are replaced; no `/`.
    #[arg(
        long,
        env = "CERTIFICATE_NUMBER_FORMAT",
        default_value = "LS-{year}-{seq}"
    )]
    pub certificate_number_format: String,
    /// The site's public address ("https://ocop.langson.gov.vn"), printed in certificates' QR
    /// codes; without it, the address the request came to.
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<String>,
    /// The mail server for e-mails (password links, decisions, certificates expiring):
    /// `smtps://user:password@mail.example.vn` (TLS), `smtp://user:password@host:587?tls=required`
    /// (STARTTLS), or `smtp://127.0.0.1:25` (a relay on this machine). Unset: nothing is mailed
    /// (messages wait in the outbox) and password links are handed over by officers.
    #[arg(long, env = "SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of e-mails, "Name <address>".
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "OCOP Lạng Sơn <khong-tra-loi@localhost>"
    )]
    pub mail_from: String,
    /// Days before expiry from which a certificate counts as expiring.
    #[arg(long, env = "CERTIFICATE_EXPIRING_DAYS", default_value_t = 90)]
    pub certificate_expiring_days: i64,
    /// Seconds a stopping server (SIGTERM, Ctrl-C) gives the requests in flight before it exits
    /// anyway.
    #[arg(long, env = "SHUTDOWN_GRACE_SECS", default_value_t = 30)]
    pub shutdown_grace_secs: u64,
}

impl Config {
    pub fn upload_limits(&self) -> app::services::files::uploads::UploadLimits {
        app::services::files::uploads::UploadLimits {
            max_bytes: self.upload_max_mb * 1024 * 1024,
            max_files_per_item: self.upload_max_files_per_item,
            max_megapixels: self.upload_max_megapixels,
        }
    }

    pub fn certificate_settings(
        &self,
    ) -> app::services::certificates::register::CertificateSettings {
        app::services::certificates::register::CertificateSettings {
            number_format: self.certificate_number_format.clone(),
            expiring_within_days: self.certificate_expiring_days,
        }
    }

    /// The outbox's mailer when `SMTP_URL` is set (it needs `PUBLIC_URL` for its links).
    ///
    /// # Errors
    /// A sentence naming the setting that is wrong.
    pub fn mailer(&self) -> Result<Option<app::services::mail::sender::Mailer>, String> {
        let Some(url) = self.smtp_url.as_deref().filter(|u| !u.trim().is_empty()) else {
            return Ok(None);
        };
        let base = self.public_url.as_deref().unwrap_or_default();
        app::services::mail::sender::Mailer::new(url.trim(), &self.mail_from, base).map(Some)
    }

    /// The file store `FILES_URL` (or else `FILES_DIR`) names.
    ///
    /// # Errors
    /// A sentence naming what is wrong in `FILES_URL`.
    pub fn file_store(
        &self,
    ) -> Result<std::sync::Arc<dyn app::services::files::store::FileStore>, String> {
        app::services::files::store::open(self.files_url.as_deref(), &self.files_dir)
    }

    pub fn admission(&self) -> app::admission::Admission {
        app::admission::Admission::new(
            self.requests_at_once,
            std::time::Duration::from_secs(self.request_wait_secs),
        )
    }

    pub fn auth_settings(&self) -> app::state::AuthSettings {
        app::state::AuthSettings {
            idle_timeout: std::time::Duration::from_secs(self.session_idle_minutes * 60),
            absolute_lifetime: std::time::Duration::from_secs(self.session_absolute_hours * 3600),
            trusted_proxies: self.trust_proxy,
        }
    }
}

/// `TRUST_PROXY`: a boolean (one proxy or none) or the number of proxies.
fn parse_proxies(value: &str) -> Result<u8, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "false" | "no" | "" => Ok(0),
        "true" | "yes" => Ok(1),
        n => n.parse::<u8>().map_err(|_| {
            format!("TRUST_PROXY: expected true, false or a number of proxies, got {value:?}")
        }),
    }
}
