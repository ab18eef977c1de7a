//! Reading from one snapshot (`db::snapshot`, the dashboard's), on real databases: a write
//! committed while a snapshot is open is not seen in it, and is seen once it ends; on
//! PostgreSQL a snapshot also refuses to write.
use crate::support;

use sea_orm::DatabaseConnection;

use app::services::page_generation::{current, raise};

#[tokio::test]
async fn a_snapshot_does_not_see_a_write_committed_meanwhile() {
    // SQLite as a server runs it: a file, the readers' pool beside the writer's.
    let dir = std::env::temp_dir().join(format!("ocop-snapshot-{}", std::process::id()));
    let url = format!("sqlite://{}/snapshot.db?mode=rwc", dir.display());
    let writer = app::db::connect_and_migrate(&url).await.unwrap();
    let readers = app::db::connect_readers(&url).await.unwrap().unwrap();
    unchanged_while_open(&writer, &readers, "sqlite").await;
    drop((writer, readers));
    let _ = std::fs::remove_dir_all(&dir);

    for t in support::databases().await {
        if t.backend == "postgres" {
            unchanged_while_open(&t.db, &t.db, "postgres").await;
            let snapshot = app::db::snapshot(&t.db).await.unwrap();
            assert!(
                raise(&snapshot).await.is_err(),
                "a read-only snapshot wrote"
            );
            drop(snapshot);
        }
        t.cleanup().await;
    }
}

async fn unchanged_while_open(writer: &DatabaseConnection, readers: &DatabaseConnection, b: &str) {
    raise(writer).await.unwrap();
    let before = current(writer).await.unwrap();
    let snapshot = app::db::snapshot(readers).await.unwrap();
    assert_eq!(current(&snapshot).await.unwrap(), before, "{b}");
    raise(writer).await.unwrap();
    assert_eq!(
        current(&snapshot).await.unwrap(),
        before,
        "{b}: seen inside"
    );
    snapshot.commit().await.unwrap();
    assert_eq!(
        current(readers).await.unwrap(),
        before + 1,
        "{b}: not seen after"
    );
}
