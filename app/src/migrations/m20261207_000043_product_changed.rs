//! `product.changed_ms`: when anything the open data API publishes of a product last changed,
//! in Unix milliseconds of the database's clock — its own columns, its certificates (through
//! the `product_listing` triggers, which update the product row whenever a certificate is
//! written), its photos, and its producer's name, type, commune or status. Database triggers
//! keep it, so no write path of the application can forget it, and a partner syncing with
//! `changed_since` misses nothing. Indexed with the id for the API's pages.
use sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Product {
    Table,
    ChangedMs,
}

const SQLITE_NOW: &str = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
const POSTGRES_NOW: &str = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

fn sqlite_triggers() -> Vec<String> {
    let touch = |rows: &str| format!("UPDATE product SET changed_ms = {SQLITE_NOW} WHERE {rows};");
    vec![
        format!(
            "CREATE TRIGGER product_changed_insert AFTER INSERT ON product BEGIN {} END",
            touch("id = new.id")
        ),
        // Its own update changes `changed_ms`, which the condition lets through.
        format!(
            "CREATE TRIGGER product_changed_update AFTER UPDATE ON product \
             WHEN new.changed_ms IS old.changed_ms BEGIN {} END",
            touch("id = new.id")
        ),
        format!(
            "CREATE TRIGGER product_changed_subject AFTER UPDATE OF name, subject_type, \
             commune_code, status ON subject BEGIN {} END",
            touch("subject_id = new.id")
        ),
        format!(
            "CREATE TRIGGER product_changed_photo_insert AFTER INSERT ON product_photo BEGIN {} END",
            touch("id = new.product_id")
        ),
        format!(
            "CREATE TRIGGER product_changed_photo_update AFTER UPDATE ON product_photo BEGIN {} END",
            touch("id IN (old.product_id, new.product_id)")
        ),
        format!(
            "CREATE TRIGGER product_changed_photo_delete AFTER DELETE ON product_photo BEGIN {} END",
            touch("id = old.product_id")
        ),
    ]
}

fn postgres_triggers() -> Vec<String> {
    vec![
        format!(
            "CREATE FUNCTION product_changed_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN NEW.changed_ms := {POSTGRES_NOW}; RETURN NEW; END $$"
        ),
        "CREATE TRIGGER product_changed BEFORE INSERT OR UPDATE ON product \
         FOR EACH ROW EXECUTE FUNCTION product_changed_stamp()"
            .to_owned(),
        // Touching the product row is enough: its own trigger stamps the time.
        "CREATE FUNCTION product_changed_touch() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN \
           IF TG_TABLE_NAME = 'subject' THEN \
             UPDATE product SET changed_ms = 0 WHERE subject_id = NEW.id; \
           ELSE \
             IF TG_OP <> 'INSERT' THEN \
               UPDATE product SET changed_ms = 0 WHERE id = OLD.product_id; \
             END IF; \
             IF TG_OP <> 'DELETE' THEN \
               UPDATE product SET changed_ms = 0 WHERE id = NEW.product_id; \
             END IF; \
           END IF; \
           RETURN NULL; \
         END $$"
            .to_owned(),
        "CREATE TRIGGER product_changed_subject AFTER UPDATE OF name, subject_type, \
         commune_code, status ON subject FOR EACH ROW EXECUTE FUNCTION product_changed_touch()"
            .to_owned(),
        "CREATE TRIGGER product_changed_photo AFTER INSERT OR UPDATE OR DELETE ON product_photo \
         FOR EACH ROW EXECUTE FUNCTION product_changed_touch()"
            .to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::migrations::add_columns(
            manager,
            Product::Table,
            vec![big_integer(Product::ChangedMs).default(0).to_owned()],
        )
        .await?;
        let (now, triggers) = match manager.get_database_backend() {
            DbBackend::Sqlite => (SQLITE_NOW, sqlite_triggers()),
            _ => (POSTGRES_NOW, postgres_triggers()),
        };
        let db = manager.get_connection();
        db.execute_unprepared(&format!("UPDATE product SET changed_ms = {now}"))
            .await?;
        for statement in triggers {
            db.execute_unprepared(&statement).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_product_changed")
                    .table(Product::Table)
                    .col(Product::ChangedMs)
                    .col(Alias::new("id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let drops: &[&str] = match manager.get_database_backend() {
            DbBackend::Sqlite => &[
                "DROP TRIGGER IF EXISTS product_changed_insert",
                "DROP TRIGGER IF EXISTS product_changed_update",
                "DROP TRIGGER IF EXISTS product_changed_subject",
                "DROP TRIGGER IF EXISTS product_changed_photo_insert",
                "DROP TRIGGER IF EXISTS product_changed_photo_update",
                "DROP TRIGGER IF EXISTS product_changed_photo_delete",
            ],
            _ => &[
                "DROP TRIGGER IF EXISTS product_changed ON product",
                "DROP TRIGGER IF EXISTS product_changed_subject ON subject",
                "DROP TRIGGER IF EXISTS product_changed_photo ON product_photo",
                "DROP FUNCTION IF EXISTS product_changed_stamp()",
                "DROP FUNCTION IF EXISTS product_changed_touch()",
            ],
        };
        for statement in drops {
            db.execute_unprepared(statement).await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("ix_product_changed")
                    .table(Product::Table)
                    .to_owned(),
            )
            .await?;
        crate::migrations::drop_columns(manager, Product::Table, [Product::ChangedMs]).await
    }
}
