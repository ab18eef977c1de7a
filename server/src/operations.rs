//! The operator's commands that must not migrate or load master data first: `restore` and
//! `copy-db` write into an empty database (the backup brings its own rows), and `backup` reads
//! a database that is serving. See `app::services::backup`.
use std::path::Path;

use app::services::backup;
use app::services::files::store::LocalFolder;
use sea_orm::ConnectOptions;

use crate::config::Config;

async fn open(url: &str) -> Result<sea_orm::DatabaseConnection, sea_orm::DbErr> {
    app::db::connect(ConnectOptions::new(url)).await
}

/// `server backup --to DIR [--keep N]`.
pub async fn backup(
    config: &Config,
    to: &Path,
    keep: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let db = open(&config.database_url).await?;
    let files = LocalFolder::new(&config.files_dir);
    let dir = backup::backup(&db, &files, to, keep).await?;
    let manifest = backup::check(&dir).await?.manifest;
    tracing::info!(
        folder = %dir.display(),
        tables = manifest.tables.len(),
        rows = manifest.tables.iter().map(|t| t.rows).sum::<u64>(),
        files = manifest.files.len(),
        schema = manifest.schema.last().map(String::as_str).unwrap_or(""),
        "backup written and checked"
    );
    Ok(())
}

/// `server restore --from DIR [--force]` into `DATABASE_URL` and `FILES_DIR`.
pub async fn restore(
    config: &Config,
    from: &Path,
    force: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let db = open(&config.database_url).await?;
    let files = LocalFolder::new(&config.files_dir);
    let loaded = backup::restore(&db, &files, from, force).await?;
    tracing::info!(
        tables = loaded.tables,
        rows = loaded.rows,
        files = loaded.files,
        "backup restored"
    );
    Ok(())
}

/// `server copy-db --to URL [--force]`: from `DATABASE_URL` into `URL`.
pub async fn copy_db(
    config: &Config,
    to: &str,
    force: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let from = open(&config.database_url).await?;
    let target = open(to).await?;
    let loaded = backup::copy(&from, &target, force).await?;
    tracing::info!(
        tables = loaded.tables,
        rows = loaded.rows,
        "copied; every table's rows and checksum match: set DATABASE_URL to the new database"
    );
    Ok(())
}
