//! Opening the database (server only): SQLite by default, PostgreSQL when the URL says so.
use std::time::Duration;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};
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

/// Connects with the given options, applying the SQLite settings described above.
pub async fn connect(mut options: ConnectOptions) -> Result<DatabaseConnection, DbErr> {
    let url = options.get_url().to_owned();
    if let Some(parent) = sqlite_file_path(&url).and_then(|p| std::path::Path::new(p).parent()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", parent.display())))?;
    }
    options
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.foreign_keys(true)
                .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .busy_timeout(Duration::from_secs(5))
                // Pages read through a memory map instead of a read() per page that misses
                // the connection's own cache: a profile of the catalogue search rendered
                // afresh at 20,000 products spent a tenth of its time copying pages in pread.
                .pragma("mmap_size", MMAP_BYTES.to_string())
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
