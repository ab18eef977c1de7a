//! Databases that hold the demo as `seed_demo` makes it, each a copy of one seeded once per test
//! process: the seed takes seconds in a debug build and most test files start from it, so
//! seeding it for every test was most of the suite's time.
//! - SQLite: the seeded file is copied (under /dev/shm where there is one, so that commits never
//!   wait for a disk) and removed when the test's database is dropped.
//! - PostgreSQL: `CREATE DATABASE … TEMPLATE`, as for the migrated databases (`postgres.rs`).
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use sea_orm::{ConnectOptions, ConnectionTrait, DatabaseConnection, DbBackend, DbErr};

use super::{Owned, TestDb, postgres};

const FILE_PREFIX: &str = "ocop-test-demo-";

/// Every database the suite runs on (SQLite, and PostgreSQL when `TEST_DATABASE_URL` is set),
/// each holding the demo.
pub async fn demo_databases() -> Vec<TestDb> {
    let mut dbs = vec![demo_sqlite().await];
    if let Some(url) = super::postgres_url() {
        dbs.push(demo_postgres(&url).await);
    }
    dbs
}

/// A SQLite database of the test's own holding the demo.
pub async fn demo_sqlite() -> TestDb {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let template = sqlite_template().await;
    let path = scratch().join(format!(
        "{FILE_PREFIX}{}-{}.db",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let file = SqliteFile(path);
    needed(
        "copy the seeded SQLite database",
        std::fs::copy(template, &file.0),
    );
    // One connection, as the in-memory databases of the other tests have.
    let mut options = ConnectOptions::new(sqlite_url(&file.0));
    options.max_connections(1);
    let db = needed(
        "open the copied SQLite database",
        app::db::connect(options).await,
    );
    TestDb {
        db,
        backend: "sqlite",
        postgres: None,
        file: Some(file),
    }
}

async fn demo_postgres(url: &str) -> TestDb {
    let template = postgres_template(url).await;
    let (db, name) = postgres::copy_of(url, template).await;
    TestDb {
        db,
        backend: "postgres",
        postgres: Some((url.to_owned(), Owned::Database(name))),
        file: None,
    }
}

/// A SQLite file removed (with its journal) when the test's database is dropped.
pub struct SqliteFile(PathBuf);

impl Drop for SqliteFile {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut path = self.0.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
}

fn scratch() -> PathBuf {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    }
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

/// The seeded SQLite file of this process, made on first use. The files of processes that are
/// gone (killed before their databases were dropped) are removed first.
async fn sqlite_template() -> &'static Path {
    static TEMPLATE: tokio::sync::OnceCell<SqliteFile> = tokio::sync::OnceCell::const_new();
    &TEMPLATE
        .get_or_init(|| async {
            remove_stale_files();
            let template = SqliteFile(
                scratch().join(format!("{FILE_PREFIX}{}-template.db", std::process::id())),
            );
            let db = needed(
                "migrate the SQLite template",
                app::db::connect_and_migrate(&sqlite_url(&template.0)).await,
            );
            needed("seed the SQLite template", seed_and_close(db).await);
            template
        })
        .await
        .0
}

fn remove_stale_files() {
    let Ok(entries) = std::fs::read_dir(scratch()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(FILE_PREFIX) else {
            continue;
        };
        let pid = rest.split('-').next().unwrap_or_default();
        let ours = pid == std::process::id().to_string();
        if ours || !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// This process's PostgreSQL database holding the demo, made on first use from the migrated
/// template; no connection stays open on it, so that it can be copied.
async fn postgres_template(url: &str) -> &'static str {
    static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let (db, name) = postgres::copy(url).await;
            needed("seed the PostgreSQL template", seed_and_close(db).await);
            name
        })
        .await
}

/// Seeds the demo into a template and closes it: a template is copied with no connection
/// open, and a SQLite one as its main file alone.
async fn seed_and_close(db: DatabaseConnection) -> Result<(), DbErr> {
    app::seed::demo::seed_demo(&db).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await?;
    }
    db.close().await
}

/// The result of a step the test cannot go on without; its failure fails the test, naming
/// the step.
fn needed<T, E: std::fmt::Display>(step: &str, result: Result<T, E>) -> T {
    result.unwrap_or_else(|e| panic!("{step}: {e}"))
}
