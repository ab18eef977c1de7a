//! Sign-in and request limits counted in the database, for several server instances sharing
//! one (`auth::throttle`, `auth::rate_limit` keep the same rules in memory for one instance).
//! Each count is a row (`throttle_count`: key, count, since). A step locks its rows for the
//! length of a short transaction: on PostgreSQL with `SELECT … FOR UPDATE`, on SQLite by
//! writing first (which takes the database's write lock), so attempts at once on any instance
//! are counted one after another, as under the in-memory lock.
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};

use crate::auth::throttle::{ADDRESS_THRESHOLD, FORGET_AFTER, FailureOutcome, keys, wait_after};
use crate::entities::throttle_count::{self, Column};

/// Makes the rows of `keys` that do not exist yet (count 0), then reads them locked — in key
/// order, as every step locks, so two steps sharing rows never wait on each other in a circle.
/// `None` if a row went (pruned, or a pair cleared) between the two: the caller starts again.
async fn locked_rows(
    txn: &impl ConnectionTrait,
    keys: &[String],
    now: DateTime<Utc>,
) -> Result<Option<Vec<throttle_count::Model>>, DbErr> {
    let mut keys = keys.to_vec();
    keys.sort();
    let rows = keys.iter().map(|key| throttle_count::ActiveModel {
        key: Set(key.clone()),
        count: Set(0),
        since: Set(now),
    });
    throttle_count::Entity::insert_many(rows)
        .on_conflict(OnConflict::column(Column::Key).do_nothing().to_owned())
        .exec_without_returning(txn)
        .await?;
    let rows = throttle_count::Entity::find()
        .filter(Column::Key.is_in(keys.clone()))
        .order_by_asc(Column::Key)
        .lock_exclusive()
        .all(txn)
        .await?;
    Ok((rows.len() == keys.len()).then_some(rows))
}

/// Opens a transaction holding the rows of `keys` locked, trying again (a few times) when a
/// row went meanwhile.
async fn lock(
    db: &DatabaseConnection,
    keys: &[String],
    now: DateTime<Utc>,
) -> Result<(DatabaseTransaction, Vec<throttle_count::Model>), DbErr> {
    for _ in 0..3 {
        let txn = db.begin().await?;
        if let Some(rows) = locked_rows(&txn, keys, now).await? {
            return Ok((txn, rows));
        }
        txn.rollback().await?;
    }
    Err(DbErr::Custom("attempt counts kept changing".into()))
}

fn age(now: DateTime<Utc>, since: DateTime<Utc>) -> Duration {
    (now - since).to_std().unwrap_or(Duration::ZERO)
}

/// `SignInThrottle::begin`, counted in the database.
///
/// # Errors
/// A database error; inside, the time still to wait.
pub async fn begin_sign_in(
    db: &DatabaseConnection,
    login: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Result<FailureOutcome, Duration>, DbErr> {
    let keys = keys(login, address);
    let names: Vec<String> = keys.iter().map(|(k, _)| k.clone()).collect();
    let (txn, rows) = lock(db, &names, now).await?;
    let wait = keys
        .iter()
        .filter_map(|(key, threshold)| {
            let row = rows.iter().find(|r| &r.key == key)?;
            let count = u32::try_from(row.count).unwrap_or(0);
            let waited = age(now, row.since);
            let needed = wait_after(count, *threshold);
            (waited < needed && waited < FORGET_AFTER).then(|| needed - waited)
        })
        .max();
    if let Some(wait) = wait {
        txn.rollback().await?;
        return Ok(Err(wait));
    }
    let mut outcome = FailureOutcome::Counted;
    for (key, threshold) in &keys {
        let before = rows
            .iter()
            .find(|r| &r.key == key)
            .filter(|r| age(now, r.since) < FORGET_AFTER)
            .map_or(0, |r| u32::try_from(r.count).unwrap_or(0));
        let count = before + 1;
        if count == *threshold && *threshold != ADDRESS_THRESHOLD {
            outcome = FailureOutcome::BurstStarted;
        }
        throttle_count::Entity::update_many()
            .col_expr(
                Column::Count,
                Expr::value(i32::try_from(count).unwrap_or(i32::MAX)),
            )
            .col_expr(Column::Since, Expr::value(now))
            .filter(Column::Key.eq(key.as_str()))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(Ok(outcome))
}

/// Gives one counted attempt back to each of `keys` (never below zero): one row per
/// statement, in key order, so it never holds one row while waiting for another.
async fn give_back(db: &impl ConnectionTrait, mut keys: Vec<String>) -> Result<(), DbErr> {
    keys.sort();
    for key in keys {
        throttle_count::Entity::update_many()
            .col_expr(Column::Count, Expr::col(Column::Count).sub(1))
            .filter(Column::Key.eq(key))
            .filter(Column::Count.gt(0))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// `SignInThrottle::record_success`: the pair is cleared, the login's and address's attempt
/// given back.
///
/// # Errors
/// A database error.
pub async fn sign_in_succeeded(
    db: &DatabaseConnection,
    login: &str,
    address: &str,
) -> Result<(), DbErr> {
    let [pair, by_login, by_address] = keys(login, address);
    throttle_count::Entity::delete_many()
        .filter(Column::Key.eq(pair.0))
        .exec(db)
        .await?;
    give_back(db, vec![by_login.0, by_address.0]).await
}

/// `SignInThrottle::record_no_guess`: every count the attempt made is given back.
///
/// # Errors
/// A database error.
pub async fn sign_in_no_guess(
    db: &DatabaseConnection,
    login: &str,
    address: &str,
) -> Result<(), DbErr> {
    give_back(
        db,
        keys(login, address).into_iter().map(|(k, _)| k).collect(),
    )
    .await
}

/// `RateLimit::allow`, counted in the database under `key`: at most `limit` events per
/// `window`.
///
/// # Errors
/// A database error.
pub async fn allow(
    db: &DatabaseConnection,
    key: &str,
    limit: u32,
    window: Duration,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let (txn, rows) = lock(db, &[key.to_owned()], now).await?;
    let (count, since) = rows
        .first()
        .filter(|r| age(now, r.since) < window)
        .map_or((0, now), |r| (u32::try_from(r.count).unwrap_or(0), r.since));
    if count >= limit {
        txn.rollback().await?;
        return Ok(false);
    }
    throttle_count::Entity::update_many()
        .col_expr(
            Column::Count,
            Expr::value(i32::try_from(count + 1).unwrap_or(i32::MAX)),
        )
        .col_expr(Column::Since, Expr::value(since))
        .filter(Column::Key.eq(key))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(true)
}

/// Forgets counts nobody touched for two hours (longer than any window or memory of failures).
///
/// # Errors
/// A database error.
pub async fn prune(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let old = now - chrono::Duration::hours(2);
    Ok(throttle_count::Entity::delete_many()
        .filter(Column::Since.lt(old))
        .exec(db)
        .await?
        .rows_affected)
}
