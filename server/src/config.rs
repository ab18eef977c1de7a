//! Configuration from the environment (and the command line), with documented defaults.
//!
//! Leptos' own settings come from cargo-leptos' variables, read by `leptos::config`:
//! `LEPTOS_SITE_ADDR` (default 127.0.0.1:3000), `LEPTOS_SITE_ROOT` (default `target/site`),
//! `LEPTOS_SITE_PKG_DIR` (default `pkg`), `LEPTOS_OUTPUT_NAME` (set at build time), `LEPTOS_ENV`.
use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database URL: SQLite (the default, a file under `data/`) or `postgres://…`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/ocop.db?mode=rwc"
    )]
    pub database_url: String,
}
