//! Opening the database (server only): SQLite by default, PostgreSQL when the URL says so.
use std::time::Duration;

use sea_orm::{
    AccessMode, ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction,
    DbBackend, DbErr, IsolationLevel, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

use crate::migrations::Migrator;

/// How much of a SQLite database file is read through a memory map (the whole of any
/// province's; a national one too, for years).
const MMAP_BYTES: u64 = 1 << 30;

/// Connects to `url` and applies pending migrations.
///
/// For SQLite the parent folder of the file is created, the journal is switched to WAL (readers
/// never wait for the writer), the file is read through a memory map and foreign keys are
/// enforced on every pooled connection.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    let db = connect(ConnectOptions::new(url)).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// For a SQLite file, a second pool of read-only connections (`PRAGMA query_only`), one per
/// core (2 to 8), for the public pages anyone may load many times a second: a QR scan's
/// product or lot and the catalogue. The application's own pool keeps SQLite's one connection
/// (sea-orm's default), so writes never race each other for the file's lock; in WAL mode these
/// readers neither wait for it nor hold it up, and each statement sees what was last committed.
/// With the one connection, a page rendered afresh used one core however many were free.
/// `None` for PostgreSQL (its pool already serves many at once) and an in-memory database
/// (which a second pool would not share).
///
/// # Errors
/// A database error.
pub async fn connect_readers(url: &str) -> Result<Option<DatabaseConnection>, DbErr> {
    if sqlite_file_path(url).is_none() {
        return Ok(None);
    }
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let readers = u32::try_from(cores.clamp(2, 8)).unwrap_or(2);
    let mut options = ConnectOptions::new(url);
    options.max_connections(readers);
    open(options, true).await.map(Some)
}

/// A transaction to read in: one connection for the whole read (a request of many queries
/// waits for the pool once, not once per query) and one snapshot of the data, so figures read
/// one after another agree. PostgreSQL: repeatable read, read only. SQLite in WAL mode: a
/// deferred transaction reads one snapshot from its first read (SQLite takes no options).
///
/// # Errors
/// A database error.
pub async fn snapshot(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            db.begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await
        }
        _ => db.begin().await,
    }
}

/// Connects with the given options, applying the SQLite settings described above.
pub async fn connect(options: ConnectOptions) -> Result<DatabaseConnection, DbErr> {
    open(options, false).await
}

/// `connect`, with SQLite's connections made read-only when `read_only` (sea-orm keeps one
/// function of SQLite options: they are all set here).
async fn open(mut options: ConnectOptions, read_only: bool) -> Result<DatabaseConnection, DbErr> {
    let url = options.get_url().to_owned();
    if let Some(parent) = sqlite_file_path(&url).and_then(|p| std::path::Path::new(p).parent()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", parent.display())))?;
    }
    options
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(move |o| {
            let o = o
                .foreign_keys(true)
                .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .busy_timeout(Duration::from_secs(5))
                // Pages read through a memory map instead of a read() per page that misses
                // the connection's own cache: a profile of the catalogue search rendered
                // afresh at 20,000 products spent a tenth of its time copying pages in pread.
                .pragma("mmap_size", MMAP_BYTES.to_string());
            if read_only {
                o.pragma("query_only", "ON")
            } else {
                o
            }
        });
    if url.starts_with("sqlite") && url.contains(":memory:") {
        // Every connection to an in-memory database is a database of its own: keep one.
        options.max_connections(1);
    }
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA foreign_keys = ON").await?;
    }
    Ok(db)
}

/// The file behind a `sqlite://path?…` URL, if it names one.
fn sqlite_file_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && !path.contains(":memory:")).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::sqlite_file_path;

    #[test]
    fn finds_the_sqlite_file() {
        assert_eq!(
            sqlite_file_path("sqlite://data/ocop.db?mode=rwc"),
            Some("data/ocop.db")
        );
        assert_eq!(sqlite_file_path("sqlite:x.db"), Some("x.db"));
        assert_eq!(sqlite_file_path("sqlite::memory:"), None);
        assert_eq!(sqlite_file_path("postgres://localhost/test"), None);
    }
}
