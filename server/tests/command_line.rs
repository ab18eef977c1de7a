//! The server binary as an operator runs it: its commands, a first migration, and a database
//! it cannot open. Being an integration test, it also makes `cargo test` build the binary
//! (`target/debug/server`), which the browser tests then run: one compile of the server for
//! both (the Makefile's `build-for-e2e`).
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn server(args: &[&str], database_url: &str, folder: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("FILES_DIR", folder.join("files"))
        .env("RUST_LOG", "warn")
        .env_remove("DEMO_MODE")
        .output()
        .expect("the server binary runs")
}

fn fresh_folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("ocop-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("temporary folder");
    folder
}

#[test]
fn help_lists_the_operators_commands() {
    let folder = fresh_folder("help");
    let out = server(&["--help"], "sqlite::memory:", &folder);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for command in ["serve", "migrate", "seed-demo", "reset-demo", "import"] {
        assert!(text.contains(command), "`{command}` missing from:\n{text}");
    }
    // The synthetic list for the benchmark is not offered to operators.
    assert!(!text.contains("import-sample"), "{text}");
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn migrate_makes_a_new_sqlite_database_and_can_run_again() {
    let folder = fresh_folder("migrate");
    let file = folder.join("ocop.db");
    let url = format!("sqlite://{}?mode=rwc", file.display());
    for run in 1..=2 {
        let out = server(&["migrate"], &url, &folder);
        assert!(
            out.status.success(),
            "run {run}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(std::fs::metadata(&file).expect("database file").len() > 0);
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn a_database_it_cannot_open_is_an_error_not_a_panic() {
    let folder = fresh_folder("refused");
    // A folder that does not exist, without `mode=rwc`: SQLite refuses to create the file.
    let url = format!("sqlite://{}/no/such/ocop.db", folder.display());
    let out = server(&["migrate"], &url, &folder);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let _ = std::fs::remove_dir_all(&folder);
}
