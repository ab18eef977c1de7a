//! PostgreSQL databases for tests: each test gets a database of its own, copied from one that
//! is migrated once per test process (`CREATE DATABASE … TEMPLATE`: about a tenth of a second,
//! where migrating takes most of one). Databases left by earlier processes that are gone (a test
//! that panicked before its cleanup) are dropped when the next process makes its template.
use std::sync::atomic::{AtomicUsize, Ordering};

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};

const TEMPLATE_PREFIX: &str = "ocop_template_";
const TEST_PREFIX: &str = "ocop_test_";

/// `url` naming the database `name` instead of its own.
pub fn database_url(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let host_start = base.find("://").map_or(0, |i| i + 3);
    let server = match base[host_start..].find('/') {
        Some(slash) => &base[..host_start + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

async fn admin(url: &str) -> DatabaseConnection {
    Database::connect(url)
        .await
        .expect("connect to TEST_DATABASE_URL")
}

/// Runs one statement on the server named by `url` (creating or dropping a database or schema).
pub async fn execute(url: &str, sql: &str) {
    admin(url)
        .await
        .execute_unprepared(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Drops the test databases and templates of processes that are no longer running, and any
/// named after this process (an earlier process with the same id left them: ids are reused,
/// and PostgreSQL outlives the machine's processes). Runs before this process makes any.
async fn drop_stale(admin: &DatabaseConnection) {
    let rows = admin
        .query_all_raw(sea_orm::Statement::from_string(
            admin.get_database_backend(),
            format!(
                "SELECT datname FROM pg_database WHERE datname LIKE '{TEMPLATE_PREFIX}%' \
                 OR datname LIKE '{TEST_PREFIX}%'"
            ),
        ))
        .await
        .expect("list test databases");
    for row in rows {
        let name: String = row.try_get("", "datname").expect("datname");
        let pid = name
            .trim_start_matches(TEMPLATE_PREFIX)
            .trim_start_matches(TEST_PREFIX)
            .split('_')
            .next()
            .unwrap_or_default();
        let ours = pid == std::process::id().to_string();
        if ours || !std::path::Path::new("/proc").join(pid).exists() {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
        }
    }
}

/// The name of this process's migrated template, made on first use.
async fn template(url: &str) -> &'static str {
    static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let admin = admin(url).await;
            drop_stale(&admin).await;
            let name = format!("{TEMPLATE_PREFIX}{}", std::process::id());
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create the template database");
            let db = app::db::connect_and_migrate(&database_url(url, &name))
                .await
                .expect("migrate PostgreSQL");
            // A template must have no connection open while it is copied.
            db.close().await.expect("close the template");
            name
        })
        .await
}

/// A migrated database of the test's own; returns it and its name.
pub async fn copy(url: &str) -> (DatabaseConnection, String) {
    copy_of(url, template(url).await).await
}

/// A copy of the database `template` (which no connection may hold open); returns it and its
/// name.
pub async fn copy_of(url: &str, template: &str) -> (DatabaseConnection, String) {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "{TEST_PREFIX}{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let admin = admin(url).await;
    for sql in [
        format!(
            "CREATE DATABASE {name} TEMPLATE {template}{}",
            strategy(&admin).await
        ),
        // A test's database is thrown away: its commits need not wait for the disk.
        format!("ALTER DATABASE {name} SET synchronous_commit = off"),
    ] {
        admin
            .execute_unprepared(&sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    let db = app::db::connect(ConnectOptions::new(database_url(url, &name)))
        .await
        .expect("connect to the test database");
    (db, name)
}

/// How a test database is copied: file by file where the server can (PostgreSQL 15 and later
/// copy through the write-ahead log by default, writing the whole template to it for every
/// test: the server's kernel time in a run of the services' tests 43 → 28 s).
async fn strategy(admin: &DatabaseConnection) -> &'static str {
    static STRATEGY: tokio::sync::OnceCell<&'static str> = tokio::sync::OnceCell::const_new();
    STRATEGY
        .get_or_init(|| async {
            let version = admin
                .query_one_raw(sea_orm::Statement::from_string(
                    admin.get_database_backend(),
                    "SELECT current_setting('server_version_num')::int AS v",
                ))
                .await
                .ok()
                .flatten()
                .and_then(|row| row.try_get::<i32>("", "v").ok())
                .unwrap_or(0);
            if version >= 150_000 {
                " STRATEGY FILE_COPY"
            } else {
                ""
            }
        })
        .await
}

/// Drops a test's database (its pool may still be closing: `FORCE` ends those connections).
pub async fn drop_database(url: &str, name: &str) {
    execute(url, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
}

#[test]
fn a_url_names_another_database() {
    let url = "postgres://postgres@127.0.0.1:5432/test";
    assert_eq!(
        database_url(url, "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(
        database_url("postgres://h:5432/test?sslmode=disable", "x"),
        "postgres://h:5432/x?sslmode=disable"
    );
    assert_eq!(
        database_url("postgres://h:5432", "x"),
        "postgres://h:5432/x"
    );
}
