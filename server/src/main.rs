//! The OCOP server binary: serves the app and runs maintenance commands.
mod admission;
#[cfg(test)]
mod attacks;
mod certificates;
mod client_files;
mod config;
mod context;
mod exports;
mod files;
mod import_cli;
mod jobs;
mod language;
mod lifecycle;
mod limits;
mod open_api;
mod operations;
mod page_cache;
#[cfg(test)]
mod permission_matrix;
#[cfg(test)]
mod permission_routes;
#[cfg(test)]
mod permission_rows;
#[cfg(test)]
mod permission_targets;
mod problem;
mod public_pages;
mod resolver;
mod routes;
mod security_headers;
#[cfg(test)]
mod session_tests;
#[cfg(test)]
mod test_support;
mod tour;

use std::process::ExitCode;

use axum::serve::ListenerExt;
use clap::{Parser, Subcommand};
use leptos::config::get_configuration;
use tracing_subscriber::EnvFilter;

use app::state::{AppState, AppStateInner};
use config::Config;

/// mimalloc instead of glibc's malloc: a page rendered afresh allocates and frees many small
/// strings and rows on several threads at once, and glibc's allocator took about a quarter of
/// the time of the product page rendered afresh in a profile at 20,000 products.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(version, about = "Lạng Sơn OCOP information system")]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Apply migrations, load master data and serve the app (the default).
    Serve,
    /// Apply pending migrations and load master data, then exit.
    Migrate,
    /// Fill an empty database with the Lạng Sơn demo data set (does nothing if products exist).
    SeedDemo,
    /// Empty the demo database and its files folder and load the demo again (refused on a
    /// database holding accounts the demo loader did not make).
    ResetDemo,
    /// Add a national-scale benchmark data set beside what the database holds: synthetic
    /// communes, subjects, products with a certificate each, and evaluations (see bench/).
    GenerateNational {
        /// Products (and certificates); subjects are half as many, evaluations three times.
        #[arg(long, default_value_t = 20_000)]
        products: usize,
    },
    /// Time this year's annual province report as XLSX + PDF against its queries alone
    /// (used by bench/national.mjs; prints one line of medians).
    BenchReport {
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// Check a spreadsheet of subjects, products and certificates (prints the preview and
    /// changes nothing), or import it with `--commit --by EMAIL`.
    Import {
        file: std::path::PathBuf,
        #[arg(long)]
        commit: bool,
        /// The provincial officer or administrator the import is made by.
        #[arg(long)]
        by: Option<String>,
    },
    /// Write a synthetic province list of ROWS products (for bench/import.mjs).
    #[command(hide = true)]
    ImportSample {
        #[arg(long)]
        rows: usize,
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Write a consistent backup (database rows, stored files, a manifest of checksums) into
    /// a new folder under DIR while the server keeps serving.
    Backup {
        #[arg(long)]
        to: std::path::PathBuf,
        /// Keep only the newest N backups in DIR (0 keeps all).
        #[arg(long, default_value_t = 0)]
        keep: usize,
    },
    /// Restore a backup folder into an empty database and files folder (checks every part
    /// first; `--force` replaces what the database holds).
    Restore {
        #[arg(long)]
        from: std::path::PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// Check that the database holds together (SQLite's integrity and foreign-key checks) and
    /// that every file it names is in the file store; exits with an error if not. Run it after
    /// a crash, or before trusting a copy.
    Verify,
    /// Copy every table into another database (SQLite to PostgreSQL) and check each table.
    CopyDb {
        #[arg(long)]
        to: String,
        #[arg(long)]
        force: bool,
    },
    /// Create an administrator account (the first one has to come from here).
    CreateAdmin {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        /// Read from the environment, not the command line, so it stays out of shell history.
        #[arg(long, env = "ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let cli = Cli::parse();
    if let Some(days) = app::clock::offset_from_environment() {
        tracing::warn!(
            days,
            today = %app::clock::today(),
            "{} moves this server's clock: for tests and rehearsals only",
            app::clock::OFFSET_VARIABLE
        );
    }
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("{err}");
            ExitCode::FAILURE
        }
    }
}

fn log_demo(t: &app::seed::reset::DemoTotals) {
    tracing::info!(
        subjects = t.subjects,
        products = t.products,
        dossiers = t.dossiers,
        certificates = t.certificates,
        lots = t.lots,
        labels = t.labels,
        reports = t.reports,
        inspections = t.inspections,
        trade_events = t.trade_events,
        trainings = t.trainings,
        "demo data loaded"
    );
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    match &cli.command {
        Some(Command::Backup { to, keep }) => {
            return operations::backup(&cli.config, to, *keep).await;
        }
        Some(Command::Restore { from, force }) => {
            return operations::restore(&cli.config, from, *force).await;
        }
        Some(Command::CopyDb { to, force }) => {
            return operations::copy_db(&cli.config, to, *force).await;
        }
        Some(Command::Verify) => return operations::verify(&cli.config).await,
        Some(Command::ResetDemo) => {
            let started = std::time::Instant::now();
            let db =
                app::db::connect(sea_orm::ConnectOptions::new(&cli.config.database_url)).await?;
            let files = cli.config.file_store()?;
            let made = app::seed::reset::reset_demo(&db, files.as_ref()).await?;
            log_demo(&made);
            println!("reset-demo: {:.2} s", started.elapsed().as_secs_f64());
            return Ok(());
        }
        _ => {}
    }
    let db = app::db::connect_and_migrate(&cli.config.database_url).await?;
    let loaded = app::services::master_data::loading::load(&db).await?;
    tracing::info!(
        units_added = loaded.units_added,
        groups_added = loaded.groups_added,
        checklist_added = loaded.checklist_added,
        criteria_sets_added = loaded.criteria_sets_added,
        "master data loaded"
    );
    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => Ok(()),
        Command::SeedDemo => {
            let files = cli.config.file_store()?;
            match app::seed::reset::seed_everything(&db, files.as_ref()).await? {
                Some(t) => log_demo(&t),
                None => tracing::info!("database already has products: demo data not loaded"),
            }
            Ok(())
        }
        Command::GenerateNational { products } => {
            let scale = app::seed::national::Scale::with_products(products);
            let made = app::seed::national::generate(&db, scale).await?;
            tracing::info!(
                communes = made.communes,
                subjects = made.subjects,
                products = made.products,
                certificates = made.certificates,
                evaluations = made.evaluations,
                "benchmark data generated"
            );
            Ok(())
        }
        Command::BenchReport { runs } => bench_report(&db, runs).await,
        Command::ImportSample { rows, to } => {
            std::fs::write(&to, app::seed::import_sample::workbook(rows.min(100_000))?)?;
            Ok(())
        }
        Command::Import { file, commit, by } => {
            import_cli::run(&db, cli.config.file_store()?.as_ref(), &file, commit, by).await
        }
        // Handled above, before anything is migrated.
        Command::Backup { .. }
        | Command::Restore { .. }
        | Command::CopyDb { .. }
        | Command::Verify
        | Command::ResetDemo => Ok(()),
        Command::CreateAdmin {
            name,
            email,
            password,
        } => {
            match app::services::accounts::registration::create_admin(&db, &name, &email, &password)
                .await
            {
                Ok(id) => {
                    tracing::info!(id, %email, "administrator created");
                    Ok(())
                }
                Err(app::services::ServiceError::Invalid { field, reason }) => {
                    Err(format!("{field}: {reason}").into())
                }
                Err(err) => Err(err.into()),
            }
        }
        Command::Serve => serve(db, &cli.config).await,
    }
}

async fn bench_report(
    db: &sea_orm::DatabaseConnection,
    runs: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let today = app::services::today_in_vietnam();
    let year = i16::try_from(chrono_year(today))?;
    let period = app::entities::report_period::Entity::find()
        .filter(app::entities::report_period::Column::Kind.eq("annual"))
        .filter(app::entities::report_period::Column::Year.eq(year))
        .one(db)
        .await?
        .ok_or("no annual period this year")?;
    let province = app::auth::Actor::User {
        user_id: 0,
        role: app::auth::Role::ProvincialOfficer,
        commune_code: None,
        subject_id: None,
    };
    let scope = app::services::reports::facts::PROVINCE_CODE;
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (mut queries, mut files) = (Vec::new(), Vec::new());
    let (mut rows, mut sizes) = (0, (0, 0));
    for _ in 0..runs.max(1) {
        let start = std::time::Instant::now();
        rows = app::services::reports::periodic::queries_only(db, period.id, scope).await?;
        queries.push(start.elapsed().as_secs_f64() * 1000.0);
        let start = std::time::Instant::now();
        let (xlsx, pdf) =
            app::services::reports::periodic::export_both(db, &province, period.id, scope, today)
                .await?;
        files.push(start.elapsed().as_secs_f64() * 1000.0);
        sizes = (xlsx.len(), pdf.len());
    }
    let (q, f) = (median(queries), median(files));
    println!(
        "report: queries alone {q:.1} ms ({rows} rows), XLSX + PDF {f:.1} ms ({} + {} bytes), ratio {:.2}",
        sizes.0,
        sizes.1,
        f / q
    );
    Ok(())
}

fn chrono_year(day: sea_orm::prelude::ChronoDate) -> i32 {
    sea_orm::prelude::ChronoDate::format(&day, "%Y")
        .to_string()
        .parse()
        .unwrap_or(2026)
}

async fn serve(
    db: sea_orm::DatabaseConnection,
    config: &Config,
) -> Result<(), Box<dyn std::error::Error>> {
    if config.demo_mode
        && let Err(why) = app::seed::demo::check_demo_database(&db).await
    {
        return Err(format!("DEMO_MODE=true refused: {why}").into());
    }
    let mailer = config.mailer()?;
    let mut leptos_options = get_configuration(None)?.leptos_options;
    app::assets::use_hashed_names(&mut leptos_options);
    let addr = leptos_options.site_addr;
    let readers = app::db::connect_readers(&config.database_url)
        .await?
        .unwrap_or_else(|| db.clone());
    let limits = AttemptLimits::new(&db, config.api_requests_per_minute);
    let state: AppState = AppStateInner {
        readers,
        sign_in_throttle: limits.sign_in,
        demo_sign_ins: limits.demo_sign_ins,
        registrations: limits.registrations,
        password_links: limits.password_links,
        api_tokens: limits.api_tokens,
        auth: config.auth_settings(),
        demo_mode: config.demo_mode,
        files: config.file_store()?,
        upload_limits: config.upload_limits(),
        certificates: config.certificate_settings(),
        public_url: config.public_url.clone().filter(|u| !u.is_empty()),
        page_cache_bytes: config.page_cache_mb.saturating_mul(1024 * 1024),
        mail_enabled: mailer.is_some(),
        admission: config.admission(),
        ..AppStateInner::new(leptos_options, db)
    }
    .into();
    let jobs = jobs::Jobs::new(state.db.clone());
    spawn_chores(&jobs, state.clone());
    // The outbox is safe with several senders (each message is claimed), so every instance
    // sends: no lease.
    if let Some(mailer) = mailer {
        tracing::info!(?mailer, "e-mail on: the outbox is sent every 5 seconds");
        tokio::spawn(app::services::mail::sender::run(
            state.db.clone(),
            mailer,
            std::time::Duration::from_secs(5),
        ));
    }
    let db = state.db.clone();
    let (app, page_cache) = routes::router_and_cache(state, config.cookie_secure);
    // Another instance's change empties this one's pages within half a second.
    tokio::spawn(app::services::page_generation::watch(
        db,
        app::services::page_generation::READ_EVERY,
        move || page_cache.clear(),
    ));
    // Leptos streams a page in several writes; without TCP_NODELAY, Nagle's algorithm and delayed
    // ACKs hold each keep-alive response for ~40 ms.
    let listener = tokio::net::TcpListener::bind(addr).await?.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    tracing::info!("listening on http://{addr}");
    // Peer addresses reach the audit log through ConnectInfo.
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    let serving = axum::serve(listener, app).with_graceful_shutdown(lifecycle::stop_requested());
    let grace = std::time::Duration::from_secs(config.shutdown_grace_secs);
    tokio::select! {
        served = serving => served?,
        () = lifecycle::grace_over(grace) => {
            tracing::warn!(seconds = grace.as_secs(), "grace period over: the requests still running are cut");
        }
    }
    jobs.hand_over().await;
    tracing::info!("stopped");
    Ok(())
}

/// Sign-in and request limits: in memory with SQLite (one server), in the database with
/// PostgreSQL, which several servers may share, so an attacker gains nothing by spreading
/// guesses over them.
struct AttemptLimits {
    sign_in: std::sync::Arc<app::auth::throttle::SignInThrottle>,
    demo_sign_ins: std::sync::Arc<app::auth::rate_limit::RateLimit>,
    registrations: std::sync::Arc<app::auth::rate_limit::RateLimit>,
    password_links: std::sync::Arc<app::auth::rate_limit::RateLimit>,
    api_tokens: std::sync::Arc<app::auth::rate_limit::RateLimit>,
}

impl AttemptLimits {
    fn new(db: &sea_orm::DatabaseConnection, api_per_minute: u32) -> Self {
        use app::auth::rate_limit::RateLimit;
        use app::auth::throttle::SignInThrottle;
        let shared =
            (db.get_database_backend() == sea_orm::DatabaseBackend::Postgres).then(|| db.clone());
        let limit = |limit: RateLimit, prefix| match &shared {
            Some(db) => std::sync::Arc::new(limit.shared(db.clone(), prefix)),
            None => std::sync::Arc::new(limit),
        };
        AttemptLimits {
            sign_in: std::sync::Arc::new(
                shared
                    .clone()
                    .map_or_else(SignInThrottle::default, SignInThrottle::shared),
            ),
            demo_sign_ins: limit(RateLimit::demo_sign_ins(), "demo"),
            registrations: limit(RateLimit::registrations(), "register"),
            password_links: limit(RateLimit::password_links(), "link"),
            api_tokens: limit(RateLimit::api_tokens(api_per_minute), "api"),
        }
    }
}

/// Every ten minutes, deletes expired sessions and forgotten attempt counts. Every six hours (and at start-up), tells producers whose certificates are entering the
/// expiring window (each certificate is announced once, so the interval only bounds the delay)
/// and council members whose round's scoring closes within days (once per round),
/// gives up e-mails too old to send, and trims the catalogue's search index to the products
/// still listed.
fn spawn_chores(jobs: &jobs::Jobs, state: AppState) {
    jobs.spawn(
        "sessions",
        std::time::Duration::from_secs(600),
        |db| async move {
            if let Err(err) = app::auth::shared_counts::prune(&db, app::clock::now()).await {
                tracing::warn!(error = %err, "could not forget old attempt counts");
            }
            let store = app::auth::session_store::DbSessionStore::new(db);
            if let Err(err) = store.delete_expired().await {
                tracing::warn!(error = %err, "could not delete expired sessions");
            }
        },
    );
    jobs.spawn(
        "chores",
        std::time::Duration::from_secs(6 * 3600),
        move |_| {
            let state = state.clone();
            async move {
                let today = app::services::today_in_vietnam();
                match app::services::certificates::reminders::remind_expiring(
                    &state.db,
                    today,
                    &state.certificates,
                )
                .await
                {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(certificates = n, "expiry reminders sent"),
                    Err(err) => tracing::warn!(error = %err, "expiry reminders failed"),
                }
                match app::services::evaluation::reminders::remind_unsubmitted(&state.db, today)
                    .await
                {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(members = n, "scoring reminders sent"),
                    Err(err) => tracing::warn!(error = %err, "scoring reminders failed"),
                }
                if let Err(err) = app::services::catalog::trim_search_index(&state.db, today).await
                {
                    tracing::warn!(error = %err, "catalogue search index");
                }
                // Messages nobody sent (no mail server set) do not wait for ever.
                if let Err(err) = app::services::mail::sender::expire_stale(&state.db).await {
                    tracing::warn!(error = %err, "e-mail outbox");
                }
            }
        },
    );
}
