//! Backups the operator takes and restores (`server backup`, `server restore`), and the move
//! from SQLite to PostgreSQL (`server copy-db`). One format for both databases: each table's
//! rows as JSON lines, read in one snapshot while the server keeps serving; the stored files
//! the rows name; a manifest with the SHA-256 of every part and the schema version (the
//! migrations applied). A restore checks every part before it writes anything.
pub mod checksum;
pub mod integrity;
pub mod rows;
pub mod schema;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, IsolationLevel,
    TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use serde::{Deserialize, Serialize};

use crate::migrations::Migrator;
use crate::services::files::store::{FileStore, sha256_hex};
use schema::{MIGRATIONS_TABLE, Table};

pub const FORMAT: u32 = 1;
const MANIFEST: &str = "manifest.json";
const MANIFEST_SUM: &str = "manifest.sha256";
/// Backups in a folder are named so, and sort by their time.
pub const PREFIX: &str = "ocop-backup-";

/// The columns that name a stored file.
const FILE_COLUMNS: [(&str, &str); 3] = [
    ("stored_file", "sha256"),
    ("stored_file", "thumb_sha256"),
    ("import_batch", "file_sha256"),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub name: String,
    /// Relative to the backup's folder.
    pub path: String,
    pub rows: u64,
    pub bytes: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub created_at: String,
    pub backend: String,
    /// The migrations applied, oldest first: the schema the rows fit.
    pub schema: Vec<String>,
    pub tables: Vec<Part>,
    pub files: Vec<Part>,
}

/// What went wrong, said to the operator in Vietnamese and English.
#[derive(Debug)]
pub enum BackupError {
    Db(DbErr),
    Io(String, std::io::Error),
    /// A part whose checksum differs from the manifest's (damaged or altered).
    Damaged(String),
    Missing(String),
    NotEmpty,
    NewerSchema(String),
    Format(String),
}

impl std::fmt::Display for BackupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Db(e) => write!(f, "Lỗi cơ sở dữ liệu / database error: {e}"),
            Self::Io(what, e) => write!(
                f,
                "Không đọc/ghi được {what} / cannot read or write {what}: {e}"
            ),
            Self::Damaged(part) => write!(
                f,
                "Bản sao lưu bị hỏng hoặc bị sửa: {part} không khớp mã kiểm tra / \
                 the backup is damaged or altered: {part} does not match its checksum"
            ),
            Self::Missing(part) => write!(f, "Bản sao lưu thiếu {part} / the backup lacks {part}"),
            Self::NotEmpty => write!(
                f,
                "Cơ sở dữ liệu đích đã có dữ liệu: dùng --force để xóa và khôi phục đè / \
                 the target database holds data: use --force to replace it"
            ),
            Self::NewerSchema(m) => write!(
                f,
                "Bản sao lưu từ phiên bản mới hơn ({m}): hãy cập nhật phần mềm trước / \
                 the backup comes from a newer version ({m}): upgrade the software first"
            ),
            Self::Format(why) => write!(
                f,
                "Không phải bản sao lưu hợp lệ / not a valid backup: {why}"
            ),
        }
    }
}

impl std::error::Error for BackupError {}

impl From<DbErr> for BackupError {
    fn from(e: DbErr) -> Self {
        Self::Db(e)
    }
}

fn io(what: impl std::fmt::Display) -> impl FnOnce(std::io::Error) -> BackupError {
    let what = what.to_string();
    move |e| BackupError::Io(what, e)
}

fn backend_name(db: &impl ConnectionTrait) -> &'static str {
    match db.get_database_backend() {
        DbBackend::Sqlite => "sqlite",
        DbBackend::Postgres => "postgres",
        _ => "other",
    }
}

/// The migrations a dump of `seaql_migrations` lists, oldest first.
fn versions(lines: &[String]) -> Vec<String> {
    let mut v: Vec<String> = lines
        .iter()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|r| r.get("version")?.as_str().map(str::to_owned))
        .collect();
    v.sort();
    v
}

/// Every table's rows, read in one snapshot (the server may be writing meanwhile).
async fn snapshot(db: &DatabaseConnection) -> Result<Vec<(Table, Vec<String>)>, DbErr> {
    let txn = match db.get_database_backend() {
        DbBackend::Postgres => {
            db.begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await?
        }
        // A read transaction on SQLite (WAL) sees the database as of its first read.
        _ => db.begin().await?,
    };
    let mut out = Vec::new();
    for table in schema::tables(&txn).await? {
        let lines = rows::dump(&txn, &table).await?;
        out.push((table, lines));
    }
    txn.commit().await?;
    Ok(out)
}

/// The stored files the rows name.
fn files_named(tables: &[(Table, Vec<String>)]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (table, lines) in tables {
        for (t, column) in FILE_COLUMNS.iter().filter(|(t, _)| *t == table.name) {
            let _ = t;
            for line in lines {
                if let Ok(row) = serde_json::from_str::<serde_json::Value>(line)
                    && let Some(sha) = row.get(*column).and_then(|v| v.as_str())
                {
                    out.insert(sha.to_owned());
                }
            }
        }
    }
    out
}

async fn write_part(dir: &Path, path: &str, bytes: &[u8]) -> Result<(u64, String), BackupError> {
    let file = dir.join(path);
    if let Some(parent) = file.parent() {
        tokio::fs::create_dir_all(parent)
            .await
            .map_err(io(parent.display()))?;
    }
    tokio::fs::write(&file, bytes)
        .await
        .map_err(io(file.display()))?;
    Ok((bytes.len() as u64, sha256_hex(bytes)))
}

/// Writes a backup into a new folder under `root` and keeps the newest `keep` there (none
/// removed when `keep` is 0); returns the new folder.
///
/// # Errors
/// A database error; a file that cannot be read or written; a stored file the rows name that
/// the file store lacks (`Missing`).
pub async fn backup(
    db: &DatabaseConnection,
    files: &dyn FileStore,
    root: &Path,
    keep: usize,
) -> Result<PathBuf, BackupError> {
    let tables = snapshot(db).await?;
    let now = crate::clock::now();
    let name = format!("{PREFIX}{}", now.format("%Y%m%d-%H%M%S-%3f"));
    let partial = root.join(format!("{name}.partial"));
    tokio::fs::create_dir_all(&partial)
        .await
        .map_err(io(partial.display()))?;
    let mut manifest = Manifest {
        format: FORMAT,
        created_at: now.to_rfc3339(),
        backend: backend_name(db).to_owned(),
        schema: Vec::new(),
        tables: Vec::new(),
        files: Vec::new(),
    };
    for (table, lines) in &tables {
        if table.name == MIGRATIONS_TABLE {
            manifest.schema = versions(lines);
        }
        let mut text = lines.join("\n");
        text.push('\n');
        let path = format!("tables/{}.jsonl", table.name);
        let (bytes, sha256) = write_part(&partial, &path, text.as_bytes()).await?;
        manifest.tables.push(Part {
            name: table.name.clone(),
            path,
            rows: lines.len() as u64,
            bytes,
            sha256,
        });
    }
    for sha in files_named(&tables) {
        let bytes = files
            .get(&sha)
            .await
            .map_err(io(format!("file {sha}")))?
            .ok_or_else(|| BackupError::Missing(format!("file {sha}")))?;
        let path = format!("files/{}/{sha}", sha.get(..2).unwrap_or("00"));
        let (size, sum) = write_part(&partial, &path, &bytes).await?;
        manifest.files.push(Part {
            name: sha,
            path,
            rows: 0,
            bytes: size,
            sha256: sum,
        });
    }
    let text =
        serde_json::to_vec_pretty(&manifest).map_err(|e| BackupError::Format(e.to_string()))?;
    let (_, sum) = write_part(&partial, MANIFEST, &text).await?;
    write_part(&partial, MANIFEST_SUM, format!("{sum}\n").as_bytes()).await?;
    let done = root.join(&name);
    tokio::fs::rename(&partial, &done)
        .await
        .map_err(io(done.display()))?;
    if keep > 0 {
        prune(root, keep).await?;
    }
    Ok(done)
}

/// Removes all but the newest `keep` backups under `root` (folders named by `backup`).
async fn prune(root: &Path, keep: usize) -> Result<(), BackupError> {
    let mut names = Vec::new();
    let mut dir = tokio::fs::read_dir(root)
        .await
        .map_err(io(root.display()))?;
    while let Some(entry) = dir.next_entry().await.map_err(io(root.display()))? {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(PREFIX) && !name.ends_with(".partial") {
            names.push(name);
        }
    }
    names.sort();
    let old = names.len().saturating_sub(keep);
    for name in &names[..old] {
        let path = root.join(name);
        tokio::fs::remove_dir_all(&path)
            .await
            .map_err(io(path.display()))?;
    }
    Ok(())
}

/// A checked backup: its manifest, and each table's rows.
pub struct Checked {
    pub manifest: Manifest,
    pub tables: Vec<(String, Vec<String>)>,
}

async fn read_part(dir: &Path, part: &Part) -> Result<Vec<u8>, BackupError> {
    // Paths come from the manifest: only the shapes `backup` writes are followed.
    let safe = part.path.split('/').all(|s| {
        !s.is_empty()
            && s != ".."
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
    });
    if !safe {
        return Err(BackupError::Format(format!("path {:?}", part.path)));
    }
    let bytes = tokio::fs::read(dir.join(&part.path))
        .await
        .map_err(|_| BackupError::Missing(part.path.clone()))?;
    if sha256_hex(&bytes) != part.sha256 {
        return Err(BackupError::Damaged(part.path.clone()));
    }
    Ok(bytes)
}

/// Reads a backup and checks every part against the manifest, and the manifest against its
/// own checksum, before anything is written.
///
/// # Errors
/// `Missing`, `Damaged` naming the part, `Format`.
pub async fn check(dir: &Path) -> Result<Checked, BackupError> {
    let text = tokio::fs::read(dir.join(MANIFEST))
        .await
        .map_err(|_| BackupError::Missing(MANIFEST.to_owned()))?;
    let sum = tokio::fs::read_to_string(dir.join(MANIFEST_SUM))
        .await
        .map_err(|_| BackupError::Missing(MANIFEST_SUM.to_owned()))?;
    if sha256_hex(&text) != sum.trim() {
        return Err(BackupError::Damaged(MANIFEST.to_owned()));
    }
    let manifest: Manifest =
        serde_json::from_slice(&text).map_err(|e| BackupError::Format(e.to_string()))?;
    if manifest.format != FORMAT {
        return Err(BackupError::Format(format!("format {}", manifest.format)));
    }
    let mut tables = Vec::new();
    for part in &manifest.tables {
        let bytes = read_part(dir, part).await?;
        let text = String::from_utf8(bytes).map_err(|_| BackupError::Damaged(part.path.clone()))?;
        let lines: Vec<String> = text
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if lines.len() as u64 != part.rows {
            return Err(BackupError::Damaged(part.path.clone()));
        }
        tables.push((part.name.clone(), lines));
    }
    for part in &manifest.files {
        read_part(dir, part).await?;
    }
    Ok(Checked { manifest, tables })
}

/// What a restore or copy wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub tables: usize,
    pub rows: u64,
    pub files: usize,
}

/// Loads `tables` (name → rows of the schema `schema`) into `db`: the target is migrated to
/// that schema, emptied if `force` (else it must hold no rows), loaded, and migrated forward.
///
/// # Errors
/// `NotEmpty`, `NewerSchema`; a database error.
pub async fn load(
    db: &DatabaseConnection,
    schema_versions: &[String],
    tables: &[(String, Vec<String>)],
    force: bool,
) -> Result<Loaded, BackupError> {
    let known: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    if let Some(unknown) = schema_versions.iter().find(|v| !known.contains(v)) {
        return Err(BackupError::NewerSchema(unknown.clone()));
    }
    let mut applied: Vec<String> = Migrator::get_applied_migrations(db)
        .await
        .map(|ms| ms.iter().map(|m| m.name().to_owned()).collect())
        .unwrap_or_default();
    let newer = applied.iter().any(|a| !schema_versions.contains(a));
    let mut holds = false;
    for t in schema::tables(db).await? {
        holds |= t.name != MIGRATIONS_TABLE && rows::count(db, &t).await? > 0;
    }
    if newer || holds {
        if !force {
            return Err(BackupError::NotEmpty);
        }
        rows::drop_all(db).await?;
        applied.clear();
    }
    let pending = schema_versions.len().saturating_sub(applied.len());
    if pending > 0 {
        Migrator::up(db, Some(u32::try_from(pending).unwrap_or(u32::MAX))).await?;
    }
    let txn = db.begin().await?;
    let present = schema::tables(&txn).await?;
    let order = schema::load_order(&present)?;
    let mut loaded = Loaded::default();
    let rows_of = |name: &str| {
        tables
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.as_slice())
    };
    for t in order.iter().filter(|t| t.name != MIGRATIONS_TABLE) {
        let Some(lines) = rows_of(&t.name) else {
            continue;
        };
        rows::insert(&txn, t, lines).await?;
        loaded.tables += 1;
        loaded.rows += lines.len() as u64;
    }
    for t in order.iter().filter(|t| t.name != MIGRATIONS_TABLE) {
        if let Some(lines) = rows_of(&t.name) {
            rows::fill_deferred(&txn, t, lines).await?;
        }
    }
    rows::reset_sequences(&txn, &order).await?;
    txn.commit().await?;
    Migrator::up(db, None).await?;
    Ok(loaded)
}

/// Restores the backup in `dir` into `db` and `files` (see `check` and `load`).
///
/// # Errors
/// As `check` and `load`; a file the store cannot take.
pub async fn restore(
    db: &DatabaseConnection,
    files: &dyn FileStore,
    dir: &Path,
    force: bool,
) -> Result<Loaded, BackupError> {
    let checked = check(dir).await?;
    let mut loaded = load(db, &checked.manifest.schema, &checked.tables, force).await?;
    for part in &checked.manifest.files {
        let bytes = read_part(dir, part).await?;
        files
            .put(&bytes)
            .await
            .map_err(io(format!("file {}", part.name)))?;
        loaded.files += 1;
    }
    Ok(loaded)
}

/// Copies every table of `from` into `to` (SQLite to PostgreSQL as the province grows), then
/// compares each table's row count and checksum; the stored files stay where they are.
///
/// # Errors
/// As `load`; `Damaged` naming a table whose copy differs.
pub async fn copy(
    from: &DatabaseConnection,
    to: &DatabaseConnection,
    force: bool,
) -> Result<Loaded, BackupError> {
    let tables = snapshot(from).await?;
    let schema_versions = tables
        .iter()
        .find(|(t, _)| t.name == MIGRATIONS_TABLE)
        .map(|(_, lines)| versions(lines))
        .unwrap_or_default();
    let named: Vec<(String, Vec<String>)> = tables
        .iter()
        .map(|(t, l)| (t.name.clone(), l.clone()))
        .collect();
    let loaded = load(to, &schema_versions, &named, force).await?;
    let copied = snapshot(to).await?;
    for (table, lines) in tables.iter().filter(|(t, _)| t.name != MIGRATIONS_TABLE) {
        let theirs = copied
            .iter()
            .find(|(t, _)| t.name == table.name)
            .map(|(_, l)| l.as_slice())
            .unwrap_or_default();
        let given = rows::as_stored(to, table, lines).await?;
        if checksum::of_rows(&given) != checksum::of_rows(theirs) {
            return Err(BackupError::Damaged(format!("table {}", table.name)));
        }
    }
    Ok(loaded)
}
