//! Backups, restores and the move to PostgreSQL against real databases: every table's rows and
//! every stored file come back identical; a flipped byte anywhere is refused by name; a target
//! holding data is refused unless forced; a backup taken while writes run restores whole; an
//! older schema is migrated forward; SQLite copied to PostgreSQL serves the same catalogue.
use crate::support;

use std::path::{Path, PathBuf};

use app::services::backup::{self, BackupError, checksum, rows, schema};
use app::services::files::store::{FileStore, LocalFolder, sha256_hex};
use sea_orm::DatabaseConnection;
use sea_orm_migration::MigratorTrait;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "ocop-backup-test-{}-{name}-{}",
        std::process::id(),
        app::clock::now().timestamp_nanos_opt().unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The demo as `server seed-demo` makes it (with stored files).
async fn demo(db: &DatabaseConnection, files: &LocalFolder) {
    app::seed::demo::seed_demo(db).await.unwrap();
    app::seed::dossiers::seed_dossiers(db, files).await.unwrap();
    app::seed::rounds::seed_rounds(db, files).await.unwrap();
}

/// Each table's checksum (the migrations table left out: its times are the target's own).
async fn checksums(db: &DatabaseConnection) -> Vec<(String, u64, String)> {
    let mut out = Vec::new();
    for t in schema::tables(db).await.unwrap() {
        if t.name == schema::MIGRATIONS_TABLE {
            continue;
        }
        let lines = rows::dump(db, &t).await.unwrap();
        out.push((
            t.name.clone(),
            lines.len() as u64,
            checksum::of_rows(&lines),
        ));
    }
    out
}

fn flip_a_byte(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(path, bytes).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walk(from) {
        let target = to.join(entry.strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, target).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[tokio::test]
async fn a_backup_restores_every_row_and_file_and_refuses_a_damaged_one() {
    for t in support::databases().await {
        let b = t.backend;
        let (files, root) = (LocalFolder::new(scratch("files")), scratch("root"));
        demo(&t.db, &files).await;
        // A sign-in attempt counted (logins and addresses): not the province's data.
        app::auth::shared_counts::begin_sign_in(&t.db, "mai", "6.6.6.6", app::clock::now())
            .await
            .unwrap()
            .unwrap();
        let before = checksums(&t.db).await;
        assert!(
            before
                .iter()
                .any(|(n, rows, _)| n == "certificate" && *rows > 50),
            "{b}"
        );
        let dir = backup::backup(&t.db, &files, &root, 2).await.unwrap();
        let manifest = backup::check(&dir).await.unwrap().manifest;
        for volatile in schema::VOLATILE_TABLES {
            assert!(
                manifest.tables.iter().all(|part| part.name != volatile),
                "{b}: {volatile} left out"
            );
        }
        assert!(
            manifest.files.len() > 10,
            "{b}: {} files",
            manifest.files.len()
        );
        assert_eq!(manifest.backend, b);
        assert_eq!(
            manifest.schema.len(),
            app::migrations::Migrator::migrations().len(),
            "{b}"
        );

        // Into an empty database and files folder: the same rows, the same files.
        let target = support::empty_like(&t).await;
        let restored_files = LocalFolder::new(scratch("restored"));
        let loaded = backup::restore(&target.db, &restored_files, &dir, false)
            .await
            .unwrap();
        assert_eq!(loaded.files, manifest.files.len(), "{b}");
        assert_eq!(checksums(&target.db).await, before, "{b}");
        for part in &manifest.files {
            let bytes = restored_files.get(&part.name).await.unwrap().unwrap();
            assert_eq!(sha256_hex(&bytes), part.name, "{b}");
        }
        // The restored database goes on: a new row takes a new id (sequences continue).
        let people = support::dossiers::people(&target.db).await;
        support::dossiers::new_product(&target.db, &people.owner, "Sản phẩm sau khôi phục").await;

        // A database holding data is refused, unless forced.
        let again = backup::restore(&target.db, &restored_files, &dir, false).await;
        assert!(
            matches!(again, Err(BackupError::NotEmpty)),
            "{b}: {again:?}"
        );
        backup::restore(&target.db, &restored_files, &dir, true)
            .await
            .unwrap();
        assert_eq!(checksums(&target.db).await, before, "{b}: forced");

        // A flipped byte in a table, in a stored file or in the manifest: refused by name,
        // before anything is written.
        let table = manifest
            .tables
            .iter()
            .find(|p| p.name == "product")
            .unwrap();
        let file = &manifest.files[0];
        for (part, says) in [
            (table.path.as_str(), table.path.clone()),
            (file.path.as_str(), file.path.clone()),
            ("manifest.json", "manifest.json".to_owned()),
        ] {
            let damaged = scratch("damaged");
            copy_dir(&dir, &damaged);
            flip_a_byte(&damaged.join(part));
            let fresh = support::empty_like(&t).await;
            match backup::restore(&fresh.db, &LocalFolder::new(scratch("x")), &damaged, false).await
            {
                Err(BackupError::Damaged(named)) => assert_eq!(named, says, "{b}"),
                other => panic!("{b}: {part} damaged gave {other:?}"),
            }
            assert!(
                schema::tables(&fresh.db).await.unwrap().is_empty(),
                "{b}: nothing written"
            );
            fresh.cleanup().await;
        }
        // Keeping two: a third backup removes the oldest.
        backup::backup(&t.db, &files, &root, 2).await.unwrap();
        backup::backup(&t.db, &files, &root, 2).await.unwrap();
        let kept = std::fs::read_dir(&root).unwrap().count();
        assert_eq!(kept, 2, "{b}");
        assert!(!dir.exists(), "{b}: the oldest went");
        target.cleanup().await;
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_backup_taken_while_twenty_writes_run_restores_whole() {
    // A SQLite file with a pool of connections (in memory there is a single one).
    let folder = scratch("live");
    let url = format!("sqlite://{}/live.db?mode=rwc", folder.display());
    let db = app::db::connect_and_migrate(&url).await.unwrap();
    app::services::master_data::loading::load(&db)
        .await
        .unwrap();
    let files = LocalFolder::new(folder.join("files"));
    // Each write adds two audit rows in one transaction: a backup holds both or neither.
    let writes: Vec<_> = (0..20)
        .map(|n| {
            let db = db.clone();
            tokio::spawn(async move {
                use sea_orm::TransactionTrait;
                let txn = db.begin().await.unwrap();
                for half in ["a", "b"] {
                    app::services::audit::append(
                        &txn,
                        app::services::audit::Entry {
                            actor_user_id: None,
                            action: app::domain::audit_action::AuditAction::ImportCommit,
                            target_type: "test",
                            target_id: Some(format!("write-{n}")),
                            summary: format!("write {n} {half}"),
                            ip: None,
                            details: app::domain::audit_details::Details::new(),
                        },
                    )
                    .await
                    .unwrap();
                    tokio::task::yield_now().await;
                }
                txn.commit().await.unwrap();
            })
        })
        .collect();
    let dir = backup::backup(&db, &files, &folder.join("backups"), 0)
        .await
        .unwrap();
    for w in writes {
        w.await.unwrap();
    }
    let target = support::empty_like(&support::sqlite().await).await;
    backup::restore(
        &target.db,
        &LocalFolder::new(scratch("live-files")),
        &dir,
        false,
    )
    .await
    .unwrap();
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let rows = app::entities::audit_log::Entity::find()
        .filter(app::entities::audit_log::Column::TargetType.eq("test"))
        .all(&target.db)
        .await
        .unwrap();
    for n in 0..20 {
        let halves = rows
            .iter()
            .filter(|r| r.target_id.as_deref() == Some(&format!("write-{n}")))
            .count();
        assert!(halves == 0 || halves == 2, "write {n}: {halves} of 2 rows");
    }
}

#[tokio::test]
async fn an_older_backup_is_migrated_forward_and_a_newer_one_refused() {
    let all = app::migrations::Migrator::migrations().len();
    let old = support::empty_like(&support::sqlite().await).await;
    app::migrations::Migrator::up(&old.db, Some(u32::try_from(all - 2).unwrap()))
        .await
        .unwrap();
    let files = LocalFolder::new(scratch("old-files"));
    let dir = backup::backup(&old.db, &files, &scratch("old"), 0)
        .await
        .unwrap();
    assert_eq!(
        backup::check(&dir).await.unwrap().manifest.schema.len(),
        all - 2
    );
    let target = support::empty_like(&old).await;
    backup::restore(&target.db, &files, &dir, false)
        .await
        .unwrap();
    let applied = app::migrations::Migrator::get_applied_migrations(&target.db)
        .await
        .unwrap();
    assert_eq!(applied.len(), all, "migrated forward");

    let future = vec!["m20991231_000001_future".to_owned()];
    let refused = backup::load(&target.db, &future, &[], true).await;
    assert!(
        matches!(refused, Err(BackupError::NewerSchema(_))),
        "{refused:?}"
    );
}

#[tokio::test]
async fn sqlite_copied_to_postgres_holds_the_same_rows_and_serves_the_same_catalogue() {
    let Some(pg) = support::empty_postgres().await else {
        return; // PostgreSQL only when TEST_DATABASE_URL is set (CI sets it).
    };
    let sqlite = support::sqlite().await;
    demo(&sqlite.db, &LocalFolder::new(scratch("copy-files"))).await;
    let loaded = backup::copy(&sqlite.db, &pg.db, false).await.unwrap();
    assert!(loaded.rows > 1000, "{loaded:?}");
    // (`copy` compared each table's checksum; here the row counts, as an operator would.)
    let counts =
        |c: Vec<(String, u64, String)>| c.into_iter().map(|(n, r, _)| (n, r)).collect::<Vec<_>>();
    assert_eq!(
        counts(checksums(&pg.db).await),
        counts(checksums(&sqlite.db).await)
    );
    // The catalogue, as the public reads it, is the same on both.
    let page = |db: DatabaseConnection| async move {
        app::services::catalog::search(
            &db,
            &Default::default(),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        )
        .await
        .unwrap()
    };
    assert_eq!(page(pg.db.clone()).await, page(sqlite.db.clone()).await);
    // Copying again into the filled database needs --force.
    let again = backup::copy(&sqlite.db, &pg.db, false).await;
    assert!(matches!(again, Err(BackupError::NotEmpty)), "{again:?}");
    pg.cleanup().await;
}
