//! `server verify`: whether a database and its file store hold together, after a crash or at any
//! time. SQLite checks its pages (`integrity_check`) and its references (`foreign_key_check`);
//! PostgreSQL enforces both as it writes, so only the files are looked at there. Every file the
//! database names must be in the store.
use sea_orm::{DatabaseConnection, DbBackend, DbErr, EntityTrait, PaginatorTrait, QueryOrder};

use super::schema::strings;
use crate::entities::stored_file;
use crate::services::files::store::FileStore;

/// At most this many problems are described; the rest are counted.
const DESCRIBED: usize = 50;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Findings {
    pub files_checked: u64,
    /// What is wrong, a sentence each (the first `DESCRIBED`).
    pub problems: Vec<String>,
    /// How many problems there are in all.
    pub problem_count: u64,
}

impl Findings {
    fn add(&mut self, problem: String) {
        self.problem_count += 1;
        if self.problems.len() < DESCRIBED {
            self.problems.push(problem);
        }
    }
}

/// Checks the database and that every stored file (and thumbnail) is readable from `files`.
///
/// # Errors
/// A database error; a file store that fails is a problem found, not an error.
pub async fn verify(db: &DatabaseConnection, files: &dyn FileStore) -> Result<Findings, DbErr> {
    let mut found = Findings::default();
    if db.get_database_backend() == DbBackend::Sqlite {
        for row in strings(db, "PRAGMA integrity_check", vec![]).await? {
            let line = row.join(" ");
            if line != "ok" {
                found.add(format!("SQLite integrity_check: {line}"));
            }
        }
        for row in strings(db, "PRAGMA foreign_key_check", vec![]).await? {
            let table = row.first().cloned().unwrap_or_default();
            found.add(format!(
                "a row of {table} refers to a row that does not exist"
            ));
        }
    }
    let mut pages = stored_file::Entity::find()
        .order_by_asc(stored_file::Column::Id)
        .paginate(db, 500);
    while let Some(page) = pages.fetch_and_next().await? {
        for file in page {
            for sha in std::iter::once(&file.sha256).chain(file.thumb_sha256.as_ref()) {
                found.files_checked += 1;
                // Files are never empty (uploads refuse them): one byte shows it is readable.
                match files.get_range(sha, 0..1).await {
                    Ok(Some(_)) => {}
                    Ok(None) => found.add(format!(
                        "file #{} ({}) is not in the store: {sha}",
                        file.id, file.original_name
                    )),
                    Err(err) => found.add(format!("file #{} cannot be read: {err}", file.id)),
                }
            }
        }
    }
    Ok(found)
}
