//! A table's rows as JSON objects, one a line: read by the database itself (SQLite's
//! `json_object`, PostgreSQL's `row_to_json`) and written back through its JSON functions, so
//! any table moves between SQLite and PostgreSQL without a type list of our own.
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, TransactionTrait};

use super::schema::{Table, identifier};

/// Rows written back per statement (a few hundred KB of JSON at most).
const CHUNK: usize = 500;

fn statement(db: &impl ConnectionTrait, sql: String, values: Vec<sea_orm::Value>) -> Statement {
    Statement::from_sql_and_values(db.get_database_backend(), sql, values)
}

/// Every row of `table` as a JSON object (text), in the order the rows were stored.
///
/// # Errors
/// A database error.
pub async fn dump(db: &impl ConnectionTrait, table: &Table) -> Result<Vec<String>, DbErr> {
    let name = identifier(&table.name)?;
    let sql = match db.get_database_backend() {
        DbBackend::Sqlite => {
            let pairs: Vec<String> = table
                .columns
                .iter()
                .map(|c| Ok(format!("'{c}', {}", identifier(c)?)))
                .collect::<Result<_, DbErr>>()?;
            format!("SELECT json_object({}) FROM {name}", pairs.join(", "))
        }
        _ => format!("SELECT row_to_json(t)::text FROM {name} t"),
    };
    let rows = db.query_all_raw(statement(db, sql, vec![])).await?;
    rows.iter()
        .map(|r| r.try_get_by_index::<String>(0))
        .collect::<Result<_, _>>()
        .map_err(|e| DbErr::Custom(format!("{}: {e}", table.name)))
}

/// The column read out of a JSON row, as the backend's SQL says it (`v` is the row).
fn column_of_json(backend: DbBackend, column: &str) -> String {
    match backend {
        DbBackend::Sqlite => format!("json_extract(v.value, '$.{column}')"),
        _ => format!("v.{}", identifier(column).unwrap_or_default()),
    }
}

/// The rows of `json` (a JSON array) as a relation `v` of the table's shape.
fn rows_of_json(backend: DbBackend, name: &str) -> String {
    match backend {
        DbBackend::Sqlite => "json_each(?) v".to_owned(),
        _ => format!("json_populate_recordset(NULL::{name}, $1::json) v"),
    }
}

/// Inserts `rows` into `table`, its deferred references left empty (see `fill_deferred`).
///
/// # Errors
/// A database error (a row that does not fit the table).
pub async fn insert(
    db: &impl ConnectionTrait,
    table: &Table,
    rows: &[String],
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let name = identifier(&table.name)?;
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|c| identifier(c))
        .collect::<Result<_, _>>()?;
    let values: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            if table.deferred.contains(c) {
                "NULL".to_owned()
            } else {
                column_of_json(backend, c)
            }
        })
        .collect();
    let sql = format!(
        "INSERT INTO {name} ({}) SELECT {} FROM {}",
        columns.join(", "),
        values.join(", "),
        rows_of_json(backend, &name)
    );
    each_chunk(db, table, &sql, rows).await
}

/// Runs `sql` (which reads the rows from its one parameter, a JSON array) over `rows` in chunks.
async fn each_chunk(
    db: &impl ConnectionTrait,
    table: &Table,
    sql: &str,
    rows: &[String],
) -> Result<(), DbErr> {
    for chunk in rows.chunks(CHUNK) {
        let json = format!("[{}]", chunk.join(","));
        db.execute_raw(statement(db, sql.to_owned(), vec![json.into()]))
            .await
            .map_err(|e| DbErr::Custom(format!("{}: {e}", table.name)))?;
    }
    Ok(())
}

/// `rows` as `db` would store them: PostgreSQL reads times to the microsecond (rounding as it
/// does), so a copy is compared with what it was given as PostgreSQL read it.
///
/// # Errors
/// A database error.
pub async fn as_stored(
    db: &impl ConnectionTrait,
    table: &Table,
    rows: &[String],
) -> Result<Vec<String>, DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(rows.to_vec());
    }
    let name = identifier(&table.name)?;
    let sql = format!(
        "SELECT row_to_json(v)::text FROM {}",
        rows_of_json(DbBackend::Postgres, &name)
    );
    let mut out = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(CHUNK) {
        let json = format!("[{}]", chunk.join(","));
        for r in db
            .query_all_raw(statement(db, sql.clone(), vec![json.into()]))
            .await?
        {
            out.push(r.try_get_by_index::<String>(0)?);
        }
    }
    Ok(out)
}

/// Writes the deferred references of `rows` once every table is loaded.
///
/// # Errors
/// A database error.
pub async fn fill_deferred(
    db: &impl ConnectionTrait,
    table: &Table,
    rows: &[String],
) -> Result<(), DbErr> {
    if table.deferred.is_empty() || rows.is_empty() {
        return Ok(());
    }
    let backend = db.get_database_backend();
    let name = identifier(&table.name)?;
    let sets: Vec<String> = table
        .deferred
        .iter()
        .map(|c| {
            Ok(format!(
                "{} = {}",
                identifier(c)?,
                column_of_json(backend, c)
            ))
        })
        .collect::<Result<_, DbErr>>()?;
    let sql = format!(
        "UPDATE {name} SET {} FROM {} WHERE {name}.id = {}",
        sets.join(", "),
        rows_of_json(backend, &name),
        column_of_json(backend, "id")
    );
    each_chunk(db, table, &sql, rows).await
}

/// On PostgreSQL, each `id` sequence continues after the largest id loaded.
///
/// # Errors
/// A database error.
pub async fn reset_sequences(db: &impl ConnectionTrait, tables: &[&Table]) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    for t in tables.iter().filter(|t| t.has_id) {
        let name = identifier(&t.name)?;
        let sequence = db
            .query_one_raw(statement(
                db,
                format!("SELECT pg_get_serial_sequence('{name}', 'id')"),
                vec![],
            ))
            .await?
            .and_then(|r| r.try_get_by_index::<Option<String>>(0).ok().flatten());
        // An `id` of text (a session's) has no sequence.
        if sequence.is_some() {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{name}', 'id'), COALESCE(MAX(id), 1), \
                 MAX(id) IS NOT NULL) FROM {name}"
            );
            db.execute_raw(statement(db, sql, vec![])).await?;
        }
    }
    Ok(())
}

/// How many rows `table` holds.
///
/// # Errors
/// A database error.
pub async fn count(db: &impl ConnectionTrait, table: &Table) -> Result<u64, DbErr> {
    let sql = format!("SELECT COUNT(*) FROM {}", identifier(&table.name)?);
    let row = db.query_one_raw(statement(db, sql, vec![])).await?;
    Ok(row
        .and_then(|r| r.try_get_by_index::<i64>(0).ok())
        .map_or(0, |n| u64::try_from(n).unwrap_or(0)))
}

/// Drops every table and, on PostgreSQL, the schema's trigger functions (a forced restore
/// starts again from nothing; the migrations make them again). Triggers do not fire: the
/// append-only audit log is dropped, not emptied.
///
/// # Errors
/// A database error.
pub async fn drop_all(db: &DatabaseConnection) -> Result<(), DbErr> {
    let tables = super::schema::tables(db).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        let txn = db.begin().await?;
        // References are checked at commit, when no table is left to break.
        txn.execute_unprepared("PRAGMA defer_foreign_keys = ON")
            .await?;
        for name in super::schema::virtual_tables(&txn).await? {
            txn.execute_unprepared(&format!("DROP TABLE {}", identifier(&name)?))
                .await?;
        }
        for t in &tables {
            txn.execute_unprepared(&format!("DROP TABLE {}", identifier(&t.name)?))
                .await?;
        }
        // Left out of `tables`, but made again by the migrations all the same.
        for name in super::schema::VOLATILE_TABLES {
            txn.execute_unprepared(&format!("DROP TABLE IF EXISTS {}", identifier(name)?))
                .await?;
        }
        return txn.commit().await;
    }
    let names = tables.iter().map(|t| t.name.as_str());
    for name in names.chain(super::schema::VOLATILE_TABLES) {
        db.execute_unprepared(&format!(
            "DROP TABLE IF EXISTS {} CASCADE",
            identifier(name)?
        ))
        .await?;
    }
    let functions = db
        .query_all_raw(statement(
            db,
            "SELECT p.oid::regprocedure::text FROM pg_proc p \
             JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()"
                .to_owned(),
            vec![],
        ))
        .await?;
    for f in functions {
        let signature: String = f.try_get_by_index(0)?;
        // `name()`: a trigger function's signature, from the catalogue itself.
        if signature
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b"_()".contains(&b))
        {
            db.execute_unprepared(&format!("DROP FUNCTION IF EXISTS {signature} CASCADE"))
                .await?;
        }
    }
    Ok(())
}
