//! The built client (`/pkg/…`: wasm, JS, CSS). `bench/precompress.mjs` writes a brotli and a
//! gzip copy of each after a build; they are sent to browsers that take them, so nothing is
//! compressed per request. A copy older than its file (a build that did not precompress) would
//! send the old client, so such copies are removed at start-up and the file is compressed on
//! the fly instead.
use std::path::Path;

use axum::http::StatusCode;
use tower_http::services::ServeDir;

/// Serves the client folder, preferring its precompressed copies; a file that is not there gets
/// a 404 that says so (never an empty answer).
pub fn service(pkg_dir: &Path) -> axum::Router {
    drop_stale_copies(pkg_dir);
    // The light client's folder (`app::assets::LIGHT_PKG_DIR`, "pkg/light").
    drop_stale_copies(&pkg_dir.join("light"));
    let files = ServeDir::new(pkg_dir)
        .precompressed_br()
        .precompressed_gzip()
        .not_found_service(axum::routing::any(missing));
    axum::Router::new().fallback_service(files)
}

async fn missing() -> (StatusCode, &'static str) {
    (
        StatusCode::NOT_FOUND,
        "Không có tệp này trong ứng dụng. / No such file in the application.",
    )
}

/// Removes `X.br` and `X.gz` where they are older than `X` (or `X` is gone).
fn drop_stale_copies(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    for entry in entries.flatten() {
        let copy = entry.path();
        let Some(ext) = copy.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if ext != "br" && ext != "gz" {
            continue;
        }
        let source = copy.with_extension("");
        let stale = match (modified(&copy), modified(&source)) {
            (Some(copied), Some(built)) => copied < built,
            _ => true,
        };
        if stale {
            tracing::warn!(copy = %copy.display(), "removing a precompressed copy older than its file");
            let _ = std::fs::remove_file(&copy);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_older_than_its_file_is_removed_and_a_fresh_one_kept() {
        let dir = std::env::temp_dir().join(format!("ocop-pkg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("old.js.br"), b"stale").unwrap();
        std::fs::write(dir.join("orphan.css.gz"), b"no source").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(dir.join("old.js"), b"rebuilt").unwrap();
        std::fs::write(dir.join("new.wasm"), b"built").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(dir.join("new.wasm.br"), b"fresh").unwrap();
        drop_stale_copies(&dir);
        assert!(!dir.join("old.js.br").exists());
        assert!(!dir.join("orphan.css.gz").exists());
        assert!(dir.join("new.wasm.br").exists());
        assert!(dir.join("old.js").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
