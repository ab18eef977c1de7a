//! Background jobs on exactly one server at a time, when several share a database: a job runs
//! on the instance holding its lease row, which that instance renews at every run; once the
//! lease has expired (its holder died or hangs) the next instance to try takes it over.
//!
//! A row rather than a PostgreSQL advisory lock: it works on SQLite too, an advisory lock
//! belongs to one connection (which a pool hands to other work) and dies with it, and a row
//! says who holds what. Each step is one statement, atomic on both databases.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use crate::entities::job_lease::{self, Column};

/// This process's name in lease rows: host, process id and a random part (a restarted process
/// may get the same id).
pub fn instance_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_default();
    let host: String = host.chars().take(64).collect();
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    format!("{host}:{}:{:08x}", std::process::id(), OsRng.next_u32())
}

/// The time leases are compared with: PostgreSQL's clock, the one all servers share (their own
/// may drift apart, and a lease judged by a fast clock would be taken early). SQLite has one
/// server, whose clock it is.
///
/// # Errors
/// A database error.
pub async fn database_now(db: &impl ConnectionTrait) -> Result<DateTime<Utc>, DbErr> {
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return Ok(crate::clock::now());
    }
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT now() AS now",
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("SELECT now() returned nothing".into()))?;
    row.try_get("", "now")
}

/// Takes or renews `job`'s lease for `holder` until `now + ttl`; `false` when another instance
/// holds a lease that has not expired.
///
/// # Errors
/// A database error.
pub async fn acquire(
    db: &impl ConnectionTrait,
    job: &str,
    holder: &str,
    ttl: std::time::Duration,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let until = now + chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::hours(1));
    // The first run ever of the job: the row does not exist yet.
    let inserted = job_lease::Entity::insert(job_lease::ActiveModel {
        name: Set(job.to_owned()),
        holder: Set(holder.to_owned()),
        expires_at: Set(until),
    })
    .on_conflict(OnConflict::column(Column::Name).do_nothing().to_owned())
    .exec_without_returning(db)
    .await?;
    if inserted == 1 {
        return Ok(true);
    }
    let taken = job_lease::Entity::update_many()
        .col_expr(Column::Holder, Expr::value(holder))
        .col_expr(Column::ExpiresAt, Expr::value(until))
        .filter(Column::Name.eq(job))
        .filter(
            Condition::any()
                .add(Column::Holder.eq(holder))
                .add(Column::ExpiresAt.lt(now)),
        )
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Gives `job`'s lease up if `holder` has it (a server shutting down), so another instance
/// takes the job over at its next try instead of after the lease expires.
///
/// # Errors
/// A database error.
pub async fn release(
    db: &impl ConnectionTrait,
    job: &str,
    holder: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    job_lease::Entity::update_many()
        .col_expr(Column::ExpiresAt, Expr::value(now))
        .filter(Column::Name.eq(job))
        .filter(Column::Holder.eq(holder))
        .exec(db)
        .await?;
    Ok(())
}
