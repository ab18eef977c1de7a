//! Public pages kept right across server instances. Each instance keeps rendered public pages
//! in memory and empties them after a write that may change one (`server::page_cache`); another
//! instance must empty its own too. Every such write raises one number in the database, and
//! each instance reads it twice a second, emptying its pages when it moved.
//!
//! Chosen over PostgreSQL's LISTEN/NOTIFY: it works the same on SQLite, needs no connection
//! held apart (and re-established after a database restart, losing what was sent meanwhile),
//! and a missed read is caught by the next one. Its cost is a one-row read per instance every
//! half second.
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};

use crate::entities::page_generation::{self, Column};

/// How often each instance reads the generation: a change shows everywhere within this.
pub const READ_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

/// A write that may change a public page was made.
///
/// # Errors
/// A database error.
pub async fn raise(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    // The row is made by the first write (an empty database holds no row), then raised.
    let first = page_generation::ActiveModel {
        id: Set(1),
        generation: Set(1),
    };
    page_generation::Entity::insert(first)
        .on_conflict(
            OnConflict::column(Column::Id)
                .value(
                    Column::Generation,
                    Expr::col((page_generation::Entity, Column::Generation)).add(1),
                )
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The generation now (0 if the row is missing).
///
/// # Errors
/// A database error.
pub async fn current(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    Ok(page_generation::Entity::find_by_id(1)
        .one(db)
        .await?
        .map_or(0, |row| row.generation))
}

/// Reads the generation every `every` and calls `changed` at the first read and each time it
/// moved since the last, for as long as the server runs.
pub async fn watch(
    db: sea_orm::DatabaseConnection,
    every: std::time::Duration,
    changed: impl Fn() + Send + 'static,
) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last = None;
    loop {
        tick.tick().await;
        match current(&db).await {
            Ok(now) => {
                // The first read empties too: pages kept before it may predate a change.
                if last.is_none_or(|seen| seen != now) {
                    changed();
                }
                last = Some(now);
            }
            Err(err) => tracing::warn!(error = %err, "page generation"),
        }
    }
}
