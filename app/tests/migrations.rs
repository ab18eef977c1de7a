//! Migrations apply from empty, can be rolled back and re-applied, on every database.
mod support;

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
async fn sqlite_file_uses_wal_and_enforces_foreign_keys() {
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
    drop(db);
    std::fs::remove_dir_all(dir).ok();
}
