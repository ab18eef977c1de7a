//! `product_change`: when anything the open data API publishes of a product last changed, in
//! Unix milliseconds of the database's clock — its own columns (photos included: changing them
//! touches the product), its certificates (through the `product_listing` triggers, which update
//! the product row whenever a certificate is written), and its producer's name, type, commune
//! or status. Database triggers keep it, so no write path of the application can forget it.
//!
//! A table of its own, not a column of `product`: it is a server's bookkeeping, left out of
//! backups (`backup::schema::VOLATILE_TABLES`), and a restore — whose inserts fire these
//! triggers — leaves the restored products exactly as they were, stamped as changed then (a
//! partner syncing after a restore is sent everything again, which is right). Indexed by time
//! for `changed_since` and the newest change.
use sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ProductChange {
    Table,
    ProductId,
    ChangedMs,
}

const SQLITE_NOW: &str = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
const POSTGRES_NOW: &str = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

/// Stamps the products `rows` selects (a `SELECT id FROM product WHERE …`) as changed now.
fn stamp(now: &str, rows: &str) -> String {
    format!(
        "INSERT INTO product_change (product_id, changed_ms) SELECT id, {now} FROM product \
         WHERE {rows} ON CONFLICT (product_id) DO UPDATE SET changed_ms = excluded.changed_ms;"
    )
}

fn sqlite_triggers() -> Vec<String> {
    vec![
        format!(
            "CREATE TRIGGER product_changed_insert AFTER INSERT ON product BEGIN {} END",
            stamp(SQLITE_NOW, "id = new.id")
        ),
        format!(
            "CREATE TRIGGER product_changed_update AFTER UPDATE ON product BEGIN {} END",
            stamp(SQLITE_NOW, "id = new.id")
        ),
        "CREATE TRIGGER product_changed_delete AFTER DELETE ON product BEGIN \
         DELETE FROM product_change WHERE product_id = old.id; END"
            .to_owned(),
        format!(
            "CREATE TRIGGER product_changed_subject AFTER UPDATE OF name, subject_type, \
             commune_code, status ON subject BEGIN {} END",
            stamp(SQLITE_NOW, "subject_id = new.id")
        ),
    ]
}

fn postgres_triggers() -> Vec<String> {
    vec![
        format!(
            "CREATE FUNCTION product_changed_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN \
               IF TG_TABLE_NAME = 'subject' THEN \
                 {} \
               ELSIF TG_OP = 'DELETE' THEN \
                 DELETE FROM product_change WHERE product_id = OLD.id; \
               ELSE \
                 {} \
               END IF; \
               RETURN NULL; \
             END $$",
            stamp(POSTGRES_NOW, "subject_id = NEW.id"),
            stamp(POSTGRES_NOW, "id = NEW.id"),
        ),
        "CREATE TRIGGER product_changed AFTER INSERT OR UPDATE OR DELETE ON product \
         FOR EACH ROW EXECUTE FUNCTION product_changed_stamp()"
            .to_owned(),
        "CREATE TRIGGER product_changed_subject AFTER UPDATE OF name, subject_type, \
         commune_code, status ON subject FOR EACH ROW EXECUTE FUNCTION product_changed_stamp()"
            .to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProductChange::Table)
                    .col(integer(ProductChange::ProductId).primary_key())
                    .col(big_integer(ProductChange::ChangedMs))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_change_at")
                    .table(ProductChange::Table)
                    .col(ProductChange::ChangedMs)
                    .to_owned(),
            )
            .await?;
        let (now, triggers) = match manager.get_database_backend() {
            DbBackend::Sqlite => (SQLITE_NOW, sqlite_triggers()),
            _ => (POSTGRES_NOW, postgres_triggers()),
        };
        let db = manager.get_connection();
        db.execute_unprepared(&stamp(now, "true")).await?;
        for statement in triggers {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let drops: &[&str] = match manager.get_database_backend() {
            DbBackend::Sqlite => &[
                "DROP TRIGGER IF EXISTS product_changed_insert",
                "DROP TRIGGER IF EXISTS product_changed_update",
                "DROP TRIGGER IF EXISTS product_changed_delete",
                "DROP TRIGGER IF EXISTS product_changed_subject",
            ],
            _ => &[
                "DROP TRIGGER IF EXISTS product_changed ON product",
                "DROP TRIGGER IF EXISTS product_changed_subject ON subject",
                "DROP FUNCTION IF EXISTS product_changed_stamp()",
            ],
        };
        for statement in drops {
            db.execute_unprepared(statement).await?;
        }
        manager
            .drop_table(Table::drop().table(ProductChange::Table).to_owned())
            .await
    }
}
