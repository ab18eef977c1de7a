//! Migrations apply from empty, can be rolled back and re-applied, on every database.
use crate::support;

use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, Statement};
use sea_orm_migration::MigratorTrait;

use app::entities::{admin_unit, product, product_group, subject};
use app::migrations::Migrator;

#[tokio::test]
async fn migrations_apply_from_empty_and_roll_back() {
    for t in support::databases().await {
        let applied = Migrator::get_applied_migrations(&t.db).await.unwrap();
        assert_eq!(applied.len(), Migrator::migrations().len(), "{}", t.backend);
        assert_eq!(admin_unit::Entity::find().count(&t.db).await.unwrap(), 0);
        assert_eq!(product_group::Entity::find().count(&t.db).await.unwrap(), 0);
        assert_eq!(subject::Entity::find().count(&t.db).await.unwrap(), 0);
        assert_eq!(product::Entity::find().count(&t.db).await.unwrap(), 0);

        Migrator::down(&t.db, None).await.unwrap();
        assert!(
            Migrator::get_applied_migrations(&t.db)
                .await
                .unwrap()
                .is_empty(),
            "{}",
            t.backend
        );
        Migrator::up(&t.db, None).await.unwrap();
        assert_eq!(
            admin_unit::Entity::find().count(&t.db).await.unwrap(),
            0,
            "{}",
            t.backend
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn sqlite_file_uses_wal_a_memory_map_and_enforces_foreign_keys() {
    let dir = std::env::temp_dir().join(format!("ocop-test-{}", std::process::id()));
    let path = dir.join("nested/ocop.db");
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let db = app::db::connect_and_migrate(&url).await.unwrap();
    assert!(path.exists(), "the parent folder is created");

    let pragma = |sql: &str| Statement::from_string(db.get_database_backend(), sql.to_owned());
    let mode = db
        .query_one_raw(pragma("PRAGMA journal_mode"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        mode.try_get_by_index::<String>(0).unwrap().to_lowercase(),
        "wal"
    );
    let fk = db
        .query_one_raw(pragma("PRAGMA foreign_keys"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(fk.try_get_by_index::<i32>(0).unwrap(), 1);
    // Read through a memory map (db.rs).
    let mmap = db
        .query_one_raw(pragma("PRAGMA mmap_size"))
        .await
        .ok()
        .flatten()
        .and_then(|row| row.try_get_by_index::<i64>(0).ok());
    assert_eq!(mmap, Some(1 << 30));
    drop(db);
    std::fs::remove_dir_all(dir).ok();
}

/// The public pages' readers (`db::connect_readers`): several read-only connections to a
/// SQLite file that see what the application's pool commits and refuse to write; none for an
/// in-memory database or PostgreSQL, whose pages read from the one pool.
/// The bundled SQLite is built as `.cargo/config.toml` asks: plans that never depend on bound
/// values (else each statement with a bound `LIMIT` was prepared again at every execution) and
/// no memory statistics.
#[tokio::test]
async fn the_bundled_sqlite_keeps_its_plans_and_no_memory_statistics()
-> Result<(), Box<dyn std::error::Error>> {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let db = sea_orm::Database::connect("sqlite::memory:").await?;
    let options: Vec<String> = db
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA compile_options".to_owned(),
        ))
        .await?
        .iter()
        .map(|row| row.try_get_by_index::<String>(0))
        .collect::<Result<_, _>>()?;
    for wanted in ["ENABLE_QPSG", "DEFAULT_MEMSTATUS=0"] {
        assert!(options.iter().any(|o| o == wanted), "{wanted}: {options:?}");
    }
    Ok(())
}

#[tokio::test]
async fn public_pages_read_a_sqlite_file_through_read_only_connections()
-> Result<(), Box<dyn std::error::Error>> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let dir = std::env::temp_dir().join(format!("ocop-test-readers-{}", std::process::id()));
    let url = format!("sqlite://{}?mode=rwc", dir.join("ocop.db").display());
    let db = app::db::connect_and_migrate(&url).await?;
    let readers = app::db::connect_readers(&url)
        .await?
        .ok_or("a SQLite file has readers")?;
    let unit = admin_unit::ActiveModel {
        code: Set("99999".into()),
        name: Set("Xã Thử".into()),
        name_folded: Set("xa thu".into()),
        kind: Set("xa".into()),
        level: Set("commune".into()),
        ..Default::default()
    };
    unit.insert(&db).await?;
    assert_eq!(admin_unit::Entity::find().count(&readers).await?, 1);
    let written = readers
        .execute_unprepared("DELETE FROM admin_unit WHERE code = '99999'")
        .await;
    assert!(written.is_err(), "a reader refuses to write");
    assert_eq!(admin_unit::Entity::find().count(&db).await?, 1);
    assert!(app::db::connect_readers("sqlite::memory:").await?.is_none());
    assert!(
        app::db::connect_readers("postgres://postgres@127.0.0.1:5432/test")
            .await?
            .is_none()
    );
    drop((db, readers));
    std::fs::remove_dir_all(dir).ok();
    Ok(())
}

#[tokio::test]
async fn sample_criteria_sets_lose_the_instruction_to_the_developer() {
    use app::entities::criteria_set;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, QueryFilter};
    for t in support::databases().await {
        // A database from before: the renaming migration and those after it undone, a set
        // named the old way.
        let names: Vec<String> = Migrator::migrations()
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        let renaming = names
            .iter()
            .position(|n| n == "m20261202_000024_sample_criteria_names")
            .unwrap();
        Migrator::down(&t.db, Some((names.len() - renaming) as u32))
            .await
            .unwrap();
        app::services::master_data::loading::load(&t.db)
            .await
            .unwrap();
        let old = criteria_set::Entity::find()
            .filter(criteria_set::Column::GroupCode.eq("I"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let mut renamed: criteria_set::ActiveModel = old.clone().into();
        renamed.name =
            Set("Bộ tiêu chí MẪU — nhóm I Thực phẩm (thay bằng Phụ lục III QĐ 148)".into());
        renamed.update(&t.db).await.unwrap();
        let mut own: criteria_set::ActiveModel = criteria_set::Entity::find()
            .filter(criteria_set::Column::GroupCode.eq("II"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        own.name = Set("Bộ của Sở".into());
        own.update(&t.db).await.unwrap();

        Migrator::up(&t.db, None).await.unwrap();
        let names: Vec<String> = criteria_set::Entity::find()
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert!(
            names.contains(&"Bộ tiêu chí mẫu theo cấu trúc QĐ 148 — nhóm I Thực phẩm".to_owned()),
            "{}: {names:?}",
            t.backend
        );
        assert!(names.contains(&"Bộ của Sở".to_owned()), "{names:?}");
        assert!(
            names
                .iter()
                .all(|n| !n.contains("thay bằng") && !n.contains("MẪU")),
            "{}: {names:?}",
            t.backend
        );
        t.cleanup().await;
    }
}

/// Dossiers of rounds decided before dossiers had final states take the state their round's
/// stars say; rolling the migration back returns them to "in evaluation".
#[tokio::test]
async fn dossiers_of_rounds_decided_before_take_their_final_state() {
    use app::domain::dossier::DossierState;
    use app::entities::dossier;
    for t in support::demo::demo_databases().await {
        let store = support::dossiers::files();
        app::seed::dossiers::seed_dossiers(&t.db, &store)
            .await
            .unwrap();
        app::seed::rounds::seed_rounds(&t.db, &store).await.unwrap();
        let states = || async {
            dossier::Entity::find()
                .all(&t.db)
                .await
                .unwrap()
                .into_iter()
                .map(|d| (d.id, d.state))
                .collect::<std::collections::BTreeMap<_, _>>()
        };
        let decided = states().await;
        assert!(decided.values().any(|s| *s == DossierState::NotReached));
        assert!(decided.values().any(|s| *s == DossierState::Certified));
        // Back to before `m20261206_000033_dossier_results` (and every migration after it).
        let after = Migrator::migrations()
            .iter()
            .rev()
            .position(|m| m.name() == "m20261206_000033_dossier_results")
            .unwrap();
        Migrator::down(&t.db, Some(u32::try_from(after + 1).unwrap()))
            .await
            .unwrap();
        let before =
            t.db.query_all_raw(Statement::from_string(
                t.db.get_database_backend(),
                "SELECT state FROM dossier",
            ))
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.try_get::<String>("", "state").unwrap())
            .collect::<Vec<_>>();
        assert!(
            before
                .iter()
                .all(|s| s != "certified" && s != "not_reached"),
            "{}: {before:?}",
            t.backend
        );
        Migrator::up(&t.db, None).await.unwrap();
        assert_eq!(states().await, decided, "{}", t.backend);
        t.cleanup().await;
    }
}
