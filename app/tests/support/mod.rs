//! Real databases for tests: an in-memory SQLite database built by the real migrations, and, when
//! `TEST_DATABASE_URL` is set, a PostgreSQL database of the test's own, copied from one migrated
//! once (`postgres.rs`), so tests run in parallel; an empty one is a schema of its own.
#![allow(dead_code)]

pub mod accounts;
pub mod certified;
pub mod demo;
pub mod dossiers;
pub mod imports;
pub mod postgres;
pub mod reports;
pub mod rounds;
pub mod smtp;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sea_orm::{ConnectOptions, DatabaseConnection};

pub struct TestDb {
    pub db: DatabaseConnection,
    /// "sqlite" or "postgres", for assertion messages.
    pub backend: &'static str,
    /// On PostgreSQL: `TEST_DATABASE_URL` and what the test owns there.
    postgres: Option<(String, Owned)>,
    /// On SQLite copied from the demo: its file, removed when the database is dropped.
    file: Option<demo::SqliteFile>,
}

/// What a PostgreSQL test owns, to drop when it is done.
enum Owned {
    Database(String),
    Schema(String),
}

impl TestDb {
    /// Drops the test's PostgreSQL database or schema (SQLite in memory vanishes by itself).
    pub async fn cleanup(self) {
        let Some((url, owned)) = self.postgres else {
            return;
        };
        drop(self.db);
        match owned {
            Owned::Database(name) => postgres::drop_database(&url, &name).await,
            Owned::Schema(schema) => {
                postgres::execute(&url, &format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).await;
            }
        }
    }
}

/// Every database the suite runs on: SQLite always, PostgreSQL when `TEST_DATABASE_URL` is set.
pub async fn databases() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    if let Some(url) = postgres_url() {
        dbs.push(postgres(&url).await);
    }
    dbs
}

/// `TEST_DATABASE_URL`, when it is set.
fn postgres_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

pub async fn sqlite() -> TestDb {
    let db = app::db::connect_and_migrate("sqlite::memory:")
        .await
        .expect("migrate SQLite");
    TestDb {
        db,
        backend: "sqlite",
        postgres: None,
        file: None,
    }
}

async fn postgres(url: &str) -> TestDb {
    let (db, name) = postgres::copy(url).await;
    TestDb {
        db,
        backend: "postgres",
        postgres: Some((url.to_owned(), Owned::Database(name))),
        file: None,
    }
}

/// An empty schema of the test's own (no migrations applied).
async fn postgres_schema(url: &str) -> TestDb {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let schema = format!(
        "test_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed),
        nanos
    );
    postgres::execute(url, &format!("CREATE SCHEMA {schema}")).await;
    let mut options = ConnectOptions::new(url);
    options.set_schema_search_path(schema.clone());
    let db = app::db::connect(options)
        .await
        .expect("connect to test schema");
    TestDb {
        db,
        backend: "postgres",
        postgres: Some((url.to_owned(), Owned::Schema(schema))),
        file: None,
    }
}

/// A database with master data loaded.
pub async fn with_master_data() -> Vec<TestDb> {
    let dbs = databases().await;
    for t in &dbs {
        app::services::master_data::loading::load(&t.db)
            .await
            .expect("load master data");
    }
    dbs
}

/// A certificate of `stars` for the product, decided on `decided` (`YYYY-MM-DD`), valid 36
/// months.
pub async fn certify(db: &sea_orm::DatabaseConnection, product_id: i32, stars: i16, decided: &str) {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let p = app::entities::product::Entity::find_by_id(product_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let decided = chrono::NaiveDate::parse_from_str(decided, "%Y-%m-%d").unwrap();
    app::entities::certificate::ActiveModel {
        number: Set(format!("T-{product_id}-{decided}")),
        product_id: Set(product_id),
        subject_id: Set(p.subject_id),
        stars: Set(stars),
        score: Set(700),
        decision_number: Set("1/QĐ-UBND".into()),
        decision_date: Set(decided),
        valid_from: Set(decided),
        valid_until: Set(app::domain::certificate::valid_until(decided)),
        national: Set(false),
        created_at: Set(app::clock::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    // As a decision does: the product carries the certificate's stars.
    let mut product: app::entities::product::ActiveModel = p.into();
    product.stars = Set(Some(stars));
    product.update(db).await.unwrap();
}

/// An empty database of the same kind as `like` (no migrations applied): what `restore` and
/// `copy-db` write into.
pub async fn empty_like(like: &TestDb) -> TestDb {
    match &like.postgres {
        None => TestDb {
            db: app::db::connect(ConnectOptions::new("sqlite::memory:"))
                .await
                .expect("open SQLite"),
            backend: "sqlite",
            postgres: None,
            file: None,
        },
        Some((url, _)) => postgres_schema(url).await,
    }
}

/// An empty PostgreSQL schema when `TEST_DATABASE_URL` is set.
pub async fn empty_postgres() -> Option<TestDb> {
    let url = postgres_url()?;
    Some(postgres_schema(&url).await)
}
