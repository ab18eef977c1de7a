//! The operator's commands that must not migrate or load master data first: `restore` and
//! `copy-db` write into an empty database (the backup brings its own rows), and `backup` reads
//! a database that is serving. See `app::services::backup`.
use std::path::Path;

use app::services::backup;
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
    let files = config.file_store()?;
    let dir = backup::backup(&db, files.as_ref(), to, keep).await?;
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

/// `server restore --from DIR [--force]` into `DATABASE_URL` and the file store.
pub async fn restore(
    config: &Config,
    from: &Path,
    force: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let db = open(&config.database_url).await?;
    let files = config.file_store()?;
    let loaded = backup::restore(&db, files.as_ref(), from, force).await?;
    tracing::info!(
        tables = loaded.tables,
        rows = loaded.rows,
        files = loaded.files,
        "backup restored"
    );
    Ok(())
}

/// `server verify`: prints what it checked and each problem; fails if there is any.
pub async fn verify(config: &Config) -> Result<(), Box<dyn std::error::Error>> {
    let db = open(&config.database_url).await?;
    let files = config.file_store()?;
    let found = backup::integrity::verify(&db, files.as_ref()).await?;
    for problem in &found.problems {
        println!("problem: {problem}");
    }
    println!(
        "verify: {} files checked, {} problems",
        found.files_checked, found.problem_count
    );
    if found.problem_count > 0 {
        return Err(format!("{} problems found", found.problem_count).into());
    }
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
