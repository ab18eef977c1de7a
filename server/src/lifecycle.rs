//! A server's life beside others behind a load balancer. It is alive (`/healthz`) while it
//! answers at all, and ready (`/readyz`) while its database and file store answer and it is
//! not stopping. On SIGTERM (or Ctrl-C) it stops being ready and stops accepting connections,
//! gives the requests in flight up to the grace period, then hands its background jobs over
//! (`jobs`) and exits.
use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sea_orm::ConnectionTrait;
use tokio::sync::Notify;

use app::state::AppState;

/// Set once the server has been asked to stop.
static STOPPING: AtomicBool = AtomicBool::new(false);
static STOP: LazyLock<Notify> = LazyLock::new(Notify::new);

/// Resolves when the process is asked to stop (SIGTERM from a process manager, Ctrl-C in a
/// terminal); from then on the server is not ready.
pub async fn stop_requested() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {},
        _ = terminate => {},
    }
    STOPPING.store(true, Ordering::SeqCst);
    // A permit is kept if nobody waits yet: the grace timer cannot miss it.
    STOP.notify_one();
    tracing::info!("stopping: no new connections; finishing the requests in flight");
}

/// Resolves `grace` after the stop was asked for: the requests still running then are cut.
pub async fn grace_over(grace: std::time::Duration) {
    STOP.notified().await;
    tokio::time::sleep(grace).await;
}

/// Alive: the process answers. (A load balancer restarts nothing on this alone.)
pub async fn healthz() -> &'static str {
    "ok"
}

/// How long `/readyz` waits for the database and for the file store.
const READY_WITHIN: std::time::Duration = std::time::Duration::from_secs(3);

fn flatten(answer: Result<Result<(), String>, tokio::time::error::Elapsed>) -> Result<(), String> {
    answer.unwrap_or_else(|_| Err(format!("no answer within {READY_WITHIN:?}")))
}

/// Ready for traffic: not stopping, the database answers a query and the file store is there.
/// 503 with the reason otherwise, so a load balancer sends requests elsewhere.
pub async fn readyz(State(state): State<AppState>) -> Response {
    if STOPPING.load(Ordering::SeqCst) {
        return (StatusCode::SERVICE_UNAVAILABLE, "stopping").into_response();
    }
    // A load balancer asks every few seconds and gives up on a slow answer: a store or a
    // database slower than this is as good as unreachable.
    let database = tokio::time::timeout(READY_WITHIN, async {
        state
            .db
            .execute_unprepared("SELECT 1")
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
    if let Err(err) = flatten(database.await) {
        tracing::error!(error = %err, "readiness: database unreachable");
        return (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response();
    }
    let files = tokio::time::timeout(READY_WITHIN, async {
        state.files.check().await.map_err(|e| e.to_string())
    });
    if let Err(err) = flatten(files.await) {
        tracing::error!(error = %err, "readiness: file store unreachable");
        return (StatusCode::SERVICE_UNAVAILABLE, "file store unreachable").into_response();
    }
    "ready".into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::to_bytes;
    use leptos::config::LeptosOptions;

    async fn ready_with_files(files: &std::path::Path) -> (StatusCode, String) {
        let db = app::db::connect_and_migrate("sqlite::memory:")
            .await
            .unwrap();
        let state: AppState = app::state::AppStateInner {
            files: std::sync::Arc::new(app::services::files::store::LocalFolder::new(files)),
            ..app::state::AppStateInner::new(
                LeptosOptions::builder().output_name("ocop").build(),
                db,
            )
        }
        .into();
        let response = readyz(State(state)).await;
        let status = response.status();
        let body = to_bytes(response.into_body(), 1024).await.unwrap();
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    #[tokio::test]
    async fn ready_only_with_the_file_store_there() {
        let root = std::env::temp_dir().join(format!("ocop-ready-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        let folder = root.join("files");
        assert_eq!(
            ready_with_files(&folder).await,
            (StatusCode::OK, "ready".to_owned())
        );
        // A file where the folder should be (a mount gone wrong): not ready, and said why.
        let not_a_folder = root.join("plain-file");
        std::fs::write(&not_a_folder, b"x").unwrap();
        assert_eq!(
            ready_with_files(&not_a_folder).await,
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "file store unreachable".to_owned()
            )
        );
        std::fs::remove_dir_all(&root).unwrap();
    }
}
