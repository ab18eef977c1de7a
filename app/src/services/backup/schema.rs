//! What the database holds, asked of the database itself (so a backup follows every migration
//! without a list to keep): its tables, their columns and foreign keys, and an order to load
//! them in (a table after those its required references point to).
use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

/// The table sea-orm keeps the applied migrations in: the backup's schema version.
pub const MIGRATIONS_TABLE: &str = "seaql_migrations";

/// Tables of a running server's moment, not of the province's data: left out of backups and
/// copies. Who holds a job (`job_lease`) means nothing on another machine, and the attempt
/// counts (`throttle_count`) hold sign-in names and client addresses of the last two hours;
/// when products last changed for the open data API (`product_change`) is restamped by its
/// triggers as a restore writes the products.
pub const VOLATILE_TABLES: [&str; 3] = ["job_lease", "product_change", "throttle_count"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub columns: Vec<String>,
    /// Columns that reference another row and may be empty: loaded after every table, so
    /// references in circles or to later rows (a certificate to the one that replaced it) hold.
    pub deferred: Vec<String>,
    /// Tables a required column references (other than itself).
    pub requires: BTreeSet<String>,
    pub has_id: bool,
}

/// Names come from the database, but go into SQL text: only plain identifiers pass.
pub fn identifier(name: &str) -> Result<String, DbErr> {
    let plain = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if plain {
        Ok(format!("\"{name}\""))
    } else {
        Err(DbErr::Custom(format!(
            "unexpected table or column name {name:?}"
        )))
    }
}

pub(crate) async fn strings(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> Result<Vec<Vec<String>>, DbErr> {
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    rows.iter()
        .map(|r| {
            let mut out = Vec::new();
            let mut i = 0;
            while let Ok(v) = r.try_get_by_index::<Option<String>>(i) {
                out.push(v.unwrap_or_default());
                i += 1;
            }
            Ok(out)
        })
        .collect()
}

/// Every table of the application (with the migrations table, without `VOLATILE_TABLES`), by
/// name.
///
/// # Errors
/// A database error, or a name that is not a plain identifier.
pub async fn tables(db: &impl ConnectionTrait) -> Result<Vec<Table>, DbErr> {
    let names = match db.get_database_backend() {
        DbBackend::Sqlite => {
            // Not the full-text indexes (virtual tables and their shadows): triggers on
            // `product` and `admin_unit` fill them as the rows are loaded.
            strings(
                db,
                "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
                 AND name NOT LIKE 'sqlite_%' ORDER BY name",
                vec![],
            )
            .await?
        }
        _ => {
            strings(
                db,
                "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() \
                 ORDER BY tablename",
                vec![],
            )
            .await?
        }
    };
    let mut out = Vec::new();
    for row in names {
        let name = row.into_iter().next().unwrap_or_default();
        if VOLATILE_TABLES.contains(&name.as_str()) {
            continue;
        }
        identifier(&name)?;
        out.push(table(db, &name).await?);
    }
    Ok(out)
}

/// (column, nullable) in order, and (column, referenced table).
async fn table(db: &impl ConnectionTrait, name: &str) -> Result<Table, DbErr> {
    let (columns, references) = match db.get_database_backend() {
        DbBackend::Sqlite => {
            let quoted = identifier(name)?.replace('"', "'");
            let columns = strings(
                db,
                &format!(
                    "SELECT name, CAST(\"notnull\" = 0 AS TEXT) FROM pragma_table_info({quoted}) \
                     ORDER BY cid"
                ),
                vec![],
            )
            .await?;
            let references = strings(
                db,
                &format!("SELECT \"from\", \"table\" FROM pragma_foreign_key_list({quoted})"),
                vec![],
            )
            .await?;
            (columns, references)
        }
        _ => {
            let columns = strings(
                db,
                "SELECT column_name::text, CASE WHEN is_nullable = 'YES' THEN '1' ELSE '0' END \
                 FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 \
                 ORDER BY ordinal_position",
                vec![name.into()],
            )
            .await?;
            let references = strings(
                db,
                "SELECT a.attname::text, c.confrelid::regclass::text \
                 FROM pg_constraint c \
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) \
                 WHERE c.contype = 'f' AND c.conrelid = $1::regclass",
                vec![name.into()],
            )
            .await?;
            (columns, references)
        }
    };
    let nullable: BTreeMap<String, bool> = columns
        .iter()
        .map(|c| (c[0].clone(), c.get(1).is_some_and(|n| n == "1")))
        .collect();
    let mut deferred = Vec::new();
    let mut requires = BTreeSet::new();
    for r in &references {
        let (column, target) = (r[0].clone(), r[1].trim_matches('"').to_owned());
        if nullable.get(&column).copied().unwrap_or(false) {
            if !deferred.contains(&column) {
                deferred.push(column);
            }
        } else if target != name {
            requires.insert(target);
        }
    }
    for c in columns.iter().map(|c| &c[0]) {
        identifier(c)?;
    }
    Ok(Table {
        name: name.to_owned(),
        has_id: nullable.contains_key("id"),
        columns: columns.into_iter().map(|c| c[0].clone()).collect(),
        deferred,
        requires,
    })
}

/// The tables in an order to load them: each after those it requires.
///
/// # Errors
/// `DbErr::Custom` for required references in a circle (no order can load them).
pub fn load_order(tables: &[Table]) -> Result<Vec<&Table>, DbErr> {
    let mut done: BTreeSet<&str> = BTreeSet::new();
    let mut order = Vec::new();
    while order.len() < tables.len() {
        let before = order.len();
        for t in tables {
            let ready = !done.contains(t.name.as_str())
                && t.requires
                    .iter()
                    .all(|r| done.contains(r.as_str()) || !tables.iter().any(|x| &x.name == r));
            if ready {
                done.insert(&t.name);
                order.push(t);
            }
        }
        if order.len() == before {
            return Err(DbErr::Custom(
                "tables require each other in a circle: no order loads them".into(),
            ));
        }
    }
    Ok(order)
}

/// SQLite's virtual tables (the full-text index), dropped with the rest by a forced restore
/// onto a newer schema (its migration makes it again).
///
/// # Errors
/// A database error.
pub async fn virtual_tables(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(Vec::new());
    }
    Ok(strings(
        db,
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'virtual'",
        vec![],
    )
    .await?
    .into_iter()
    .filter_map(|r| r.into_iter().next())
    .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str, requires: &[&str]) -> Table {
        Table {
            name: name.into(),
            columns: vec!["id".into()],
            deferred: vec![],
            requires: requires.iter().map(|s| (*s).to_owned()).collect(),
            has_id: true,
        }
    }

    #[test]
    fn loads_each_table_after_those_it_requires() {
        let tables = [t("c", &["b"]), t("b", &["a"]), t("a", &[]), t("d", &["x"])];
        let order: Vec<&str> = load_order(&tables)
            .unwrap()
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(order, ["a", "d", "b", "c"]);
        assert!(load_order(&[t("a", &["b"]), t("b", &["a"])]).is_err());
    }

    #[test]
    fn only_plain_names_reach_sql() {
        assert_eq!(identifier("product_group").unwrap(), "\"product_group\"");
        for bad in ["", "a\"b", "a;b", "Product", "a b"] {
            assert!(identifier(bad).is_err(), "{bad}");
        }
    }
}
